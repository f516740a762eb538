import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import type { CertificateRecord } from "./certificate-model.ts";
import { certificateDate } from "./present-certificate.ts";

type Printable = Pick<
  CertificateRecord,
  "learnerName" | "moduleTitle" | "version" | "passedAt" | "code"
>;

// pdfkit's built-in fonts cover Latin-1 only, so a learner called Иван or Ελένη would get a PDF
// of missing glyphs: the text is set in DejaVu Sans (Latin, Greek, Cyrillic, Hebrew, Armenian,
// Georgian and more; embedded, only the glyphs used). Chinese, Japanese and Korean are not in it:
// for those the printable page, set in the browser's fonts, is the one to print.
const fontFile = createRequire(import.meta.url).resolve;
const REGULAR = fontFile("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
const BOLD = fontFile("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf");

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
  doc.registerFont("regular", REGULAR);
  doc.registerFont("bold", BOLD);
  const width = doc.page.width - 112;
  doc
    .rect(28, 28, doc.page.width - 56, doc.page.height - 56)
    .lineWidth(3)
    .stroke("#1f5fbf");
  // Each line: the space before it (in lines), then its font, size, colour and text.
  const MUTED = "#4a5263";
  const INK = "#1d2330";
  const lines: [number, string, number, string, string][] = [
    [2, "regular", 16, MUTED, "Certificate of completion"],
    [1.5, "bold", 34, INK, c.learnerName],
    [0.8, "regular", 16, MUTED, "passed the Rapport module"],
    [0.6, "bold", 26, INK, c.moduleTitle],
    [0.8, "regular", 14, MUTED, `Version ${c.version} · ${certificateDate(c.passedAt)}`],
    [3, "regular", 11, MUTED, "Check that this certificate is genuine at"],
  ];
  for (const [space, font, size, colour, text] of lines) {
    doc.moveDown(space);
    doc.font(font).fontSize(size).fillColor(colour).text(text, { align: "center", width });
  }
  doc.fillColor("#1f5fbf").text(verifyUrl, { align: "center", width, link: verifyUrl });
  doc.end();
  return done;
}
