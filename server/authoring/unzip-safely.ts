import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, isAbsolute, join, normalize, sep } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";

export interface UnzipLimits {
  maxEntries: number;
  /** Per file and in total, as actually read (a zip's stated sizes can lie). */
  maxFileBytes: number;
  maxTotalBytes: number;
}

/** Why a zip was refused, in words for the person who uploaded it. */
export class UnsafeZipError extends Error {}

// Folders that zip tools add and nobody means to import.
const IGNORED = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$)/;

/**
 * Extracts a zip held in memory into `dest`, refusing anything that could escape the folder
 * (absolute paths, "..", links) or exhaust the disk (too many entries, too many bytes).
 */
export async function unzipSafely(
  zip: Buffer,
  dest: string,
  limits: UnzipLimits,
): Promise<string[]> {
  const archive = await open(zip);
  const written: string[] = [];
  let total = 0;
  let entries = 0;
  try {
    for (;;) {
      const entry = await nextEntry(archive);
      if (!entry) break;
      entries++;
      if (entries > limits.maxEntries) {
        throw new UnsafeZipError(`The zip holds more than ${limits.maxEntries} files.`);
      }
      const name = entry.fileName;
      const target = safeTarget(dest, name);
      if (IGNORED.test(name)) continue;
      if (isSymlink(entry)) throw new UnsafeZipError(`${name}: links are not accepted in a zip.`);
      if (name.endsWith("/")) {
        await mkdir(target, { recursive: true });
        continue;
      }
      if (entry.uncompressedSize > limits.maxFileBytes) throw tooBig(name, limits.maxFileBytes);
      await mkdir(dirname(target), { recursive: true });
      const stream = await openEntry(archive, entry);
      const counter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          total += chunk.length;
          if (total > limits.maxTotalBytes) {
            return done(
              new UnsafeZipError(`The zip unpacks to more than ${mb(limits.maxTotalBytes)}.`),
            );
          }
          done(null, chunk);
        },
      });
      await pipeline(stream, counter, createWriteStream(target, { flags: "wx" })).catch((err) => {
        if ((err as { code?: string }).code === "EEXIST") {
          throw new UnsafeZipError(`${name}: this file appears twice in the zip.`);
        }
        throw err;
      });
      written.push(name);
    }
  } finally {
    archive.close();
  }
  return written;
}

/** Where an entry would land, or a refusal when its path leaves `dest`. */
function safeTarget(dest: string, name: string): string {
  const outside = new UnsafeZipError(
    `${name}: this path points outside the zip's folder, so the zip was refused.`,
  );
  if (name.includes("\\") || isAbsolute(name) || /^[a-zA-Z]:/.test(name)) throw outside;
  if (name.split("/").includes("..")) throw outside;
  const target = normalize(join(dest, name));
  if (target !== dest && !target.startsWith(dest + sep)) throw outside;
  return target;
}

function isSymlink(entry: yauzl.Entry): boolean {
  const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
  return mode === 0o120000;
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const tooBig = (name: string, max: number) =>
  new UnsafeZipError(`${name}: larger than ${mb(max)} once unpacked.`);

function open(zip: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // yauzl checks file names too (its refusals are reworded by asUnsafe); both checks must pass.
    yauzl.fromBuffer(zip, { lazyEntries: true, validateEntrySizes: true }, (err, archive) => {
      if (err)
        reject(new UnsafeZipError(`This is not a zip file Rapport can read (${err.message}).`));
      else resolve(archive);
    });
  });
}

function nextEntry(archive: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: yauzl.Entry) => done(() => resolve(entry));
    const onEnd = () => done(() => resolve(null));
    const onError = (err: Error) => done(() => reject(asUnsafe(err)));
    const done = (settle: () => void) => {
      archive.off("entry", onEntry).off("end", onEnd).off("error", onError);
      settle();
    };
    archive.on("entry", onEntry).on("end", onEnd).on("error", onError);
    archive.readEntry();
  });
}

function openEntry(archive: yauzl.ZipFile, entry: yauzl.Entry) {
  return new Promise<NodeJS.ReadableStream>((resolve, reject) => {
    archive.openReadStream(entry, (err, stream) => (err ? reject(asUnsafe(err)) : resolve(stream)));
  });
}

/** yauzl's refusals ("invalid relative path: ../evil") become a message for the uploader. */
function asUnsafe(err: Error): Error {
  if (/invalid relative path|absolute path|invalid characters in fileName/.test(err.message)) {
    const name = err.message.split(": ").slice(1).join(": ") || "a file";
    return new UnsafeZipError(
      `${name}: this path points outside the zip's folder, so the zip was refused.`,
    );
  }
  return new UnsafeZipError(`The zip is damaged and cannot be read (${err.message}).`);
}
