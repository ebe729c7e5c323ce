// Three interface languages: the first visit speaks the browser's (Kazakh here), the menu of three switches in one
// tap, and switching ru → kk → en → ru in the middle of a quiz neither reloads the page nor loses an answer.
import { expect, type Page, test } from "@playwright/test";

test.use({ locale: "kk-KZ" });

const MODULE = "copying-to-innovation";

interface Served {
  id: string;
  type: "single" | "multiple" | "truefalse" | "numeric" | "text" | "ordering" | "matching";
}

/** What the quiz shows in each language: the next button, the progress line and the menu's label. */
const WORDS = {
  ru: { next: "Далее", progress: /Отвечено 1 из \d+/, menu: "Язык" },
  kk: { next: "Әрі қарай", progress: /Жауап берілді: 1 \/ \d+/, menu: "Тіл" },
  en: { next: "Next", progress: /1 of \d+ answered/, menu: "Language" },
} as const;
const NAMES = { kk: "Қазақша", ru: "Русский", en: "English" } as const;

async function switchTo(page: Page, lang: keyof typeof NAMES, from: keyof typeof WORDS) {
  const menu = page.getByRole("group", { name: WORDS[from].menu });
  await menu.getByRole("button", { name: NAMES[lang] }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
  await expect(page.getByRole("group", { name: WORDS[lang].menu }).getByRole("button", { name: NAMES[lang] })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
}

test("the first visit speaks the browser's Kazakh, and the menu names each language in itself", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "kk");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Қытайдың жоғары технологиялары және Қазақстан");
  const menu = page.getByRole("group", { name: "Тіл" });
  await expect(menu.getByRole("button")).toHaveText(["Қазақша", "Русский", "English"]);
  await expect(menu.getByRole("button", { name: "Қазақша" })).toHaveAttribute("aria-pressed", "true");
  await expect(menu.getByRole("button", { name: "Русский" })).toHaveAttribute("lang", "ru");
  // The choice is remembered: a reload stays in Russian although the browser asks for Kazakh.
  await menu.getByRole("button", { name: "Русский" }).click();
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await expect(page.getByRole("navigation", { name: "Основная навигация" })).toBeVisible();
});

test("the course outline in kk says which modules are still shown in Russian", async ({ page }) => {
  await page.goto("/modules");
  await expect(page.locator("html")).toHaveAttribute("lang", "kk");
  await expect(page.getByRole("heading", { level: 1, name: "Курс" })).toBeVisible();
  const outline = (await (await page.request.get("/api/modules?lang=kk")).json()) as { modules: { lang: string; title: string }[] };
  const inRussian = outline.modules.filter((m) => m.lang === "ru").length;
  await expect(page.getByText("орысша", { exact: true })).toHaveCount(inRussian);
  // Each card carries the language its texts are in, so a screen reader reads a Russian title as Russian.
  await expect(page.locator(`li.module-card[lang="ru"]`)).toHaveCount(inRussian);
});

test("switching ru → kk → en → ru in a quiz keeps the page and the answer", async ({ page, baseURL }) => {
  const stamp = `${Date.now()}-${test.info().project.name}`;
  const signup = await page.request.post("/api/auth/signup", {
    data: { email: `lang-${stamp}@e2e.test`, password: "correct horse battery", name: `Тіл ${stamp}`, role: "student" },
    headers: { origin: baseURL ?? "" },
  });
  expect(signup.status()).toBe(201);

  await page.goto(`/modules/${MODULE}/quiz`);
  await expect(page).toHaveURL(/\/attempts\/[^/?]+$/);
  await switchTo(page, "ru", "kk");
  const attemptId = new URL(page.url()).pathname.split("/")[2] as string;
  const { questions } = (await (await page.request.get(`/api/attempts/${attemptId}`)).json()) as { questions: Served[] };

  // Go to the first question answered by a tap or by typing (ordering and matching are covered by quiz.spec.ts).
  const index = questions.findIndex((q) => ["single", "truefalse", "numeric", "text"].includes(q.type));
  expect(index).toBeGreaterThanOrEqual(0);
  const nav = page.getByRole("navigation");
  for (let i = 0; i < index; i++) await nav.getByRole("button", { name: new RegExp(WORDS.ru.next) }).click();
  const screen = page.locator(".q-screen");
  const q = questions[index] as Served;
  const typed = q.type === "numeric" ? "3,18" : "Шэньчжэнь";
  const answer = q.type === "single" || q.type === "truefalse" ? screen.getByRole("radio").first() : screen.getByRole("textbox").first();
  if (q.type === "single" || q.type === "truefalse") await answer.check();
  else await answer.fill(typed);
  await expect(page.getByText(WORDS.ru.progress).first()).toBeVisible();

  // No reload: a mark left on the window survives every switch.
  await page.evaluate(() => {
    (window as unknown as { qadamMark: number }).qadamMark = 42;
  });
  for (const [from, to] of [
    ["ru", "kk"],
    ["kk", "en"],
    ["en", "ru"],
  ] as const) {
    await switchTo(page, to, from);
    await expect(nav.getByRole("button", { name: new RegExp(WORDS[to].next) })).toBeVisible();
    await expect(page.getByText(WORDS[to].progress).first()).toBeVisible();
    if (q.type === "single" || q.type === "truefalse") await expect(answer).toBeChecked();
    else await expect(answer).toHaveValue(typed);
    expect(await page.evaluate(() => (window as unknown as { qadamMark?: number }).qadamMark)).toBe(42);
  }
  // The answer reached the server as well.
  await expect
    .poll(async () => {
      const attempt = (await (await page.request.get(`/api/attempts/${attemptId}`)).json()) as { answers: Record<string, unknown> };
      return q.id in attempt.answers;
    })
    .toBe(true);
});
