// A Vite plugin that builds web/src/sw.ts into dist/sw.js, filled in with this build's precache list and version.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { type Plugin, type Rolldown, transformWithOxc } from "vite";

type OutputBundle = Rolldown.OutputBundle;

/** Pages behind these lazy imports are not precached: students never open them, so their phones never download them. */
const NOT_PRECACHED = /\/pages\/instructor\//;

/** The entry chunk and everything it imports or lazily loads (its CSS included), minus the NOT_PRECACHED pages. */
export function shellFiles(bundle: OutputBundle): string[] {
  const files = new Set<string>();
  const visit = (fileName: string) => {
    const item = bundle[fileName];
    if (!item || files.has(fileName)) return;
    files.add(fileName);
    if (item.type !== "chunk") return;
    for (const css of item.viteMetadata?.importedCss ?? []) files.add(css);
    for (const dep of item.imports) visit(dep);
    for (const dep of item.dynamicImports) {
      const lazy = bundle[dep];
      if (lazy?.type === "chunk" && lazy.facadeModuleId && NOT_PRECACHED.test(lazy.facadeModuleId)) continue;
      visit(dep);
    }
  };
  for (const item of Object.values(bundle)) if (item.type === "chunk" && item.isEntry) visit(item.fileName);
  return [...files].sort();
}

export function serviceWorker(options: { source: string; publicFiles: string[] }): Plugin {
  return {
    name: "qadam-service-worker",
    apply: "build",
    // After Vite's own plugins, so the bundle holds the final index.html.
    enforce: "post",
    async generateBundle(_output, bundle) {
      const urls = ["/", ...shellFiles(bundle).map((f) => `/${f}`), ...options.publicFiles];
      const html = bundle["index.html"];
      const source = await readFile(options.source, "utf8");
      const { code } = await transformWithOxc(source, options.source);
      const version = createHash("sha256")
        .update(JSON.stringify(urls))
        .update(html?.type === "asset" ? html.source : "")
        .update(code)
        .digest("hex")
        .slice(0, 12);
      const script = code
        // A classic worker script: the `export {}` that made sw.ts a module for TypeScript must go.
        .replace(/^export\s*\{\s*\};?\s*$/m, "")
        .replaceAll(/\b__QADAM_PRECACHE__\b/g, JSON.stringify(urls))
        .replaceAll(/\b__QADAM_VERSION__\b/g, JSON.stringify(version));
      if (/__QADAM_|\bexport\b/.test(script)) throw new Error("sw.ts: a build constant or an export was left in sw.js");
      this.emitFile({ type: "asset", fileName: "sw.js", source: script });
    },
  };
}
