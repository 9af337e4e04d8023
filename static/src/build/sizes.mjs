// Prints the built assets' sizes, raw and gzip-compressed, and fails when over budget.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGETS = { "static/dist/main.css": 15 * 1024, "static/dist/main.js": 8 * 1024 };
let over = false;
for (const [path, budget] of Object.entries(BUDGETS)) {
  const bytes = readFileSync(path);
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  const ok = gzipped <= budget;
  over ||= !ok;
  console.log(
    `${path}: ${(bytes.length / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzip ` +
      `(budget ${budget / 1024} KB gzip) ${ok ? "ok" : "OVER BUDGET"}`,
  );
}
if (over) process.exit(1);
