// Whole practice quizzes with the keyboard alone: from the lesson's link through every question to the submitted
// result, on two modules whose practice questions together hold every type (single, multiple, true/false, numeric,
// text, ordering, matching). No taps, no clicks.
import { expect, type Locator, type Page, test } from "@playwright/test";

test.use({ locale: "en-US" });

// No module's practice pool holds all seven types (its assessment-only pool holds the rest); these two together do.
const MODULES = ["copying-to-innovation", "risks"];
const ALL_TYPES = ["single", "multiple", "truefalse", "numeric", "text", "ordering", "matching"];

interface Choice {
  id: string;
  text: { en: string; ru: string };
}
interface Served {
  id: string;
  type: string;
  options?: Choice[];
  items?: Choice[];
  left?: Choice[];
  right?: Choice[];
}

/** Presses Tab (Shift+Tab with `back`) until `target` has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, { back = false, limit = 80 } = {}) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

test("every question type can be answered, checked and submitted with the keyboard alone", async ({ page, baseURL }) => {
  const stamp = `${Date.now()}-kbd`;
  const signup = await page.request.post("/api/auth/signup", {
    data: { email: `kbd-${stamp}@e2e.test`, password: "correct horse battery", name: `Keys ${stamp}`, role: "student" },
    headers: { origin: baseURL ?? "" },
  });
  expect(signup.status()).toBe(201);

  const seen = new Set<string>();
  for (const module of MODULES) for (const type of await walk(page, module)) seen.add(type);
  expect(seen).toEqual(new Set(ALL_TYPES));
});

/** Practises one module with the keyboard alone, answers every question, submits; the types it met. */
async function walk(page: Page, module: string): Promise<string[]> {
  await page.goto(`/modules/${module}`);
  await tabTo(page, page.getByRole("link", { name: "Practice this module" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/attempts\/[^/?]+$/);
  const attemptId = new URL(page.url()).pathname.split("/")[2] as string;
  const questions = ((await (await page.request.get(`/api/attempts/${attemptId}`)).json()) as { questions: Served[] }).questions;
  const total = questions.length;

  const screen = page.locator(".q-screen");
  const nav = page.getByRole("navigation", { name: "Quiz navigation" });
  const heading = (n: number) => page.getByRole("heading", { level: 2, name: `Question ${n} of ${total}` });
  // The verdict is in the bar pinned to the bottom, outside the question's own section.
  const feedback = page.getByText(/^(Correct|Incorrect|Partly correct: \d+%)$/);
  const check = screen.getByRole("button", { name: "Check answer" });

  for (const [i, q] of questions.entries()) {
    await expect(heading(i + 1)).toBeVisible();
    switch (q.type) {
      case "single":
      case "truefalse":
        await tabTo(page, screen.getByRole("radio").first());
        await page.keyboard.press("Space");
        break;
      case "multiple":
        await tabTo(page, screen.getByRole("checkbox").first());
        await page.keyboard.press("Space");
        await page.keyboard.press("Tab");
        await page.keyboard.press("Space");
        await tabTo(page, check);
        await page.keyboard.press("Enter");
        break;
      case "numeric":
      case "text":
        await tabTo(page, screen.getByRole("textbox"));
        await page.keyboard.type(q.type === "numeric" ? "3,18" : "Shenzhen");
        await page.keyboard.press("Enter");
        break;
      case "ordering": {
        const first = q.items?.[0]?.text.en ?? "";
        await tabTo(page, screen.getByRole("button", { name: `Move “${first}” down` }));
        await page.keyboard.press("Enter");
        await expect(page.getByRole("button", { name: `Move “${first}” down` })).toBeFocused();
        await tabTo(page, check);
        await page.keyboard.press("Enter");
        break;
      }
      case "matching":
        // Each left-hand item is a select: the arrow keys choose its partner.
        for (const left of q.left ?? []) {
          await tabTo(page, screen.getByLabel(left.text.en, { exact: true }));
          await page.keyboard.press("ArrowDown");
        }
        await tabTo(page, check);
        await page.keyboard.press("Enter");
        break;
      default:
        throw new Error(`a question type this walk does not know: ${q.type}`);
    }
    await expect(feedback, `feedback for question ${i + 1} (${q.type})`).toBeVisible();
    await expect(check).toHaveCount(0);
    if (i + 1 < total) {
      await tabTo(page, nav.getByRole("button", { name: /Next/ }));
      await page.keyboard.press("Enter");
      await expect(heading(i + 2)).toBeFocused();
    }
  }

  await expect(page.getByText(`${total} of ${total} answered`)).toBeVisible();
  await expect(page.getByText("All answers saved").first()).toBeVisible();
  await tabTo(page, nav.getByRole("button", { name: "Finish" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Submit your answers?" })).toBeFocused();
  await tabTo(page, page.getByRole("button", { name: "Submit", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/attempts/${attemptId}/result$`));
  await expect(page.getByRole("heading", { level: 2, name: "Result" })).toBeVisible();

  // Every question of every type reached the server as answered.
  const review = (await (await page.request.get(`/api/attempts/${attemptId}/review`)).json()) as {
    items: { question: Served; answer: unknown }[];
  };
  const unanswered = review.items.filter((item) => item.answer === null).map((item) => `${item.question.type} ${item.question.id}`);
  expect(unanswered).toEqual([]);
  return questions.map((q) => q.type);
}
