// Lighthouse (mobile profile, Debian's Chromium) on the pages a student opens: scores, LCP, TBT, requests and bytes.
import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";

export interface PageAudit {
  page: string;
  url: string;
  performance: number | null;
  accessibility: number | null;
  lcpMs: number | null;
  tbtMs: number | null;
  /** Cumulative layout shift (the budget: ≤ 0.05). */
  cls: number | null;
  requests: number | null;
  transferBytes: number | null;
  scriptTransferBytes: number | null;
  error?: string;
}

export const CHROME_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

interface SummaryItem {
  resourceType: string;
  requestCount: number;
  transferSize: number;
}

/** Audits each page in one Chromium; a page that fails is reported with its error, not dropped. */
export async function auditPages(pages: { page: string; url: string; cookie?: string }[]): Promise<PageAudit[]> {
  const chromePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
  const chrome = await launch({ chromePath, chromeFlags: CHROME_FLAGS });
  const audits: PageAudit[] = [];
  try {
    for (const p of pages) {
      try {
        const once = () =>
          lighthouse(p.url, {
            port: chrome.port,
            output: "json",
            logLevel: "error",
            onlyCategories: ["performance", "accessibility"],
            ...(p.cookie ? { extraHeaders: { Cookie: p.cookie } } : {}),
          });
        let result = await once();
        // A headless Chromium's first navigation sometimes reports NO_FCP; one retry tells a flake from a blank page.
        if (result?.lhr.runtimeError?.code === "NO_FCP") result = await once();
        if (!result) throw new Error("Lighthouse returned no result");
        const lhr = result.lhr;
        if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
        const summary = (lhr.audits["resource-summary"]?.details as { items?: SummaryItem[] } | undefined)?.items ?? [];
        const of = (type: string) => summary.find((i) => i.resourceType === type);
        const score = (id: string) => {
          const s = lhr.categories[id]?.score;
          return s === null || s === undefined ? null : Math.round(s * 100);
        };
        audits.push({
          page: p.page,
          url: p.url,
          performance: score("performance"),
          accessibility: score("accessibility"),
          lcpMs: lhr.audits["largest-contentful-paint"]?.numericValue ?? null,
          tbtMs: lhr.audits["total-blocking-time"]?.numericValue ?? null,
          cls: lhr.audits["cumulative-layout-shift"]?.numericValue ?? null,
          requests: of("total")?.requestCount ?? null,
          transferBytes: of("total")?.transferSize ?? null,
          scriptTransferBytes: of("script")?.transferSize ?? null,
        });
      } catch (error) {
        audits.push({
          page: p.page,
          url: p.url,
          performance: null,
          accessibility: null,
          lcpMs: null,
          tbtMs: null,
          cls: null,
          requests: null,
          transferBytes: null,
          scriptTransferBytes: null,
          error: String(error),
        });
      }
    }
  } finally {
    chrome.kill();
  }
  return audits;
}
