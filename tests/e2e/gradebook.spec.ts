// The demo instructor's gradebook on a phone: both demo students, a cell opens the student, and the CSV downloads.

import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";

test("the demo instructor opens the gradebook on a phone and downloads the CSV", async ({ page, baseURL }, testInfo) => {
  const login = await page.request.post("/api/auth/login", {
    headers: { origin: baseURL ?? "" },
    data: { email: "teacher@qadam.test", password: "qadam-demo-2026" },
  });
  expect(login.status()).toBe(200);

  await page.goto("/classes/demo-class/gradebook");
  await expect(page.getByRole("heading", { level: 1, name: /Журнал оценок|Gradebook/ })).toBeVisible();
  const table = page.getByRole("table", { name: /Оценки|Grades/ });
  await expect(table.getByRole("rowheader", { name: "Даулет Ахметов" })).toBeVisible();
  await expect(table.getByRole("rowheader", { name: "Alice Morgan" })).toBeVisible();
  // The table scrolls inside its box; the page itself never scrolls sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath("gradebook.png"), fullPage: true });

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: /CSV/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const bytes = await readFile((await download.path()) as string);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8");
  expect(text).toContain("Даулет Ахметов,student1@qadam.test");
  expect(text).toContain("Alice Morgan,student2@qadam.test");
  // A header, one row per student (other specs may have added students to the demo class), and CRLF after each.
  const rows = text.split("\r\n");
  expect(rows.at(-1)).toBe("");
  expect(rows.length).toBeGreaterThanOrEqual(4);

  // A cell is a button that opens that student's attempts.
  await table
    .getByRole("button", { name: /^Даулет Ахметов,/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Даулет Ахметов" })).toBeVisible();
});
