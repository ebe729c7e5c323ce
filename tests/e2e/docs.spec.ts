// The API reference page renders on a phone with every request kept on this origin, under its own CSP.
import { expect, test } from "@playwright/test";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

declare global {
  interface Window {
    cspViolations: Array<{ directive: string; blocked: string }>;
  }
}

test("the API reference renders offline-ready: no request leaves this host", async ({ page }, testInfo) => {
  const foreign: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if ((url.protocol === "http:" || url.protocol === "https:") && !LOCAL_HOSTS.has(url.hostname)) foreign.push(request.url());
  });
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.cspViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }),
    );
  });
  const documentLoaded = page.waitForResponse((res) => new URL(res.url()).pathname === "/api/openapi.json" && res.status() === 200);

  const response = await page.goto("/api/docs");
  expect(response?.status()).toBe(200);
  expect(response?.headers()["content-security-policy"]).toContain("script-src 'self'");
  await documentLoaded;

  // The title comes from the document's info.title, so seeing it means the document was fetched and rendered.
  await expect(page.getByRole("heading", { level: 1, name: "Qadam API" })).toBeVisible();
  await expect(page.getByText("OpenAPI 3.1.0")).toBeVisible();
  // An operation from the document, further down the page.
  const health = page.getByRole("heading", { name: "Liveness and version" });
  await health.scrollIntoViewIfNeeded();
  await expect(health).toBeVisible();

  await page.waitForLoadState("networkidle");
  expect(foreign, "requests to other hosts").toEqual([]);
  // The only thing the policy stops is zod's feature probe for `new Function`, which it catches and skips.
  const violations = await page.evaluate(() => window.cspViolations);
  expect(violations.filter((v) => !(v.directive === "script-src" && v.blocked === "eval"))).toEqual([]);

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "no sideways scroll on a phone").toBeLessThanOrEqual(0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: testInfo.outputPath("api-docs.png") });
});
