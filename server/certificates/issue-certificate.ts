import { randomBytes } from "node:crypto";
import mongoose from "mongoose";
import { User } from "../auth/user-model.ts";
import { ModuleVersion } from "../content/module-version-model.ts";
import { isDuplicateKey } from "../db/duplicate-key.ts";
import { Certificate, type CertificateRecord } from "./certificate-model.ts";

export interface PassedVersion {
  userId: mongoose.Types.ObjectId | string;
  moduleId: mongoose.Types.ObjectId;
  slug: string;
  version: number;
  passedAt: Date;
}

export const newCertificateCode = () => randomBytes(16).toString("base64url");
export const CERTIFICATE_CODE = /^[A-Za-z0-9_-]{22}$/;

/**
 * The learner's certificate for a passed module version, issued on first call and returned as
 * it is on every later one. Simultaneous calls (the pass's commit and a first page view, two
 * tabs) all get the one document: the unique (user, module, version) index refuses the others.
 */
export async function issueCertificate(p: PassedVersion): Promise<CertificateRecord> {
  const userId = new mongoose.Types.ObjectId(String(p.userId));
  const where = { userId, moduleId: p.moduleId, version: p.version };
  const existing = await Certificate.findOne(where).lean();
  if (existing) return existing;
  const [user, version] = await Promise.all([
    User.findById(userId).select("displayName").lean(),
    ModuleVersion.findOne({ moduleId: p.moduleId, version: p.version })
      .select("content.title")
      .lean(),
  ]);
  const moduleTitle = (version?.content as { title?: string } | undefined)?.title ?? p.slug;
  try {
    await Certificate.collection.updateOne(
      where,
      {
        $setOnInsert: {
          code: newCertificateCode(),
          slug: p.slug,
          moduleTitle,
          learnerName: user?.displayName ?? "Learner",
          passedAt: p.passedAt,
          issuedAt: new Date(),
        },
      },
      { upsert: true },
    );
  } catch (err) {
    // Two upserts that both found nothing: the second insert is refused, the first one stands.
    if (!isDuplicateKey(err)) throw err;
  }
  const issued = await Certificate.findOne(where).lean();
  if (!issued) throw new Error("certificate was not stored");
  return issued;
}
