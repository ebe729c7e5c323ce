// Reviewing results on a phone: the attempt review, mistakes only, the lesson link, the deck, and the app offline.
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import type { ServedQuestion as Served } from "../../worker/domain/serve.ts";
import { guessAnswer } from "../shared/answers.ts";

test.use({ locale: "en-US" });

const MODULE = "copying-to-innovation";
const MODULE_TITLE = "From copying to innovation";
const PASSWORD = "correct horse battery";

interface Feedback {
  correct: boolean;
  correctAnswer: unknown;
}

/** A shape-valid guess, often wrong. */
const guess = (q: Served) => guessAnswer(q, { truth: true, number: "1", text: "no idea" });

async function post(request: APIRequestContext, path: string, data?: unknown) {
  const res = await request.post(path, data === undefined ? {} : { data });
  expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
  return res.json();
}

/**
 * Signs a student up in the page's context and takes a practice attempt over the API: every other question is
 * put right with the key practice feedback gives, the rest keep their guess. Returns the attempt and how many
 * questions end up not fully right.
 */
async function studentWithAttempt(page: Page) {
  const request = page.request;
  const email = `review-${Date.now()}-${test.info().project.name}@e2e.test`;
  await post(request, "/api/auth/signup", { email, password: PASSWORD, name: "Review Student", role: "student" });
  const attempt = (await post(request, "/api/attempts", { module: MODULE })) as { id: string; questions: Served[] };
  let mistakes = 0;
  for (const [i, q] of attempt.questions.entries()) {
    const path = `/api/attempts/${attempt.id}/answers/${q.id}`;
    const saved = await request.put(path, { data: { answer: guess(q) } });
    const feedback = ((await saved.json()) as { feedback: Feedback }).feedback;
    if (feedback.correct) continue;
    if (i % 2 === 0) {
      const key = feedback.correctAnswer;
      const right = q.type === "text" && Array.isArray(key) ? key[0] : key;
      const fixed = await request.put(path, { data: { answer: right } });
      expect(((await fixed.json()) as { feedback: Feedback }).feedback.correct).toBe(true);
    } else mistakes++;
  }
  await post(request, `/api/attempts/${attempt.id}/submit`);
  return { attempt, mistakes };
}

test("review an attempt on a phone, follow the lesson link, then read lessons and results offline", async ({ page, context }) => {
  const { attempt, mistakes } = await studentWithAttempt(page);
  expect(mistakes).toBeGreaterThan(0);
  const total = attempt.questions.length;

  // The review opens on the mistakes ("Mistakes only" is on when there are any); every card shows the key and why.
  await page.goto(`/attempts/${attempt.id}/review`);
  await expect(page.getByRole("heading", { level: 1, name: MODULE_TITLE })).toBeVisible();
  const cards = page.getByRole("article");
  const toggle = page.getByRole("switch", { name: "Mistakes only" });
  await expect(toggle).toBeChecked();
  await expect(cards).toHaveCount(mistakes);
  await expect(page.getByText(`${mistakes} of ${total}`, { exact: true })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const first = cards.first();
  await expect(first.getByText("Correct answer", { exact: true })).toBeVisible();
  await expect(first.getByRole("heading", { level: 4, name: "Why", exact: true })).toBeVisible();
  // All of them: one card per question, the mistakes still first.
  await toggle.uncheck();
  await expect(cards).toHaveCount(total);
  await toggle.check();
  await expect(cards).toHaveCount(mistakes);

  // A deep link to one question lands on its card.
  const firstTitle = (await first.getByRole("heading", { level: 3 }).textContent()) ?? "";
  const n = Number(/Question (\d+)/.exec(firstTitle)?.[1]);
  await page.goto(`/attempts/${attempt.id}/review#q-${n}`);
  await expect(page.getByRole("article", { name: `Question ${n} of ${total}` })).toBeInViewport();

  // "Read in the lesson" opens the lesson at the paragraph that teaches the answer.
  const link = page.getByRole("article", { name: `Question ${n} of ${total}` }).getByRole("link", { name: "Read in the lesson" });
  const href = (await link.getAttribute("href")) ?? "";
  const anchor = decodeURIComponent(href.split("#")[1] ?? "");
  expect(href).toContain(`/modules/${MODULE}#`);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/modules/${MODULE}#`));
  await expect(page.locator(`[id="${anchor}"]`)).toBeInViewport();

  // The service worker is installed and in control; then the lesson and the results are opened once online.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await page.goto(`/modules/${MODULE}`);
  await expect(page.getByRole("heading", { level: 1, name: MODULE_TITLE })).toBeVisible();
  await page.goto("/results");
  await expect(page.getByRole("heading", { level: 1, name: "Results" })).toBeVisible();
  await expect(page.getByRole("link", { name: MODULE_TITLE, exact: true })).toBeVisible();
  await expect(page.getByText(/^Best: \d/)).toBeVisible();
  await page.goto(`/attempts/${attempt.id}/review`);
  await expect(cards).toHaveCount(mistakes);
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const data = names.find((n) => n.startsWith("qadam-data-"));
    return data ? (await (await caches.open(data)).keys()).map((r) => new URL(r.url).pathname) : [];
  });
  expect(cached).toEqual(
    expect.arrayContaining([`/api/modules/${MODULE}`, "/api/attempts", "/api/me", `/api/attempts/${attempt.id}/review`]),
  );

  // Offline: the lesson already seen, the last results and that review still open.
  await context.setOffline(true);
  await page.goto(`/modules/${MODULE}`);
  await expect(page.getByRole("heading", { level: 1, name: MODULE_TITLE })).toBeVisible();
  await expect(page.locator(`[id="${anchor}"]`)).toBeVisible();
  await page.goto("/results");
  await expect(page.getByRole("heading", { level: 1, name: "Results" })).toBeVisible();
  await expect(page.getByRole("link", { name: MODULE_TITLE, exact: true })).toBeVisible();
  await expect(page.getByText(/^Best: \d/)).toBeVisible();
  await page.reload();
  await expect(page.getByRole("link", { name: MODULE_TITLE, exact: true })).toBeVisible();
  await page.goto(`/attempts/${attempt.id}/review`);
  await expect(cards).toHaveCount(mistakes);
  // Really offline, and the service worker does not pretend otherwise: the deck, which needs the server, says so.
  await page.goto("/deck");
  await expect(page.getByText("The review deck needs the network: answers are checked on the server.")).toBeVisible();
  await context.setOffline(false);
});

