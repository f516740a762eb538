import type { Readable } from "node:stream";
import yazl from "yazl";
import { Module } from "../content/module-model.ts";
import { type ModuleContent, storedContent } from "../content/module-schema.ts";
import { notFound } from "../http/http-errors.ts";
import { courseFolderFiles } from "./course-folder-files.ts";

export interface CourseZip {
  fileName: string;
  stream: Readable;
}

/**
 * The module's current DRAFT as a zip of its courses/<slug>/ folder, for keeping in git or moving
 * to another Rapport. (Published versions are exported as SCORM packages instead.)
 */
export async function exportCourseZip(input: { slug: string }): Promise<CourseZip> {
  const mod = await Module.findOne({ slug: input.slug }).select("draft").lean();
  if (!mod) throw notFound("Module");
  // A draft saved before a Markdown limit existed still exports, so it can be fixed elsewhere.
  const content = storedContent.parse(mod.draft);
  return { fileName: `${content.slug}.zip`, stream: courseZipStream(content) };
}

export function courseZipStream(content: ModuleContent): Readable {
  const zip = new yazl.ZipFile();
  // A fixed date keeps two exports of the same draft byte-identical.
  const mtime = new Date(2020, 0, 1, 0, 0, 0);
  for (const file of courseFolderFiles(content)) {
    zip.addBuffer(Buffer.from(file.text, "utf8"), `${content.slug}/${file.name}`, {
      mtime,
      mode: 0o100644,
      forceDosTimestamp: true,
    });
  }
  zip.end();
  return zip.outputStream as unknown as Readable;
}
