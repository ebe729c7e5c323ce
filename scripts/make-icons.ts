// Renders the app icons for the web app manifest (PNG, any and maskable) from web/public/icon.svg in Chromium.
// Run `npx tsx scripts/make-icons.ts` after changing the icon; the PNGs are committed, so builds need no browser.
import { readFile, writeFile } from "node:fs/promises";
import { chromium } from "playwright-core";

const out = new URL("../web/public/icons/", import.meta.url);
const svg = await readFile(new URL("../web/public/icon.svg", import.meta.url), "utf8");
const background = /<rect[^>]*fill="(#[0-9a-f]{6})"/i.exec(svg)?.[1] ?? "#0d5c57";
const step = /<path[^>]*\/>/.exec(svg)?.[0];
if (!step) throw new Error("icon.svg has no <path> to put on the maskable icon");

/**
 * Maskable: the platform cuts the icon to its own shape, keeping at least the centre circle of 80% of the
 * width, so the background fills the whole square and the mark is shrunk to sit well inside that circle.
 */
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="${background}"/><g transform="translate(32 32) scale(0.72) translate(-32 -34)">${step}</g></svg>`;

const icons = [
  { file: "icon-192.png", size: 192, source: svg },
  { file: "icon-512.png", size: 512, source: svg },
  { file: "maskable-192.png", size: 192, source: maskable },
  { file: "maskable-512.png", size: 512, source: maskable },
  { file: "apple-touch-icon.png", size: 180, source: maskable },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size }, deviceScaleFactor: 1 });
    const img = `data:image/svg+xml;base64,${Buffer.from(icon.source).toString("base64")}`;
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><img src="${img}" width="${icon.size}" height="${icon.size}"></body></html>`,
    );
    await page.waitForFunction(() => document.images[0]?.complete);
    await writeFile(
      new URL(icon.file, out),
      await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: icon.size, height: icon.size } }),
    );
    await page.close();
    console.log(`web/public/icons/${icon.file} (${icon.size}×${icon.size})`);
  }
} finally {
  await browser.close();
}
