// A student's day, the home tab and the course list: what is due today, where to continue reading, which lessons are
// read and assigned; both pages draw without moving. And a first visit downloads the app shell once.
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";

const ASSIGNED = "copying-to-innovation";
const ASSIGNED_TITLE = "From copying to innovation";
const READING = "achievements-2019";
const PASSWORD = "correct horse battery";

async function post(request: APIRequestContext, path: string, data?: unknown) {
  const res = await request.post(path, data === undefined ? {} : { data });
  expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
  return res.json();
}

/** Sums the page's layout shifts (as Lighthouse's CLS does, without input-driven ones) from the first frame on. */
async function watchLayoutShift(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __shift: number };
    w.__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[])
        if (!e.hadRecentInput) w.__shift += e.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
}
const layoutShift = (page: Page) => page.evaluate(() => (window as unknown as { __shift: number }).__shift);

test.use({ locale: "en-US", timezoneId: "UTC" });

test("the home tab says what is due today and where to continue; the course list shows read, best and assigned", async ({
  page,
  playwright,
  baseURL,
}) => {
  const stamp = `${Date.now()}-${test.info().project.name}`;
  const teacher = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL ?? "" } });
  await post(teacher, "/api/auth/signup", { email: `t-${stamp}@e2e.test`, password: PASSWORD, name: "Teacher", role: "instructor" });
  const k = (await post(teacher, "/api/classes", { name: `Day ${stamp}` })) as { class: { id: string; joinCode: string } };
  // Due later today (UTC, the browser's zone here).
  const now = Date.now();
  const midnight = new Date(now);
  midnight.setUTCHours(24, 0, 0, 0);
  const dueAt = new Date(now + (midnight.getTime() - now) / 2).toISOString();
  await post(teacher, `/api/classes/${k.class.id}/assignments`, { module: ASSIGNED, mode: "practice", timeZone: "UTC", dueAt });
  await teacher.dispose();

  await post(page.request, "/api/auth/signup", { email: `s-${stamp}@e2e.test`, password: PASSWORD, name: "Student", role: "student" });
  await post(page.request, "/api/classes/join", { code: k.class.joinCode });
  await watchLayoutShift(page);

  // Reading half of a lesson: the place is saved once the reader stops scrolling.
  const lesson = (await (await page.request.get(`/api/modules/${READING}?lang=en`)).json()) as {
    title: string;
    blocks: { anchor: string }[];
  };
  const middle = lesson.blocks[Math.floor(lesson.blocks.length / 2)]!.anchor;
  await page.goto(`/modules/${READING}`);
  await page.locator(`[id="${middle}"]`).evaluate((el) => el.scrollIntoView({ block: "start" }));
  await expect
    .poll(
      async () => ((await (await page.request.get("/api/progress")).json()) as { lastRead: { anchor: string } | null }).lastRead?.anchor,
      {
        timeout: 15_000,
      },
    )
    .toBeTruthy();

  // Home: today's assignment and the lesson to continue, drawn in one piece.
  await page.goto("/dashboard");
  const today = page.getByRole("region", { name: "Today" });
  await expect(today.getByRole("link", { name: new RegExp(ASSIGNED_TITLE) })).toBeVisible();
  const resume = today.getByRole("link", { name: /Continue reading/ });
  await expect(resume).toContainText(lesson.title);
  await expect(page.getByRole("heading", { name: "Join a class" })).toBeVisible();
  expect(await layoutShift(page)).toBeLessThanOrEqual(0.05);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `tests/e2e/screenshots/day-home-${test.info().project.name}.png` });

  // "Continue reading" opens the lesson where the reader stopped.
  await resume.click();
  await expect(page).toHaveURL(new RegExp(`/modules/${READING}#`));
  const saved = decodeURIComponent(new URL(page.url()).hash.slice(1));
  await expect(page.locator(`[id="${saved}"]`)).toBeInViewport();

  // Reading the assigned lesson to its end marks it read.
  await page.goto(`/modules/${ASSIGNED}`);
  await page.locator(".practice").evaluate((el) => el.scrollIntoView({ block: "end" }));
  await expect
    .poll(async () => {
      const p = (await (await page.request.get("/api/progress")).json()) as { modules: { slug: string; readAt: string | null }[] };
      return p.modules.find((m) => m.slug === ASSIGNED)?.readAt ?? null;
    })
    .not.toBeNull();

  // The course list: read or not, and what is assigned, each on its own reserved line.
  await page.goto("/modules");
  const card = (title: string) => page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title }) });
  await expect(card(ASSIGNED_TITLE).getByText("✓ Read")).toBeVisible();
  await expect(card(ASSIGNED_TITLE).getByRole("link", { name: /Assigned · due/ })).toBeVisible();
  await expect(card(lesson.title).getByText("Not read yet")).toBeVisible();
  await expect(page.getByText(/min read$/).first()).toBeVisible();
  expect(await layoutShift(page)).toBeLessThanOrEqual(0.05);
  await page.screenshot({ path: `tests/e2e/screenshots/day-course-list-${test.info().project.name}.png`, fullPage: true });
});

test("a first visit keeps what the page loaded; the rest of the shell follows once the page is idle", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ serviceWorkers: "allow", baseURL });
  const page = await context.newPage();
  const sw = await (await page.request.get("/sw.js")).text();
  const precache = JSON.parse(/const PRECACHE = (\[[^\]]*\])/.exec(sw)?.[1] ?? "[]") as string[];
  expect(precache.length).toBeGreaterThan(10);

  await page.goto("/");
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const shellSize = () =>
    page.evaluate(async () => {
      const name = (await caches.keys()).find((n) => n.startsWith("qadam-shell-"));
      return name ? (await (await caches.open(name)).keys()).length : 0;
    });
  // Installed from the HTTP cache: the files this page loaded, not the whole shell.
  const first = await shellSize();
  expect(first).toBeGreaterThan(0);
  expect(first).toBeLessThan(precache.length);
  // Once the page has been idle a while, the worker fetches the rest, for offline use.
  await expect.poll(shellSize, { timeout: 30_000, intervals: [1000] }).toBe(precache.length);
  await context.close();
});
