import yauzl from "yauzl";

// Reads a whole zip from memory, the way an LMS import would, so tests can look at every entry.

export interface UnzippedEntry {
  path: string;
  data: Buffer;
}

export function unzip(zip: Buffer): Promise<UnzippedEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true, strictFileNames: true }, (err, archive) => {
      if (err) return reject(err);
      const entries: UnzippedEntry[] = [];
      archive.on("error", reject);
      archive.on("end", () => resolve(entries));
      archive.on("entry", (entry: yauzl.Entry) => {
        archive.openReadStream(entry, (streamErr, stream) => {
          if (streamErr) return reject(streamErr);
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("error", reject);
          stream.on("end", () => {
            entries.push({ path: entry.fileName, data: Buffer.concat(chunks) });
            archive.readEntry();
          });
        });
      });
      archive.readEntry();
    });
  });
}
