// The demo instructor downloads a module's question bank for Moodle from "My classes", and the file is Moodle XML.

import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";

test("an instructor downloads a question bank as Moodle XML and GIFT", async ({ page, baseURL }, testInfo) => {
  const login = await page.request.post("/api/auth/login", {
    headers: { origin: baseURL ?? "" },
    data: { email: "teacher@qadam.test", password: "qadam-demo-2026" },
  });
  expect(login.status()).toBe(200);

  await page.goto("/classes");
  const banks = page.getByRole("region", { name: /Банки вопросов|Question banks/ });
  await expect(banks).toBeVisible();
  await banks.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath("question-banks.png"), fullPage: true });

  const xml = page.waitForEvent("download");
  await banks
    .getByRole("link", { name: /Moodle XML/ })
    .first()
    .click();
  const xmlFile = await xml;
  expect(xmlFile.suggestedFilename()).toMatch(/^copying-to-innovation-ru\.xml$/);
  const text = await readFile((await xmlFile.path()) as string, "utf8");
  expect(text).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<quiz>/);
  expect(text).toContain('<question type="ordering">');

  const gift = page.waitForEvent("download");
  await banks.getByRole("link", { name: /GIFT/ }).first().click();
  const giftFile = await gift;
  expect(giftFile.suggestedFilename()).toBe("copying-to-innovation-ru.gift");
  expect(await readFile((await giftFile.path()) as string, "utf8")).toContain("$CATEGORY: $course$/top/Qadam/");
});
