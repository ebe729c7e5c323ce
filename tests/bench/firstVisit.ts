// What a first visit costs on the wire with the service worker and without it: a counting proxy in front of the Worker
// sees every byte the browser (page and worker alike) downloads, from an empty cache each time.
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { chromium } from "playwright-core";
import { CHROME_FLAGS } from "./lighthouse.ts";

export interface FirstVisit {
  page: string;
  /** Bytes downloaded by the page load (and what it started within `settleMs`), service workers blocked. */
  withoutWorker: number;
  /** The same with the service worker allowed to install. */
  withWorker: number;
  /** withWorker / withoutWorker: the budget is ≈ 1.2. */
  ratio: number;
  /** With the worker, everything it had fetched `laterMs` after the load: the rest of the shell, fetched once idle. */
  withWorkerLater: number;
}

/** A proxy that forwards to `origin` and counts response bytes as sent (compressed, headers excluded). */
async function countingProxy(origin: string) {
  const target = new URL(origin);
  let bytes = 0;
  const server = createServer((req, res) => {
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
        });
        up.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    take: () => {
      const n = bytes;
      bytes = 0;
      return n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureFirstVisits(
  origin: string,
  pages: { page: string; path: string }[],
  { settleMs = 6000, laterMs = 20_000 } = {},
): Promise<FirstVisit[]> {
  const proxy = await countingProxy(origin);
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium", args: CHROME_FLAGS });
  const results: FirstVisit[] = [];
  try {
    for (const p of pages) {
      const visit = async (serviceWorkers: "allow" | "block", extraMs: number) => {
        const context = await browser.newContext({ serviceWorkers });
        const page = await context.newPage();
        proxy.take();
        await page.goto(`${proxy.origin}${p.path}`, { waitUntil: "load" });
        await wait(settleMs);
        const first = proxy.take();
        await wait(extraMs);
        const later = first + proxy.take();
        await context.close();
        return { first, later };
      };
      const without = await visit("block", 0);
      const withWorker = await visit("allow", laterMs);
      results.push({
        page: p.page,
        withoutWorker: without.first,
        withWorker: withWorker.first,
        ratio: withWorker.first / without.first,
        withWorkerLater: withWorker.later,
      });
    }
  } finally {
    await browser.close();
    await proxy.close();
  }
  return results;
}
