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

/** The interface languages; a first load brings the strings of one of them, and the largest is counted. */
export const UI_LANGS = ["ru", "en", "kk"] as const;

/**
 * The UI strings a page awaits before it renders (web/src/i18n.ts) in one language: the core set always, plus every
 * `loadStrings("x")` in the page's source or anything it imports.
 */
export function stringSets(root: string, page: string | null, lang: (typeof UI_LANGS)[number] = "ru"): string[] {
  const web = join(root, "web");
  const sets = new Set([`src/locales/${lang}.ts`]);
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    for (const m of source.matchAll(/loadStrings\("(\w+)"\)/g)) sets.add(`src/locales/${m[1]}.${lang}.ts`);
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
  const code = closure(manifest, entryKey);
  // The entry as counted below: its code and the core strings of the heaviest language.
  const entry = { js: new Set(code.js), css: new Set(code.css) };
  let heaviestEntry = -1;
  // Every language's core strings: what an instructor page brings beyond the entry is counted without them.
  const coreJs = new Set<string>();
  for (const lang of UI_LANGS) {
    const js = new Set(code.js);
    const css = new Set(code.css);
    for (const set of stringSets(root, null, lang)) closure(manifest, set, js, css);
    for (const f of js) coreJs.add(f);
    const gzip = (await sizesOf(dist, js)).gzip;
    if (gzip > heaviestEntry) [heaviestEntry, entry.js, entry.css] = [gzip, js, css];
  }
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
    let bundle: RouteBundle | undefined;
    let js = new Set<string>();
    let css = new Set<string>();
    // Each language's strings load only when chosen: the route's first load is its heaviest language's.
    for (const lang of UI_LANGS) {
      const withCode = src ? closure(manifest, src, new Set(code.js), new Set(code.css)) : { js: new Set(code.js), css: new Set(code.css) };
      for (const set of stringSets(root, src, lang)) closure(manifest, set, withCode.js, withCode.css);
      const candidate: RouteBundle = {
        route,
        chunk: src,
        audience,
        js: await sizesOf(dist, withCode.js),
        css: await sizesOf(dist, withCode.css),
      };
      if (!bundle || candidate.js.gzip > bundle.js.gzip) [bundle, js, css] = [candidate, withCode.js, withCode.css];
    }
    if (!bundle) continue;
    routes.push(bundle);
    if (audience === "instructor") {
      for (const f of js) if (!coreJs.has(f)) instructorJs.add(f);
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
