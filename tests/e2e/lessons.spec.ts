// The reader on a phone: outline → lesson → paragraph deep link → English → next module, signed out throughout.
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";

// Start in Russian whatever the device's language is; the switch is part of the test.
test.use({ locale: "ru-RU" });

interface Summary {
  slug: string;
  title: string;
}
interface Lesson {
  slug: string;
  title: string;
  blocks: { type: string; anchor: string }[];
  next: Summary | null;
}

async function apiJson<T>(request: APIRequestContext, path: string): Promise<T> {
  const res = await request.get(path);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test("outline → lesson → deep link → English → next module", async ({ page, request }) => {
  const outline = await apiJson<{ modules: Summary[] }>(request, "/api/modules?lang=ru");
  const first = outline.modules[0]!;

  await page.goto("/modules");
  await expect(page.getByRole("heading", { level: 1, name: "Курс" })).toBeVisible();
  const cards = page.getByRole("list", { name: "Модули курса" }).getByRole("listitem");
  await expect(cards).toHaveCount(outline.modules.length);
  await expectNoSidewaysScroll(page);

  await page.getByRole("link", { name: first.title, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/modules/${first.slug}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(first.title);
  await expect(page.getByRole("link", { name: "Тренироваться по модулю" })).toHaveAttribute("href", `/modules/${first.slug}/quiz`);
  await expect(page.getByRole("navigation", { name: "Соседние модули" })).toBeVisible();
  await expectNoSidewaysScroll(page);

  // A deep link to a paragraph far down the lesson scrolls it into view once the text has loaded.
  const lesson = await apiJson<Lesson>(request, `/api/modules/${first.slug}?lang=ru`);
  const paragraphs = lesson.blocks.filter((b) => b.type !== "heading");
  const target = paragraphs.at(-1)!.anchor;
  await page.goto(`/modules/${first.slug}#${target}`);
  await expect(page.locator(`[id="${target}"]`)).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);

  // The contents list jumps to a section heading.
  const heading = lesson.blocks.filter((b) => b.type === "heading").at(-1)!;
  await page.getByText("Содержание").click();
  const contents = page.getByRole("navigation", { name: "Содержание" });
  await contents.getByRole("link").last().click();
  await expect(page).toHaveURL(new RegExp(`#${heading.anchor}$`));
  await expect(page.locator(`[id="${heading.anchor}"]`)).toBeInViewport();

  // Switching the interface language refetches the lesson in English, at the same anchors.
  const english = await apiJson<Lesson>(request, `/api/modules/${first.slug}?lang=en`);
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(english.title);
  await expect(page.getByRole("article")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("link", { name: "Practice this module" })).toBeVisible();
  await expect(page.locator(`[id="${heading.anchor}"]`)).toBeInViewport();

  // The next module, from the links at the bottom.
  const next = english.next!;
  await page.getByRole("link", { name: new RegExp(`Next module.*${escapeRegExp(next.title)}`) }).click();
  await expect(page).toHaveURL(new RegExp(`/modules/${next.slug}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(next.title);
  await expect(page.getByRole("link", { name: new RegExp(`Previous module.*${escapeRegExp(english.title)}`) })).toBeVisible();
});

test("an unknown module says so and leads back to the outline", async ({ page }) => {
  await page.goto("/modules/no-such-module");
  await expect(page.getByRole("heading", { level: 1, name: "Модуль не найден" })).toBeVisible();
  await page.getByRole("link", { name: "Ко всем модулям" }).click();
  await expect(page).toHaveURL(/\/modules$/);
  await expect(page.getByRole("heading", { level: 1, name: "Курс" })).toBeVisible();
});

test("a failed load offers a retry that works", async ({ page }) => {
  let fail = true;
  await page.route("**/api/modules?*", (route) => (fail ? route.abort() : route.continue()));
  await page.goto("/modules");
  const retry = page.getByRole("button", { name: "Повторить" });
  await expect(retry).toBeVisible();
  fail = false;
  await retry.click();
  await expect(page.getByRole("list", { name: "Модули курса" })).toBeVisible();
});

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
