// The worksheet functions' metadata (dist/addin/functions.json), generated from the JSDoc tags of
// addin/functions/functions.ts by Microsoft's custom-functions-metadata. Run after build-addin.mjs
// (which empties dist/addin); a tag it cannot read fails the build.
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const source = path.join(root, "addin", "functions", "functions.ts");
const result = await generateCustomFunctionsMetadata(source);
if (result.errors.length) {
  console.error(`build-functions: ${source}:\n${result.errors.join("\n")}`);
  process.exit(1);
}
await mkdir(path.join(root, "dist", "addin"), { recursive: true });
await writeFile(path.join(root, "dist", "addin", "functions.json"), result.metadataJson + "\n");
