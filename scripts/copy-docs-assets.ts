// Build step: copies Scalar's standalone browser bundle into web/public (so Vite ships it in web/dist and serves it in dev); /api/docs needs no CDN.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SCALAR_SCRIPT_PATH } from "../worker/docsAssets.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
// The package's exports map does not list the browser build, so find it beside the resolved entry point.
const entry = createRequire(import.meta.url).resolve("@scalar/api-reference");
const source = join(dirname(entry), "browser", "standalone.js");
const target = join(root, "web", "public", SCALAR_SCRIPT_PATH);

const bundle = await readFile(source, "utf8");
if (!bundle.includes("createApiReference")) throw new Error(`${source} is not Scalar's standalone bundle`);
await mkdir(dirname(target), { recursive: true });
// The source map is not shipped (17 MB); drop its reference so browsers do not ask for it.
await writeFile(target, bundle.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n"));
console.log(`API reference: ${source} → ${target} (${Math.round(bundle.length / 1024)} KB)`);
