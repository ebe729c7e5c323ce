// Taking a quiz on a phone: answers by touch and by keyboard, the network drops and the page reloads, nothing is lost.
import { expect, type Locator, type Page, test } from "@playwright/test";

test.use({ locale: "en-US" });

const MODULE = "copying-to-innovation";

interface Choice {
  id: string;
  text: { en: string; ru: string };
}
interface Served {
  id: string;
  type: "single" | "multiple" | "truefalse" | "numeric" | "text" | "ordering" | "matching";
  options?: Choice[];
  items?: Choice[];
  left?: Choice[];
  right?: Choice[];
}

type Answer = string | boolean | string[] | Record<string, string>;

const exact = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Answers by tapping and typing; returns the answer the server should end up with. */
async function answerByTouch(screen: Locator, q: Served): Promise<Answer> {
  const o = q.options ?? [];
  switch (q.type) {
    case "single":
      await screen.getByRole("radio", { name: exact(o[0]!.text.en) }).tap();
      return o[0]!.id;
    case "truefalse":
      await screen.getByRole("radio", { name: "True" }).tap();
      return true;
    case "multiple":
      await screen.getByRole("checkbox", { name: exact(o[0]!.text.en) }).tap();
      await screen.getByRole("checkbox", { name: exact(o[1]!.text.en) }).tap();
      return [o[0]!.id, o[1]!.id];
    case "numeric":
      await screen.getByRole("textbox").fill("3,18");
      return "3,18";
    case "text":
      await screen.getByRole("textbox").fill("Shenzhen");
      return "Shenzhen";
    case "ordering": {
      const items = q.items ?? [];
      await screen.getByRole("button", { name: `Move “${items[0]!.text.en}” down` }).tap();
      return [items[1]!.id, items[0]!.id, ...items.slice(2).map((i) => i.id)];
    }
    case "matching": {
      const left = q.left ?? [];
      const right = q.right ?? [];
      await screen.getByLabel(left[0]!.text.en, { exact: true }).selectOption(right[1]!.id);
      return { [left[0]!.id]: right[1]!.id };
    }
  }
}

/** Answers with the keyboard alone, starting from the question heading that Next has focused. */
async function answerByKeyboard(page: Page, q: Served): Promise<Answer> {
  const o = q.options ?? [];
  await page.keyboard.press("Tab");
  switch (q.type) {
    case "single":
      await page.keyboard.press("Space");
      return o[0]!.id;
    case "truefalse":
      await page.keyboard.press("Space");
      return true;
    case "multiple":
      await page.keyboard.press("Space");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Space");
      return [o[0]!.id, o[1]!.id];
    case "numeric":
      await page.keyboard.type("3,18");
      await page.keyboard.press("Enter");
      return "3,18";
    case "text":
      await page.keyboard.type("Shenzhen");
      await page.keyboard.press("Enter");
      return "Shenzhen";
    case "ordering": {
      // Tab lands on the first item's position select, then its "Move up" (it stays focusable at the top), then "Move down".
      const items = q.items ?? [];
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      await expect(page.getByText(`“${items[0]!.text.en}” is now at position 2 of ${items.length}.`)).toBeAttached();
      // Focus stayed on the same item's button as it moved.
      await expect(page.getByRole("button", { name: `Move “${items[0]!.text.en}” down` })).toBeFocused();
      return [items[1]!.id, items[0]!.id, ...items.slice(2).map((i) => i.id)];
    }
    case "matching": {
      const left = q.left ?? [];
      const right = q.right ?? [];
      await page.keyboard.press("ArrowDown");
      await expect(page.getByLabel(left[0]!.text.en, { exact: true })).toHaveValue(right[0]!.id);
      return { [left[0]!.id]: right[0]!.id };
    }
  }
}

