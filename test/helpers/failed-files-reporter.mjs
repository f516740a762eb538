// A node:test reporter that writes the path of every test file with a failure, one per line, so
// the runner can run those files again (test/run-tests.ts). Plain JavaScript because node:test
// loads reporters before tsx's loader is in place.
export default async function* failedFiles(source) {
  const seen = new Set();
  for await (const event of source) {
    const file = event.data?.file;
    if (event.type === "test:fail" && file && !seen.has(file)) {
      seen.add(file);
      yield `${file}\n`;
    }
  }
}
