// A student's day, the results part: the result of a practice attempt teaches (mistakes first, "only mistakes" on,
// no answer apart from incorrect, ordering marked per position), Back from a lesson link returns to the same place,
// the deck's rating buttons say when the card comes back, and an unknown URL is a 404.
import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import type { ServedQuestion as Served } from "../../worker/domain/serve.ts";
import { guessAnswer } from "../shared/answers.ts";

test.use({ locale: "en-US" });

const MODULE = "copying-to-innovation";
const PASSWORD = "correct horse battery";

interface Feedback {
  correct: boolean;
  correctAnswer: unknown;
}

async function post(request: APIRequestContext, path: string, data?: unknown) {
  const res = await request.post(path, data === undefined ? {} : { data });
  expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
  return res.json();
}

async function signUp(page: Page, tag: string) {
  const email = `day-${tag}-${Date.now()}-${test.info().project.name}@e2e.test`;
  await post(page.request, "/api/auth/signup", { email, password: PASSWORD, name: "Day Student", role: "student" });
}

/** The key practice feedback gives for a question, as a client would send it back. */
const sendable = (q: Served, key: unknown) => (q.type === "text" && Array.isArray(key) ? key[0] : key);

/**
 * A practice attempt over the API, submitted: `wrong(q, i)` says which questions keep a wrong guess, `skip(q, i)`
 * which get no answer at all; every other one is put right with the key the feedback gives.
 */
async function practiceAttempt(
  page: Page,
  wrong: (q: Served, i: number) => boolean,
  skip: (q: Served, i: number) => boolean = () => false,
): Promise<{ id: string; questions: Served[]; keys: Map<string, unknown> }> {
  const request = page.request;
  const attempt = (await post(request, "/api/attempts", { module: MODULE })) as { id: string; questions: Served[] };
  const keys = new Map<string, unknown>();
  for (const [i, q] of attempt.questions.entries()) {
    if (skip(q, i)) continue;
    const path = `/api/attempts/${attempt.id}/answers/${q.id}`;
    const feedback = (
      (await (await request.put(path, { data: { answer: guessAnswer(q, { number: "999999" }) } })).json()) as { feedback: Feedback }
    ).feedback;
    keys.set(q.id, feedback.correctAnswer);
    if (feedback.correct || wrong(q, i)) continue;
    const fixed = await request.put(path, { data: { answer: sendable(q, feedback.correctAnswer) } });
    expect(((await fixed.json()) as { feedback: Feedback }).feedback.correct).toBe(true);
  }
  await post(request, `/api/attempts/${attempt.id}/submit`);
  return { ...attempt, keys };
}

const noSidewaysScroll = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

