export const ROLES = ["learner", "author", "admin"] as const;
export type Role = (typeof ROLES)[number];

// Each role can do everything the roles before it can: an admin is also an author and a learner.
const RANK: Record<Role, number> = { learner: 0, author: 1, admin: 2 };

export function hasRole(actual: Role, needed: Role): boolean {
  return RANK[actual] >= RANK[needed];
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
