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
  /** Folders and file name in one path: "a/b/c.md" is 3. */
  maxPathDepth: number;
  /** Characters in one folder or file name. */
  maxNameLength: number;
  /** Characters in a whole path. */
  maxPathLength: number;
}

/** Why a zip was refused, in words for the person who uploaded it. */
export class UnsafeZipError extends Error {}

// Folders that zip tools add and nobody means to import.
const IGNORED = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$)/;

/**
 * Extracts a zip held in memory into `dest`, refusing anything that could escape the folder
 * (absolute paths, "..", links), exhaust the disk (too many entries, too many bytes, counted as
 * they are unpacked rather than as the zip states them), or that the file system cannot hold
 * (very deep or long paths, one name used for both a file and a folder). Every refusal is an
 * UnsafeZipError naming the entry.
 */
export async function unzipSafely(
  zip: Buffer,
  dest: string,
  limits: UnzipLimits,
): Promise<string[]> {
  const archive = await open(zip);
  const written: string[] = [];
  const kinds = new Map<string, "file" | "folder">();
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
      checkPathShape(name, limits);
      const target = safeTarget(dest, name);
      if (IGNORED.test(name)) continue;
      if (isSymlink(entry)) throw new UnsafeZipError(`${name}: links are not accepted in a zip.`);
      const isFolder = name.endsWith("/");
      claim(kinds, name, isFolder);
      if (isFolder) {
        await unpackStep(name, () => mkdir(target, { recursive: true }));
        continue;
      }
      if (entry.uncompressedSize > limits.maxFileBytes) throw tooBig(name, limits.maxFileBytes);
      await unpackStep(name, () => mkdir(dirname(target), { recursive: true }));
      const stream = await openEntry(archive, entry);
      let fileBytes = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          fileBytes += chunk.length;
          total += chunk.length;
          if (fileBytes > limits.maxFileBytes) return done(tooBig(name, limits.maxFileBytes));
          if (total > limits.maxTotalBytes) {
            return done(
              new UnsafeZipError(`The zip unpacks to more than ${mb(limits.maxTotalBytes)}.`),
            );
          }
          done(null, chunk);
        },
      });
      await unpackStep(name, () =>
        pipeline(stream, counter, createWriteStream(target, { flags: "wx" })),
      );
      written.push(name);
    }
  } finally {
    archive.close();
  }
  return written;
}

/** Depth, name length and path length, checked before anything touches the disk. */
function checkPathShape(name: string, limits: UnzipLimits): void {
  const shown = name.length > 80 ? `${name.slice(0, 60)}…` : name;
  if (name.length > limits.maxPathLength) {
    throw new UnsafeZipError(
      `${shown}: this path is longer than ${limits.maxPathLength} characters.`,
    );
  }
  const parts = name.split("/").filter((p) => p !== "");
  if (parts.length > limits.maxPathDepth) {
    throw new UnsafeZipError(
      `${shown}: this path is nested deeper than ${limits.maxPathDepth} levels.`,
    );
  }
  const long = parts.find((p) => p.length > limits.maxNameLength);
  if (long) {
    throw new UnsafeZipError(
      `${shown}: the name "${long.slice(0, 40)}…" is longer than ${limits.maxNameLength} characters.`,
    );
  }
}

/**
 * Records `name` as a file or folder, refusing a name the zip already used, or uses the other
 * way round: "notes" as a file and "notes/a.md" inside it cannot both be unpacked.
 */
function claim(kinds: Map<string, "file" | "folder">, name: string, isFolder: boolean): void {
  const parts = name.split("/").filter((p) => p !== "");
  for (let i = 1; i < parts.length; i++) {
    const folder = parts.slice(0, i).join("/");
    if (kinds.get(folder) === "file") throw bothFileAndFolder(folder);
    kinds.set(folder, "folder");
  }
  const path = parts.join("/");
  const before = kinds.get(path);
  if (isFolder) {
    if (before === "file") throw bothFileAndFolder(path);
    kinds.set(path, "folder");
    return;
  }
  if (before === "folder") throw bothFileAndFolder(path);
  if (before === "file") {
    throw new UnsafeZipError(`${name}: this file appears twice in the zip.`);
  }
  kinds.set(path, "file");
}

const bothFileAndFolder = (path: string) =>
  new UnsafeZipError(`${path}: this name is used for both a file and a folder in the zip.`);

/**
 * Runs one step of unpacking an entry. What it throws becomes a refusal naming the entry: the
 * zip's own errors (sizes that do not match what it states, damaged data) and the file
 * system's (a name it cannot store) alike, since each means this zip cannot be unpacked.
 */
async function unpackStep(name: string, step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (err) {
    if (err instanceof UnsafeZipError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST" || code === "ENOTDIR" || code === "EISDIR") {
      throw new UnsafeZipError(`${name}: this name clashes with another entry in the zip.`);
    }
    if (code === "ENAMETOOLONG") {
      throw new UnsafeZipError(`${name}: this path is too long to unpack.`);
    }
    throw new UnsafeZipError(
      `${name}: this entry is damaged and cannot be unpacked (${(err as Error).message}).`,
    );
  }
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
    // validateEntrySizes makes it fail an entry whose data is longer or shorter than stated.
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
