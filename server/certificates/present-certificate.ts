import type { CertificateRecord } from "./certificate-model.ts";

/** "1 December 2026": the date a certificate states, in words so no reader misreads 1/12. */
export function certificateDate(d: Date): string {
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(d);
}

/** What a certificate page shows: nothing about the learner but the name they chose to show. */
export function presentCertificate(c: CertificateRecord, publicUrl: string) {
  return {
    code: c.code,
    learnerName: c.learnerName,
    moduleTitle: c.moduleTitle,
    slug: c.slug,
    version: c.version,
    date: certificateDate(c.passedAt),
    isoDate: c.passedAt.toISOString().slice(0, 10),
    verifyPath: `/certificates/verify/${c.code}`,
    verifyUrl: `${publicUrl.replace(/\/$/, "")}/certificates/verify/${c.code}`,
  };
}
