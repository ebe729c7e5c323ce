// Reads a lessons/ tree from disk into the path → text map that compileCourse takes (Node only).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const contentFile = /\.(ya?ml|md)$/;

export function readLessonFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const folder of readdirSync(dir).sort()) {
    const path = join(dir, folder);
    if (folder.startsWith(".") || !statSync(path).isDirectory()) continue;
    for (const name of readdirSync(path).sort()) {
      if (contentFile.test(name)) files.set(`${folder}/${name}`, readFileSync(join(path, name), "utf8"));
    }
  }
  return files;
}
