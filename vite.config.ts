import { defineConfig } from "vite";
import solid from "vite-plugin-solid";
import { serviceWorker } from "./scripts/sw-plugin.ts";

export default defineConfig({
  root: "web",
  // sw.js precaches the student's app shell; the manifest and icons come from web/public.
  plugins: [solid(), serviceWorker({ source: "web/src/sw.ts", publicFiles: ["/icon.svg", "/manifest.webmanifest"] })],
  // The manifest (dist/.vite/manifest.json) lets `npm run bench` walk what each route downloads.
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", sourcemap: false, manifest: true },
  server: { port: 5173, proxy: { "/api": "http://localhost:8787" } },
});
