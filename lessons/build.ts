// CLI: validates and compiles lessons/ into lessons/.build/course.json (run by npm start, test, build).
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ContentError, type ContentProblem, compileCourse, formatProblem } from "./compiler.ts";
import { readLessonFiles } from "./files.ts";

const root = dirname(fileURLToPath(import.meta.url));

const warnings: ContentProblem[] = [];
const printWarnings = () => {
  if (warnings.length > 0) console.warn(`The course has ${warnings.length} warning(s):\n${warnings.map(formatProblem).join("\n")}`);
};

try {
  const compiled = compileCourse(readLessonFiles(root), warnings);
  printWarnings();
  const body = JSON.stringify(compiled);
  const version = createHash("sha256").update(body).digest("hex").slice(0, 16);
  const out = join(root, ".build", "course.json");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ version, ...compiled }));
  const count = Object.keys(compiled.questions).length;
  console.log(`lessons: ${compiled.modules.length} modules, ${count} questions → ${relative(process.cwd(), out)} (${version})`);
} catch (error) {
  if (error instanceof ContentError) {
    printWarnings();
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
