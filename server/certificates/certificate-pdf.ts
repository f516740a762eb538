import PDFDocument from "pdfkit";
import type { CertificateRecord } from "./certificate-model.ts";
import { certificateDate } from "./present-certificate.ts";

type Printable = Pick<
  CertificateRecord,
  "learnerName" | "moduleTitle" | "version" | "passedAt" | "code"
>;

/**
 * The certificate as an A4 landscape PDF: the same facts as the printable page, with the
 * verification address written out and linked, so a printed copy can still be checked.
 */
export function certificatePdf(c: Printable, verifyUrl: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: 56,
    info: {
      Title: `Certificate: ${c.moduleTitle}`,
      Author: c.learnerName,
      Subject: `${c.moduleTitle}, version ${c.version}, passed ${certificateDate(c.passedAt)}`,
      Creator: "Rapport",
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const width = doc.page.width - 112;
  doc
    .rect(28, 28, doc.page.width - 56, doc.page.height - 56)
    .lineWidth(3)
    .stroke("#1f5fbf");
  doc.moveDown(2);
  doc.font("Helvetica").fontSize(16).fillColor("#4a5263");
  doc.text("Certificate of completion", { align: "center", width });
  doc.moveDown(1.5);
  doc.font("Helvetica-Bold").fontSize(34).fillColor("#1d2330");
  doc.text(c.learnerName, { align: "center", width });
  doc.moveDown(0.8);
  doc.font("Helvetica").fontSize(16).fillColor("#4a5263");
  doc.text("passed the Rapport module", { align: "center", width });
  doc.moveDown(0.6);
  doc.font("Helvetica-Bold").fontSize(26).fillColor("#1d2330");
  doc.text(c.moduleTitle, { align: "center", width });
  doc.moveDown(0.8);
  doc.font("Helvetica").fontSize(14).fillColor("#4a5263");
  doc.text(`Version ${c.version} · ${certificateDate(c.passedAt)}`, { align: "center", width });
  doc.moveDown(3);
  doc.fontSize(11).text("Check that this certificate is genuine at", { align: "center", width });
  doc.fillColor("#1f5fbf").text(verifyUrl, { align: "center", width, link: verifyUrl });
  doc.end();
  return done;
}
