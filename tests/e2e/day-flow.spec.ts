// A student's day, the flow between screens: an assignment's start page that starts nothing, a focused quiz whose
// practice verdict shows without scrolling, one network notice, and a one-minute test that runs out.
import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, expect, type Page, request, test } from "@playwright/test";

test.use({ locale: "en-US" });

const TEACHER = { email: "teacher@qadam.test", password: "qadam-demo-2026" };
const PASSWORD = "correct horse battery";
const SHOTS = "tests/e2e/screenshots";
const ASSIGNED = "copying-to-innovation";
// Its practice serves every open question of the bank, an ordering one among them.
const PRACTICE = "conclusion";
const TIMED_ONE_MINUTE = "state-visit-2019";

interface Served {
  id: string;
  type: "single" | "multiple" | "truefalse" | "numeric" | "text" | "ordering" | "matching";
  options?: { id: string; text: { en: string } }[];
  items?: { id: string; text: { en: string } }[];
  left?: { id: string; text: { en: string } }[];
  right?: { id: string; text: { en: string } }[];
}

let student: { email: string };
let assignmentId: string;
let oneMinuteId: string;

async function ok<T>(res: Promise<import("@playwright/test").APIResponse>): Promise<T> {
  const r = await res;
  expect(r.ok(), `${r.url()} → ${r.status()} ${await r.text()}`).toBe(true);
  return (await r.json()) as T;
}

async function apiAs(baseURL: string, email: string, password: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  expect((await api.post("/api/auth/login", { data: { email, password } })).status()).toBe(200);
  return api;
}

test.beforeAll(async ({ baseURL }) => {
  const base = baseURL as string;
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  student = { email: `day-${stamp}@e2e.test` };
  const anon = await request.newContext({ baseURL: base, extraHTTPHeaders: { origin: base } });
  await ok(anon.post("/api/auth/signup", { data: { email: student.email, password: PASSWORD, name: `Day ${stamp}`, role: "student" } }));
  const teacher = await apiAs(base, TEACHER.email, TEACHER.password);
  const me = await apiAs(base, student.email, PASSWORD);
  const k = await ok<{ class: { id: string; joinCode: string } }>(teacher.post("/api/classes", { data: { name: `Day ${stamp}` } }));
  await ok(me.post("/api/classes/join", { data: { code: k.class.joinCode } }));
  const assign = (data: Record<string, unknown>) =>
    ok<{ assignment: { id: string } }>(
      teacher.post(`/api/classes/${k.class.id}/assignments`, {
        data: { mode: "assessment", timeZone: "UTC", gradingMethod: "best", reviewPolicy: "after_submit", ...data },
      }),
    );
  const due = new Date(Date.now() + 3 * 86_400_000 + 3_600_000).toISOString();
  assignmentId = (await assign({ module: ASSIGNED, timeLimitMinutes: 15, maxAttempts: 2, dueAt: due })).assignment.id;
  oneMinuteId = (await assign({ module: TIMED_ONE_MINUTE, timeLimitMinutes: 1 })).assignment.id;
  await Promise.all([anon.dispose(), teacher.dispose(), me.dispose()]);
});

async function signIn(page: Page, baseURL: string | undefined) {
  const res = await page.request.post("/api/auth/login", {
    data: { email: student.email, password: PASSWORD },
    headers: { origin: baseURL ?? "" },
  });
  expect(res.status()).toBe(200);
}

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

