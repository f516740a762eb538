/** A unique index refused the write (MongoDB's E11000): the thing already exists. */
export const isDuplicateKey = (err: unknown): boolean => (err as { code?: number }).code === 11000;