async function axeClean(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("the result teaches: mistakes first, no answer apart from incorrect, ordering marked per place; Back returns to the same place", async ({
  page,
}) => {
  await signUp(page, "results");
  // Ordering keeps its served order (never the right one), the first choice question gets no answer, every third
  // question stays wrong.
  let skipped = -1;
  const attempt = await practiceAttempt(
    page,
    (q, i) => q.type === "ordering" || i % 3 === 2,
    (q, i) => {
      if (skipped < 0 && (q.type === "single" || q.type === "multiple" || q.type === "truefalse")) skipped = i;
      return i === skipped;
    },
  );
  const total = attempt.questions.length;
  expect(skipped).toBeGreaterThanOrEqual(0);

  await page.goto(`/attempts/${attempt.id}/result`);
  const review = page.getByRole("region", { name: "Answers explained" });
  await expect(review).toBeVisible();
  const cards = review.getByRole("article");
  const toggle = review.getByRole("switch", { name: "Mistakes only" });
  // There are mistakes, so the list opens on them alone.
  await expect(toggle).toBeChecked();
  const mistakes = await cards.count();
  expect(mistakes).toBeGreaterThan(1);
  expect(mistakes).toBeLessThan(total);
  await expect(review.getByText(`${mistakes} of ${total}`, { exact: true })).toBeVisible();
  for (const badge of await cards.locator(".verdict").allTextContents()) expect(badge).not.toBe("Correct");

  // The question left empty says so; a wrong one says "Incorrect"; neither says "Not quite".
  const unanswered = review.getByRole("article", { name: `Question ${skipped + 1} of ${total}` });
  await expect(unanswered.getByText("No answer", { exact: true })).toBeVisible();
  await expect(cards.filter({ hasText: "Incorrect" }).first()).toBeVisible();
  await expect(review.getByText("Not quite")).toHaveCount(0);

  // An ordering is marked place by place, in words for a screen reader as well.
  const ordering = attempt.questions.findIndex((q) => q.type === "ordering");
  if (ordering >= 0) {
    const card = review.getByRole("article", { name: `Question ${ordering + 1} of ${total}` });
    const yours = card.locator(".review-answer.yours li");
    await expect(yours).toHaveCount(attempt.questions[ordering]?.items?.length ?? 0);
    const marks = await yours.allTextContents();
    expect(marks.every((line) => /— (correct|incorrect)$/.test(line))).toBe(true);
    expect(marks.some((line) => line.endsWith("— incorrect"))).toBe(true);
  }

  // All questions: still the mistakes first, then the correct ones.
  await toggle.uncheck();
  await expect(cards).toHaveCount(total);
  const badges = await cards.locator(".verdict").allTextContents();
  const firstCorrect = badges.findIndex((b) => b.startsWith("Correct"));
  expect(firstCorrect).toBe(mistakes);
  expect(badges.slice(firstCorrect).every((b) => b.startsWith("Correct"))).toBe(true);
  await toggle.check();
  await expect(cards).toHaveCount(mistakes);
  await noSidewaysScroll(page);

  // The screenshot of the results screen (once, at Pixel 7 size): the score, then the review opening on the mistakes.
  if (test.info().project.name === "pixel-7") {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: "tests/e2e/screenshots/day-results.png" });
  }

  // Read about a mistake further down in the lesson, then Back: the same place in the results.
  const target = cards.nth(Math.min(2, mistakes - 1));
  const link = target.getByRole("link", { name: "Read in the lesson" });
  await link.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 80));
  const left = await page.evaluate(() => window.scrollY);
  expect(left).toBeGreaterThan(200);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/modules/${MODULE}#`));
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/attempts/${attempt.id}/result$`));
  await expect(cards).toHaveCount(mistakes);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(left - 10);
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - left)).toBeLessThanOrEqual(10);

  // The results screen passes axe in both languages.
  await axeClean(page);
  await page.evaluate(() => localStorage.setItem("qadam.locale", "ru"));
  await page.reload();
  await expect(page.getByRole("switch", { name: "Только ошибки" })).toBeChecked();
  await axeClean(page);
  await noSidewaysScroll(page);
});

test("the deck's rating buttons say when the card comes back", async ({ page }) => {
  await signUp(page, "deck");
  // One mistake only, on a question whose key does not depend on how it is served (true/false or a number).
  let missed: Served | undefined;
  const attempt = await practiceAttempt(page, (q) => {
    if (missed || (q.type !== "truefalse" && q.type !== "numeric")) return false;
    missed = q;
    return true;
  });
  expect(missed, "the practice attempt serves a true/false or numeric question").toBeDefined();
  const question = missed as Served;
  const key = attempt.keys.get(question.id);

  await page.goto("/deck");
  const card = page.getByRole("article");
  await expect(card).toBeVisible();
  if (question.type === "truefalse") await card.getByRole("radio", { name: key === true ? "True" : "False" }).check();
  else await card.getByRole("textbox").fill(String(key));
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page.getByText("Correct!")).toBeVisible();

  // FSRS's own preview: Again brings it back in 10 minutes, the others in days, Easy the furthest.
  const ratings = page.getByRole("group", { name: "How well did you know it?" }).getByRole("button");
  await expect(ratings).toHaveCount(4);
  const names = (await ratings.allTextContents()).map((s) => s.trim());
  expect(names[0]).toBe("Again · 10 min");
  expect(names[1]).toMatch(/^Hard · \d+ (min|hr|days?)$/);
  expect(names[2]).toMatch(/^Good · \d+ days?$/);
  expect(names[3]).toMatch(/^Easy · \d+ (days?|months?)$/);
  for (const box of await Promise.all((await ratings.all()).map((b) => b.boundingBox())))
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  await noSidewaysScroll(page);
  await ratings.nth(2).click();
  await expect(page.getByText(/^Next time: (tomorrow|in \d+ days)\.$/)).toBeVisible();
});

test("an unknown URL is the not-found page with 404; the app's deep links stay 200", async ({ page }) => {
  const missing = await page.goto("/no-such-page/at-all");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Go home" }).click();
  await expect(page).toHaveURL(/\/$/);

  for (const path of [
    "/",
    "/modules",
    `/modules/${MODULE}`,
    `/modules/${MODULE}/quiz`,
    "/results",
    "/deck",
    "/review",
    "/attempts/some-id/review",
    "/attempts/some-id/result",
    "/classes/c1/gradebook",
    "/join/ABC123",
    "/api/docs",
  ]) {
    const res = await page.request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()["content-type"], path).toContain("text/html");
  }
  for (const path of ["/nope", "/modules/x/y/z", "/attempts", "/deck/extra"])
    expect((await page.request.get(path)).status(), path).toBe(404);
});
