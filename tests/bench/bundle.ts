// What a first visit downloads, per route: walks the Vite manifest from the entry and each route's lazy chunk, gzip and brotli.
import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface Sizes {
  files: number;
  raw: number;
  gzip: number;
  brotli: number;
}
export interface RouteBundle {
  route: string;
  /** The page module that route loads lazily, or null when it is part of the entry. */
  chunk: string | null;
  audience: "student" | "instructor";
  js: Sizes;
  css: Sizes;
}
export interface BundleReport {
  budgetGzipBytes: number;
  entry: { js: Sizes; css: Sizes };
  routes: RouteBundle[];
  /** Every lazily loaded instructor page together (what an instructor downloads beyond the student's first load). */
  instructor: { js: Sizes; css: Sizes };
  worstStudentJsGzip: number;
  overBudget: string[];
  /** Routes in web/src/main.tsx whose page is not in this build's manifest (the source changed after the build). */
  notBuilt: string[];
}

export const FIRST_LOAD_BUDGET_GZIP = 35 * 1024;

/** Route path → the source file its component is lazily imported from (null: in the entry), read from web/src/main.tsx. */
export function lazyRoutes(mainTsx: string): Map<string, string | null> {
  const lazyFile = new Map<string, string>();
  for (const m of mainTsx.matchAll(/const (\w+) = lazy\(\(\) => import\("\.\/([^"]+)"\)/g)) lazyFile.set(m[1]!, `src/${m[2]}`);
  const routes = new Map<string, string | null>();
  // The pages record (`"/deck": { component: Deck }`, one entry per path of appRoutes.ts) and any literal <Route>.
  for (const m of mainTsx.matchAll(/^\s*"([^"]+)": \{ component: (\w+)/gm)) routes.set(m[1]!, lazyFile.get(m[2]!) ?? null);
  for (const m of mainTsx.matchAll(/<Route path="([^"]+)" component=\{(\w+)\}/g)) routes.set(m[1]!, lazyFile.get(m[2]!) ?? null);
  return routes;
}

async function sizesOf(dist: string, files: Iterable<string>): Promise<Sizes> {
  const sizes: Sizes = { files: 0, raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const bytes = await readFile(join(dist, file));
    sizes.files++;
    sizes.raw += bytes.length;
    // Each file is its own response, so each is compressed on its own, at the levels a CDN serves.
    sizes.gzip += gzipSync(bytes, { level: 9 }).length;
    sizes.brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return sizes;
}

/** The chunk's own file, its static imports (transitively) and their CSS: what loading it fetches. */
function closure(manifest: Manifest, key: string, js = new Set<string>(), css = new Set<string>()) {
  const chunk = manifest[key];
  if (!chunk || js.has(chunk.file)) return { js, css };
  js.add(chunk.file);
  for (const c of chunk.css ?? []) css.add(c);
  for (const i of chunk.imports ?? []) closure(manifest, i, js, css);
  return { js, css };
}

/**
 * The UI strings a page awaits before it renders (web/src/i18n.ts): the core set always, plus every
 * `loadStrings("x")` in the page's source or anything it imports. Russian, the larger language, is counted.
 */
export function stringSets(root: string, page: string | null): string[] {
  const web = join(root, "web");
  const sets = new Set(["src/locales/ru.ts"]);
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    for (const m of source.matchAll(/loadStrings\("(\w+)"\)/g)) sets.add(`src/locales/${m[1]}.ru.ts`);
    // Re-exports (`export { x } from "./y.tsx"`) load their module too.
    for (const m of source.matchAll(/^(?:import|export) [^"]*"(\.{1,2}\/[^"]+\.tsx?)";/gm)) visit(join(dirname(file), m[1]!));
  };
  if (page) visit(join(web, page));
  return [...sets].map((f) => relative(web, join(web, f)));
}

export async function analyseBundle(root: string): Promise<BundleReport> {
  const dist = join(root, "web", "dist");
  const manifest = JSON.parse(await readFile(join(dist, ".vite", "manifest.json"), "utf8")) as Manifest;
  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entryKey) throw new Error("web/dist/.vite/manifest.json has no entry: is build.manifest on in vite.config.ts?");
  const entry = closure(manifest, entryKey);
  for (const set of stringSets(root, null)) closure(manifest, set, entry.js, entry.css);
  const routes: RouteBundle[] = [];
  const instructorJs = new Set<string>();
  const instructorCss = new Set<string>();
  const overBudget: string[] = [];
  const notBuilt: string[] = [];
  let worstStudentJsGzip = 0;
  for (const [route, src] of lazyRoutes(await readFile(join(root, "web", "src", "main.tsx"), "utf8"))) {
    const audience = src?.includes("/instructor/") ? "instructor" : "student";
    // main.tsx may have moved on since the build (a page added meanwhile): report it rather than guess its size.
    if (src && !manifest[src]) {
      notBuilt.push(`${route} (${src})`);
      continue;
    }
    const { js, css } = src ? closure(manifest, src, new Set(entry.js), new Set(entry.css)) : entry;
    for (const set of stringSets(root, src)) closure(manifest, set, js, css);
    const bundle: RouteBundle = { route, chunk: src, audience, js: await sizesOf(dist, js), css: await sizesOf(dist, css) };
    routes.push(bundle);
    if (audience === "instructor") {
      for (const f of js) if (!entry.js.has(f)) instructorJs.add(f);
      for (const f of css) if (!entry.css.has(f)) instructorCss.add(f);
    } else {
      worstStudentJsGzip = Math.max(worstStudentJsGzip, bundle.js.gzip);
      if (bundle.js.gzip > FIRST_LOAD_BUDGET_GZIP) overBudget.push(route);
    }
  }
  return {
    budgetGzipBytes: FIRST_LOAD_BUDGET_GZIP,
    entry: { js: await sizesOf(dist, entry.js), css: await sizesOf(dist, entry.css) },
    routes,
    instructor: { js: await sizesOf(dist, instructorJs), css: await sizesOf(dist, instructorCss) },
    worstStudentJsGzip,
    overBudget,
    notBuilt,
  };
}