test("the review deck: a missed question comes back, is answered, and is rescheduled", async ({ page }) => {
  const { mistakes } = await studentWithAttempt(page);
  const dueNow = async () => ((await (await page.request.get("/api/review/due?limit=0")).json()) as { due: number }).due;
  // Every question that was not fully right is in the deck.
  expect(await dueNow()).toBe(mistakes);
  await page.goto("/");
  // Home shows what is due.
  const due = page.getByRole("link", { name: /questions? due for review/ });
  await expect(due).toBeVisible();
  await due.click();
  await expect(page).toHaveURL(/\/deck$/);
  await expect(page.getByRole("heading", { level: 1, name: "Review deck" })).toBeVisible();
  // The deck's old address still leads to it (links and bookmarks from before it moved).
  await page.goto("/review");
  await expect(page).toHaveURL(/\/deck$/);
  await expect(page.getByRole("heading", { level: 1, name: "Review deck" })).toBeVisible();
  await expect(page.getByText(/\d+ questions? due for review/)).toBeVisible();

  // Answering nothing is refused on the device.
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page.getByText("Answer the question first.")).toBeVisible();

  // Any answer: the server checks it and the card offers its ratings.
  const card = page.getByRole("article");
  const radio = card.getByRole("radio").first();
  const textbox = card.getByRole("textbox").first();
  const checkbox = card.getByRole("checkbox").first();
  if (await radio.count()) await radio.check();
  else if (await checkbox.count()) await checkbox.check();
  else if (await textbox.count()) await textbox.fill("1");
  else {
    // Ordering or matching: move one item, or match the first row.
    const move = card.getByRole("button", { name: /down/i }).first();
    if (await move.count()) await move.click();
    else await card.getByRole("combobox").first().selectOption({ index: 1 });
  }
  await page.getByRole("button", { name: "Check" }).click();
  const verdict = page.getByRole("status").filter({ hasText: /Correct!|Incorrect\.|Partly correct/ });
  await expect(verdict).toBeVisible();
  const again = page.getByRole("button", { name: /^Again/ });
  await expect(again).toBeVisible();
  if (await page.getByRole("button", { name: "Easy" }).count()) await page.getByRole("button", { name: "Easy" }).click();
  else await again.click();
  await expect(page.getByText(/^Next time: /)).toBeVisible();
  await expect(page.getByRole("heading", { name: /Question 2 of/ })).toBeVisible();

  // The server agrees: that question is no longer due now.
  expect(await dueNow()).toBe(mistakes - 1);
});
