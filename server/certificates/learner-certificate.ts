import mongoose from "mongoose";
import { Module } from "../content/module-model.ts";
import { Attempt } from "../runtime/attempt-model.ts";
import type { CertificateRecord } from "./certificate-model.ts";
import { issueCertificate } from "./issue-certificate.ts";

/**
 * The learner's certificate for their latest passed version of a module, or null if they never
 * passed it. Issued here if the pass's own commit did not (a pass recorded before certificates
 * existed, or a failed write on that path): issuing is idempotent, so either path may win.
 */
export async function certificateForModule(
  userId: string,
  slug: string,
): Promise<CertificateRecord | null> {
  const mod = await Module.findOne({ slug }).select("_id").lean();
  if (!mod) return null;
  // The learner's attempts at one module, by the (userId, moduleId, number) index: a handful.
  const passed = await Attempt.find({
    userId: new mongoose.Types.ObjectId(userId),
    moduleId: mod._id,
    successRank: 2,
  })
    .select("version slug passedAt updatedAt")
    .lean();
  const latest = passed.sort((a, b) => b.version - a.version)[0];
  if (!latest) return null;
  return issueCertificate({
    userId,
    moduleId: mod._id,
    slug: latest.slug,
    version: latest.version,
    passedAt: latest.passedAt ?? latest.updatedAt ?? new Date(),
  });
}