const attemptsOf = async (page: Page) =>
  ((await (await page.request.get("/api/attempts")).json()) as { attempts: { id: string }[] }).attempts;
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}-${test.info().project.name}.png` });
const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main navigation" });

test("an assignment's start page says the rules, links the lesson and starts nothing until Start is confirmed", async ({
  page,
  baseURL,
}) => {
  await signIn(page, baseURL);

  // The lesson says its module is assigned, and leads to the start page.
  await page.goto(`/modules/${ASSIGNED}`);
  const notice = page.getByText(/^Assigned · due \w{3}/);
  await expect(notice).toBeVisible();
  await expect(page.getByRole("link", { name: "Start test" })).toHaveAttribute("href", `/assignments/${assignmentId}`);

  const { moduleTitle } = (await (await page.request.get(`/api/assignments/${assignmentId}`)).json()) as { moduleTitle: { en: string } };
  await page.goto("/dashboard");
  await page
    .getByRole("region", { name: "To do" })
    .getByRole("link", { name: `Start: ${moduleTitle.en}` })
    .tap();
  await expect(page).toHaveURL(`/assignments/${assignmentId}`);

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(moduleTitle.en);
  const rules = page.getByRole("region", { name: "Rules" });
  await expect(rules).toContainText("15 minutes from when you press Start");
  await expect(rules).toContainText("2 of 2 left");
  await expect(rules).toContainText(/in 3 days/);
  await expect(rules).toContainText("Your best attempt counts");
  await expect(rules).toContainText("Shown right after you submit");
  await expect(page.getByRole("link", { name: "Read the lesson" })).toHaveAttribute("href", `/modules/${ASSIGNED}`);
  await noSidewaysScroll(page);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await shot(page, "day-start-page");

  // Opening the page (and reloading it) starts nothing, and counts nothing.
  await page.reload();
  await expect(page.getByRole("region", { name: "Rules" })).toBeVisible();
  expect(await attemptsOf(page)).toEqual([]);

  // A timed test asks once more; "Not now" still starts nothing.
  const start = page.getByRole("button", { name: "Start — the clock starts now" });
  await start.tap();
  const dialog = page.getByRole("dialog", { name: "Start the clock?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("You will have 15 minutes to answer.");
  await dialog.getByRole("button", { name: "Not now" }).tap();
  await expect(dialog).toBeHidden();
  expect(await attemptsOf(page)).toEqual([]);

  // Confirmed: the attempt opens on a focused screen, with no tab bar to stray through.
  await start.tap();
  await dialog.getByRole("button", { name: "Yes, start" }).tap();
  await expect(page).toHaveURL(/\/attempts\/[^/?]+$/);
  await expect(page.getByRole("heading", { level: 2, name: /^Question 1 of/ })).toBeVisible();
  await expect(mainNav(page)).toHaveCount(0);
  await expect(page.getByRole("timer")).toBeVisible();
  expect(await attemptsOf(page)).toHaveLength(1);
  await noSidewaysScroll(page);
  await shot(page, "day-focused-quiz");

  // Leaving a timed attempt asks first; staying keeps the learner on it.
  const asked: string[] = [];
  page.once("dialog", (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.getByRole("link", { name: /Qadam/ }).first().tap();
  await expect.poll(() => asked).toEqual(["The clock keeps running while you are away. Leave the test anyway?"]);
  await expect(page).toHaveURL(/\/attempts\/[^/?]+$/);
  // Back (to the start page) asks too, and staying puts the attempt's address back.
  const here = page.url();
  page.once("dialog", (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.evaluate(() => history.back());
  await expect.poll(() => asked).toHaveLength(2);
  await expect(page).toHaveURL(here);
  await expect(page.getByRole("timer")).toBeVisible();

  // Back on the start page (leaving, accepted), it offers to continue rather than to start another.
  page.once("dialog", (d) => void d.accept());
  await page.goto(`/assignments/${assignmentId}`);
  await expect(page.getByRole("link", { name: "Continue the attempt" })).toBeVisible();
  await expect(mainNav(page)).toBeVisible();
});

test("practice: the verdict after Check shows inside a 375×667 screen, ordering moves straight to a position, one network notice", async ({
  page,
  context,
  baseURL,
}) => {
  await signIn(page, baseURL);
  await page.goto(`/modules/${PRACTICE}/quiz`);
  await expect(page).toHaveURL(/\/attempts\/[^/?]+$/);
  const id = new URL(page.url()).pathname.split("/")[2] as string;
  const { questions } = (await (await page.request.get(`/api/attempts/${id}`)).json()) as { questions: Served[] };
  await expect(mainNav(page)).toHaveCount(0);

  // The first question whose verdict waits for "Check".
  const n = questions.findIndex((q) => ["multiple", "numeric", "text", "ordering", "matching"].includes(q.type));
  expect(n).toBeGreaterThanOrEqual(0);
  const q = questions[n] as Served;
  await page.goto(`/attempts/${id}?q=${n + 1}`);
  await expect(page.getByRole("heading", { level: 2, name: `Question ${n + 1} of ${questions.length}` })).toBeVisible();
  switch (q.type) {
    case "multiple":
      await page.getByRole("checkbox").first().tap();
      break;
    case "numeric":
    case "text":
      await page.getByRole("textbox").fill("1");
      break;
    case "matching":
      await page.getByLabel(q.left?.[0]?.text.en ?? "", { exact: true }).selectOption(q.right?.[0]?.id ?? "");
      break;
    case "ordering":
      break;
  }
  if (q.type !== "ordering") await page.getByRole("button", { name: "Check answer" }).tap();

  // Ordering (here, or on the first ordering question there is): the last item goes to position 1 in one choice.
  const o = questions.findIndex((x) => x.type === "ordering");
  expect(o, "the practice serves an ordering question").toBeGreaterThanOrEqual(0);
  {
    if (o !== n) await page.goto(`/attempts/${id}?q=${o + 1}`);
    const items = questions[o]?.items ?? [];
    const last = items.at(-1)?.text.en ?? "";
    await page.getByRole("combobox", { name: `Position of “${last}”` }).selectOption("0");
    await expect(page.getByText(`“${last}” is now at position 1 of ${items.length}.`)).toBeAttached();
    await expect(page.getByRole("combobox", { name: `Position of “${last}”` })).toBeFocused();
    await expect(page.getByRole("listitem").filter({ hasText: last }).first()).toBeVisible();
    if (o !== n) await page.goto(`/attempts/${id}?q=${n + 1}`);
    else await page.getByRole("button", { name: "Check answer" }).tap();
  }

  const verdict = page.getByText(/^(Correct|Incorrect|Partly correct: \d+%)$/);
  await expect(verdict).toBeVisible();
  // Without any scrolling: the verdict is on screen, in the bar pinned to the bottom (a long explanation scrolls
  // inside the panel, which keeps the question in view above it).
  await expect(verdict).toBeInViewport({ ratio: 1 });
  await noSidewaysScroll(page);
  await shot(page, "day-feedback-panel");
  const lessonLink = page.getByRole("link", { name: "Read this in the lesson" });
  const pageScroll = await page.evaluate(() => window.scrollY);
  await lessonLink.scrollIntoViewIfNeeded();
  await expect(lessonLink).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBe(pageScroll);

  // Offline: one notice, not three; it goes once the connection is back and the answer is sent.
  const single = questions.findIndex((x, i) => i > n && (x.type === "single" || x.type === "truefalse"));
  expect(single).toBeGreaterThan(n);
  await page.goto(`/attempts/${id}?q=${single + 1}`);
  await expect(page.getByRole("heading", { level: 2, name: `Question ${single + 1} of ${questions.length}` })).toBeVisible();
  await context.setOffline(true);
  await page.getByRole("radio").first().tap();
  const notice = page.getByText(/1 answer saved on this device, will be sent when you are back online/).first();
  await expect(notice).toBeVisible();
  await expect(page.getByText("You are offline.", { exact: false })).toHaveCount(0);
  await expect(page.getByText("You will see whether it is right once your answer reaches the server.", { exact: false })).toHaveCount(1);
  await context.setOffline(false);
  await expect(page.getByText(/saved on this device/)).toHaveCount(0, { timeout: 15_000 });
  await expect(page.getByText(/^(Correct|Incorrect)$/)).toBeVisible();

  // The deck's verdict is pinned to the bottom the same way. Submitting puts the missed questions in the deck.
  expect((await page.request.post(`/api/attempts/${id}/submit`, { headers: { origin: baseURL ?? "" } })).status()).toBe(200);
  const due = (await (await page.request.get("/api/review/due")).json()) as { cards: { question: Served }[] };
  const card = due.cards[0]?.question as Served;
  await page.goto("/deck");
  await expect(page.getByRole("heading", { level: 2, name: /^Question 1 of \d+$/ })).toBeVisible();
  switch (card.type) {
    case "single":
    case "truefalse":
      await page.getByRole("radio").first().tap();
      break;
    case "multiple":
      await page.getByRole("checkbox").first().tap();
      break;
    case "numeric":
    case "text":
      await page.getByRole("textbox").fill("1");
      break;
    case "matching":
      // By its text: each serving of a deck card has its own seed, so option ids may differ from this copy's.
      await page.getByLabel(card.left?.[0]?.text.en ?? "", { exact: true }).selectOption({ label: card.right?.[0]?.text.en ?? "" });
      break;
    case "ordering":
      break;
  }
  await page.getByRole("button", { name: "Check", exact: true }).tap();
  const deckVerdict = page.getByText(/^(Correct!|Incorrect\.|Partly correct \(\d+%\): it comes back soon\.)$/);
  await expect(deckVerdict).toBeInViewport({ ratio: 1 });
  await shot(page, "day-deck-feedback");
});

test("a one-minute test warns in its last minute, then says time ran out and that the answers went in by themselves", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(150_000);
  await signIn(page, baseURL);
  await page.goto(`/assignments/${oneMinuteId}`);
  await expect(page.getByRole("region", { name: "Rules" })).toContainText("1 minute from when you press Start");
  await page.getByRole("button", { name: "Start — the clock starts now" }).tap();
  await page.getByRole("dialog").getByRole("button", { name: "Yes, start" }).tap();
  await expect(page).toHaveURL(/\/attempts\/[^/?]+$/);
  const id = new URL(page.url()).pathname.split("/")[2] as string;

  // The last minute: seen in the bar, and said once through the timer's live region.
  const warning = "One minute left. When time is up, your answers are submitted automatically.";
  await expect(page.getByText(warning).first()).toBeVisible();
  await expect(page.locator("[aria-live]", { hasText: warning })).toHaveCount(1);
  await shot(page, "day-last-minute");

  // Nobody submits: at zero the device sends what it has and submits; the result says why it closed.
  await expect(page).toHaveURL(`/attempts/${id}/result`, { timeout: 100_000 });
  await expect(page.getByRole("alert")).toContainText("Time ran out — your answers were submitted automatically.");
  const review = (await (await page.request.get(`/api/attempts/${id}/review`)).json()) as { attempt: { result: { closeReason: string } } };
  expect(review.attempt.result.closeReason).toBe("time_up");
  await expect(mainNav(page)).toBeVisible();
  await shot(page, "day-time-ran-out");
});
