import { expect, test } from "@playwright/test";

test("the home page renders on a phone", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/Qadam/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: /навигация|navigation/i })).toBeVisible();
  // No sideways scroll on a phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath("home.png"), fullPage: true });
});

test("the language switch is remembered", async ({ page }) => {
  await page.goto("/");
  const html = page.locator("html");
  const before = await html.getAttribute("lang");
  const after = before === "ru" ? "en" : "ru";
  // The language menu names each language in itself.
  await page.getByRole("button", { name: after === "en" ? "English" : "Русский", exact: true }).click();
  // The other language's strings load first, then the page switches.
  await expect(html).toHaveAttribute("lang", after);
  await page.reload();
  await expect(html).toHaveAttribute("lang", after);
});