test("a practice quiz keeps every answer through a dropped network and a reload, then grades them all", async ({
  page,
  context,
  baseURL,
}) => {
  const stamp = `${Date.now()}-${test.info().project.name}`;
  const signup = await page.request.post("/api/auth/signup", {
    data: { email: `quiz-${stamp}@e2e.test`, password: "correct horse battery", name: `Quiz ${stamp}`, role: "student" },
    headers: { origin: baseURL ?? "" },
  });
  expect(signup.status()).toBe(201);

  // From the lesson to its practice quiz: the start page hands over to /attempts/:id.
  await page.goto(`/modules/${MODULE}`);
  await page.getByRole("link", { name: "Practice this module" }).click();
  await expect(page).toHaveURL(/\/attempts\/[^/?]+$/);
  const attemptId = new URL(page.url()).pathname.split("/")[2] as string;
  const attempt = (await (await page.request.get(`/api/attempts/${attemptId}`)).json()) as { questions: Served[] };
  const questions = attempt.questions;
  const total = questions.length;
  expect(total).toBeGreaterThanOrEqual(10);

  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  await expect(page.getByText(`0 of ${total} answered`)).toBeVisible();
  const screen = page.locator(".q-screen");
  const heading = (n: number) => page.getByRole("heading", { level: 2, name: `Question ${n} of ${total}` });
  const next = () => page.getByRole("navigation", { name: "Quiz navigation" }).getByRole("button", { name: /Next/ }).tap();
  const given = new Map<string, Answer>();
  // The status line under the progress bar; a visually hidden live region after it repeats it once for screen readers.
  const waiting = (n: number) => page.getByText(`${n} answers saved on this device, will be sent when you are back online.`).first();
  const allSaved = () => page.getByText("All answers saved").first();

  /** Answers question n (1-based) and, in practice, asks to check it when its type waits for "Check answer". */
  async function answer(n: number, how: "touch" | "keyboard") {
    const q = questions[n - 1] as Served;
    const value = how === "keyboard" ? await answerByKeyboard(page, q) : await answerByTouch(screen, q);
    given.set(q.id, value);
    const check = screen.getByRole("button", { name: "Check answer" });
    if (["multiple", "ordering", "matching"].includes(q.type) || (how === "touch" && (q.type === "numeric" || q.type === "text"))) {
      await check.tap();
    }
    await expect(check).toHaveCount(0);
  }

  // Online: four questions, the second one by keyboard alone. Each gets its feedback.
  await expect(heading(1)).toBeVisible();
  await answer(1, "touch");
  await expect(page.getByText(/^(Correct|Incorrect|Partly correct: \d+%)$/)).toBeVisible();
  await next();
  await expect(heading(2)).toBeFocused();
  await answer(2, "keyboard");
  await expect(page.getByText(/^(Correct|Incorrect|Partly correct: \d+%)$/)).toBeVisible();
  // The verdict is in the bar pinned to the bottom of the screen, not under the question.
  await expect(page.getByRole("link", { name: "Read this in the lesson" })).toHaveAttribute("href", new RegExp(`^/modules/${MODULE}#`));
  for (const n of [3, 4]) {
    await next();
    await expect(heading(n)).toBeFocused();
    await answer(n, "touch");
  }
  await expect(allSaved()).toBeVisible();
  await expect(page.getByText(`4 of ${total} answered`)).toBeVisible();
  await noSidewaysScroll(page);

  // Offline: keep answering; the page says plainly where the answers are.
  await context.setOffline(true);
  for (const n of [5, 6, 7]) {
    await next();
    await expect(heading(n)).toBeFocused();
    await answer(n, "touch");
  }
  await expect(waiting(3)).toBeVisible();
  await expect(page.getByText(`7 of ${total} answered`)).toBeVisible();

  // Submitting waits, and says why.
  const bar = page.getByRole("navigation", { name: "Quiz navigation" });
  await bar.getByRole("button", { name: "All questions" }).tap();
  await expect(page.getByRole("link", { name: "Question 5: answered" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Question 8: not answered" })).toBeVisible();
  await bar.getByRole("button", { name: "Finish" }).tap();
  await expect(page.getByRole("heading", { name: "Submit your answers?" })).toBeFocused();
  await expect(page.getByRole("link", { name: "Question 8" })).toBeVisible();
  const submit = page.getByRole("button", { name: "Submit", exact: true });
  await expect(submit).toHaveAttribute("aria-disabled", "true");
  await expect(page.getByText("You can submit once every answer is on the server.")).toBeVisible();

  // Back online: the outbox empties by itself.
  await context.setOffline(false);
  await expect(allSaved()).toBeVisible({ timeout: 15_000 });
  await expect(submit).not.toHaveAttribute("aria-disabled", "true");

  // The server becomes unreachable (the page itself still loads): an answer waits on the device, and a reload
  // restores the attempt from the device's copy with that answer in place.
  await page.route("**/api/**", (route) => route.abort("internetdisconnected"));
  await page.getByRole("link", { name: "Question 8" }).tap();
  await expect(heading(8)).toBeFocused();
  await answer(8, "touch");
  const waitingForServer = page.getByText("1 answer saved on this device, will be sent as soon as the server can be reached.").first();
  await expect(waitingForServer).toBeVisible();
  await page.reload();
  await expect(page.getByText("No connection: the quiz is shown as saved on this device.")).toBeVisible();
  await expect(heading(8)).toBeVisible();
  await expect(page.getByText(`8 of ${total} answered`)).toBeVisible();
  await expect(waitingForServer).toBeVisible();
  const q8 = questions[7] as Served;
  if (q8.type === "numeric" || q8.type === "text") await expect(screen.getByRole("textbox")).toHaveValue(given.get(q8.id) as string);
  if (q8.type === "single") await expect(screen.getByRole("radio", { name: exact(q8.options?.[0]?.text.en ?? "") })).toBeChecked();
  if (q8.type === "truefalse") await expect(screen.getByRole("radio", { name: "True" })).toBeChecked();

  // The server answers again; the learner need not wait for the next automatic try.
  await page.unroute("**/api/**");
  await page.getByRole("button", { name: "Try sending now" }).tap();
  await expect(allSaved()).toBeVisible();

  // Submit from the submit screen.
  await bar.getByRole("button", { name: "All questions" }).tap();
  await bar.getByRole("button", { name: "Finish" }).tap();
  await expect(page.getByText(`You answered 8 of ${total} questions.`)).toBeVisible();
  await noSidewaysScroll(page);
  await expect(submit).not.toHaveAttribute("aria-disabled", "true");
  await submit.tap();

  await expect(page).toHaveURL(new RegExp(`/attempts/${attemptId}/result$`));
  await expect(page.getByRole("heading", { level: 2, name: "Result" })).toBeVisible();
  await expect(page.getByText(new RegExp(`of ${total} points`))).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Answers explained" })).toBeVisible();
  await noSidewaysScroll(page);

  // Every answer given, online or offline, is on the server exactly as given, and graded.
  const review = (await (await page.request.get(`/api/attempts/${attemptId}/review`)).json()) as {
    showsKey: boolean;
    items: { question: { id: string }; answer: unknown; score: number | null; correct: boolean | null }[];
  };
  expect(review.showsKey).toBe(true);
  expect(given.size).toBe(8);
  for (const [questionId, answer] of given) {
    const item = review.items.find((i) => i.question.id === questionId);
    expect(item?.answer, `answer to ${questionId}`).toEqual(answer);
    expect(typeof item?.score, `score of ${questionId}`).toBe("number");
    expect(typeof item?.correct).toBe("boolean");
  }
  const unanswered = review.items.filter((i) => !given.has(i.question.id));
  expect(unanswered.every((i) => i.answer === null && i.score === 0)).toBe(true);
  expect(await page.evaluate((id) => localStorage.getItem(`qadam.outbox.${id}`), attemptId)).toBeNull();
});
