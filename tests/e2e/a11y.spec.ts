// Accessibility of every page in all three languages (kk, ru, en) at phone and desktop sizes (axe: no serious or critical
// violations; no sideways scroll, 16px text, 44×44 targets), the static app's security headers as served, and
// stored markup (names, class names) rendered as text.
import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, expect, type Page, request, test } from "@playwright/test";

const PASSWORD = "qadam-demo-2026";
const TEACHER = "teacher@qadam.test";
const LANGS = ["ru", "en", "kk"] as const;
const DESKTOP = { width: 1280, height: 800 };

interface Fixture {
  studentEmail: string;
  studentPassword: string;
  classId: string;
  studentId: string;
  assignmentId: string;
  openAttemptId: string;
  submittedAttemptId: string;
  slug: string;
}

let fixture: Fixture;

/** A request context that speaks to the served app as a browser page would (Origin on writes). */
async function apiAs(baseURL: string, email: string, password: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const res = await api.post("/api/auth/login", { data: { email, password } });
  expect(res.status(), `login ${email}`).toBe(200);
  return api;
}

async function ok<T>(res: Promise<import("@playwright/test").APIResponse>): Promise<T> {
  const r = await res;
  expect(r.ok(), `${r.url()} → ${r.status()} ${await r.text()}`).toBe(true);
  return (await r.json()) as T;
}

test.beforeAll(async ({ baseURL }) => {
  const base = baseURL as string;
  // A student of our own in the demo class, with a submitted attempt (result, review, deck) and an open one (the quiz).
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const studentEmail = `a11y-${stamp}@e2e.test`;
  const studentPassword = "correct horse battery";
  const anon = await request.newContext({ baseURL: base, extraHTTPHeaders: { origin: base } });
  const signup = await ok<{ user: { id: string } }>(
    anon.post("/api/auth/signup", { data: { email: studentEmail, password: studentPassword, name: `Асель ${stamp}`, role: "student" } }),
  );
  const student = await apiAs(base, studentEmail, studentPassword);
  const teacher = await apiAs(base, TEACHER, PASSWORD);
  const classes = await ok<{ classes: { id: string; joinCode: string }[] }>(teacher.get("/api/classes"));
  const klass = classes.classes[0] as { id: string; joinCode: string };
  await ok(student.post("/api/classes/join", { data: { code: klass.joinCode } }));
  const assignments = await ok<{ assignments: { id: string; module: string }[] }>(teacher.get(`/api/classes/${klass.id}/assignments`));
  const slug = "achievements-2019";
  const done = await ok<{ id: string; questions: { id: string; type: string; options?: { id: string }[] }[] }>(
    student.post("/api/attempts", { data: { module: slug } }),
  );
  for (const q of done.questions.slice(0, 3)) {
    const answer = q.type === "truefalse" ? true : q.type === "single" ? q.options?.[0]?.id : q.type === "numeric" ? "1" : undefined;
    if (answer !== undefined) await student.put(`/api/attempts/${done.id}/answers/${q.id}`, { data: { answer } });
  }
  await ok(student.post(`/api/attempts/${done.id}/submit`));
  const open = await ok<{ id: string }>(student.post("/api/attempts", { data: { module: "risks" } }));
  fixture = {
    studentEmail,
    studentPassword,
    classId: klass.id,
    studentId: signup.user.id,
    assignmentId: (assignments.assignments[0] as { id: string }).id,
    openAttemptId: open.id,
    submittedAttemptId: done.id,
    slug,
  };
  await Promise.all([anon.dispose(), student.dispose(), teacher.dispose()]);
});

type Role = "visitor" | "student" | "instructor";
interface PageCase {
  name: string;
  role: Role;
  path: (f: Fixture) => string;
}

/** Every route of web/src/main.tsx, as the role that can see it. */
const PAGES: PageCase[] = [
  { name: "home", role: "visitor", path: () => "/" },
  { name: "course outline", role: "visitor", path: () => "/modules" },
  { name: "lesson", role: "visitor", path: (f) => `/modules/${f.slug}` },
  { name: "sign in", role: "visitor", path: () => "/signin" },
  { name: "sign up", role: "visitor", path: () => "/signup" },
  { name: "join link", role: "visitor", path: () => "/join/QDM7K4" },
  { name: "not found", role: "visitor", path: () => "/no-such-page" },
  { name: "dashboard", role: "student", path: () => "/dashboard" },
  { name: "account", role: "student", path: () => "/account" },
  { name: "assignment start page", role: "student", path: (f) => `/assignments/${f.assignmentId}` },
  { name: "quiz", role: "student", path: (f) => `/attempts/${f.openAttemptId}` },
  { name: "quiz result", role: "student", path: (f) => `/attempts/${f.submittedAttemptId}/result` },
  { name: "attempt review", role: "student", path: (f) => `/attempts/${f.submittedAttemptId}/review` },
  { name: "results", role: "student", path: () => "/results" },
  { name: "review deck", role: "student", path: () => "/deck" },
  { name: "classes", role: "instructor", path: () => "/classes" },
  { name: "class", role: "instructor", path: (f) => `/classes/${f.classId}` },
  { name: "new assignment", role: "instructor", path: (f) => `/classes/${f.classId}/assignments/new` },
  { name: "edit assignment", role: "instructor", path: (f) => `/classes/${f.classId}/assignments/${f.assignmentId}` },
  { name: "gradebook", role: "instructor", path: (f) => `/classes/${f.classId}/gradebook` },
  { name: "student's attempts", role: "instructor", path: (f) => `/classes/${f.classId}/students/${f.studentId}` },
  { name: "item analysis", role: "instructor", path: (f) => `/classes/${f.classId}/items` },
];

async function signIn(page: Page, role: Role, origin: string) {
  if (role === "visitor") return;
  const [email, password] = role === "student" ? [fixture.studentEmail, fixture.studentPassword] : [TEACHER, PASSWORD];
  const res = await page.request.post("/api/auth/login", { data: { email, password }, headers: { origin } });
  expect(res.status(), `sign in as ${role}`).toBe(200);
}

/** Opens a page in a language and waits until it has rendered its content (a heading, no loading state). */
async function open(page: Page, path: string, lang: (typeof LANGS)[number]) {
  await page.addInitScript((l) => localStorage.setItem("qadam.locale", l), lang);
  await page.goto(path);
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

/** Interactive elements whose tap target is under 44×44 CSS px (a label counts as the target of its control). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, [role="button"], [role="link"], [tabindex="0"]';
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none") continue;
      let rect = el.getBoundingClientRect();
      // A "stretched" link covers its card with an absolutely placed ::after: the card is the target.
      const after = getComputedStyle(el, "::after");
      if (after.content !== "none" && after.position === "absolute" && el.offsetParent) rect = el.offsetParent.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1) {
        // A visually hidden control (a custom radio or checkbox) is reached through its label.
        const label = el.closest("label") ?? (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null);
        if (!label) continue;
        rect = label.getBoundingClientRect();
      }
      // Inline links inside running text are exempt (WCAG 2.5.8's inline exception).
      if (el.tagName === "A" && el.closest("p, li p, dd, blockquote, figcaption") && style.display.startsWith("inline")) continue;
      const label = el instanceof HTMLInputElement ? el.closest("label") : null;
      const box = label ? label.getBoundingClientRect() : rect;
      const width = Math.max(rect.width, box.width);
      const height = Math.max(rect.height, box.height);
      if (width + 0.5 < 44 || height + 0.5 < 44) {
        const name = (el.getAttribute("aria-label") ?? el.textContent ?? el.getAttribute("name") ?? "")
          .trim()
          .replace(/\s+/g, " ")
          .slice(0, 40);
        out.push(
          `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ""}> "${name}" ${Math.round(width)}×${Math.round(height)}`,
        );
      }
    }
    return out;
  });
}

async function checkPage(page: Page, phone: boolean) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")} — ${n.failureSummary?.split("\n")[1] ?? ""}`).join("\n")}`,
  );
  expect(report, "axe: serious or critical violations").toEqual([]);

  const fontSize = await page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize));
  expect(fontSize, "body font-size").toBeGreaterThanOrEqual(16);
  expect(await smallTargets(page), "tap targets under 44×44").toEqual([]);
  if (phone) {
    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      // The outermost elements that stick out, so the message says what to fix.
      const clipped = (el: HTMLElement) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
          if (getComputedStyle(p).overflowX !== "visible") return true;
        return false;
      };
      const out = Array.from(document.querySelectorAll<HTMLElement>("body *"))
        .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !clipped(el))
        .filter((el, _, all) => !all.some((other) => other !== el && other.contains(el)))
        .map((el) => `<${el.tagName.toLowerCase()} class="${el.className}"> right edge ${Math.round(el.getBoundingClientRect().right)}px`);
      return { by: document.documentElement.scrollWidth - width, out: out.slice(0, 5) };
    });
    expect(overflow.by, `sideways scroll at phone width: ${overflow.out.join("; ")}`).toBeLessThanOrEqual(0);
  }
}

for (const size of ["phone", "desktop"] as const) {
  test.describe(`${size}`, () => {
    // The phone size is the Pixel 7 project's own (playwright.config.ts runs this file on that project only).
    if (size === "desktop") test.use({ viewport: DESKTOP, isMobile: false, hasTouch: false, deviceScaleFactor: 1 });

    for (const lang of LANGS) {
      for (const p of PAGES) {
        test(`${p.name} (${lang}) is accessible`, async ({ page, baseURL }) => {
          await signIn(page, p.role, baseURL as string);
          await open(page, p.path(fixture), lang);
          await checkPage(page, size === "phone");
        });
      }
    }
  });
}

test.describe("the static app as served", () => {
  test("every page's HTML carries the headers of web/public/_headers", async ({ request: api }) => {
    for (const path of ["/", "/modules", "/classes/x", "/no-such-page"]) {
      const res = await api.get(path);
      // An unknown path is the not-found page with a 404 (worker/pages.ts), under the same headers.
      expect(res.status(), path).toBe(path === "/no-such-page" ? 404 : 200);
      expect(res.headers()["content-type"], path).toMatch(/^text\/html/);
      const csp = res.headers()["content-security-policy"] ?? "";
      const directives = new Map(
        csp
          .split(";")
          .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
          .map(([k, ...v]) => [k, v]),
      );
      expect(directives.get("script-src"), `${path}: ${csp}`).toEqual(["'self'"]);
      expect(directives.get("frame-ancestors"), path).toEqual(["'none'"]);
      expect(res.headers()["x-content-type-options"], path).toBe("nosniff");
      expect(res.headers()["referrer-policy"], path).toBeTruthy();
      expect(res.headers()["x-frame-options"], path).toBe("DENY");
      // The page obeys its own policy: no inline script for the CSP to block.
      expect(await res.text(), path).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    }
  });
});

test.describe("stored markup is shown as text", () => {
  test("a student named <img onerror> in a class named <script> fires nothing and reads literally", async ({ page, baseURL, browser }) => {
    const base = baseURL as string;
    const stamp = Date.now().toString(36);
    const studentName = `<img src=x onerror=alert(1)> ${stamp}`;
    const className = `<script>alert('class')</script> ${stamp}`;
    const anon = await request.newContext({ baseURL: base, extraHTTPHeaders: { origin: base } });
    const teacherEmail = `xss-t-${stamp}@e2e.test`;
    const studentEmail = `xss-s-${stamp}@e2e.test`;
    const password = "correct horse battery";
    await ok(
      anon.post("/api/auth/signup", { data: { email: teacherEmail, password, name: `<b>Teacher</b> ${stamp}`, role: "instructor" } }),
    );
    await ok(anon.post("/api/auth/signup", { data: { email: studentEmail, password, name: studentName, role: "student" } }));
    const teacher = await apiAs(base, teacherEmail, password);
    const student = await apiAs(base, studentEmail, password);
    const k = await ok<{ class: { id: string; joinCode: string } }>(teacher.post("/api/classes", { data: { name: className } }));
    await ok(student.post("/api/classes/join", { data: { code: k.class.joinCode } }));

    const dialogs: string[] = [];
    const watch = (p: Page) => {
      p.on("dialog", async (d) => {
        dialogs.push(d.message());
        await d.dismiss();
      });
      p.on("pageerror", (e) => dialogs.push(`page error: ${e.message}`));
    };

    // The instructor's roster and class list.
    watch(page);
    await page.goto("/api/health");
    await page.request.post("/api/auth/login", { data: { email: teacherEmail, password }, headers: { origin: base } });
    await page.goto(`/classes/${k.class.id}`);
    await expect(page.getByText(studentName, { exact: false }).first()).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(className);
    await page.goto("/classes");
    await expect(page.getByText(className).first()).toBeVisible();
    expect(await page.locator("img[src='x']").count()).toBe(0);

    // The student's own pages.
    const context = await browser.newContext({ baseURL: base });
    const studentPage = await context.newPage();
    watch(studentPage);
    await studentPage.goto("/api/health");
    await studentPage.request.post("/api/auth/login", { data: { email: studentEmail, password }, headers: { origin: base } });
    for (const path of ["/dashboard", "/account"]) {
      await studentPage.goto(path);
      await studentPage.waitForLoadState("networkidle");
    }
    await studentPage.goto("/account");
    await expect(studentPage.getByText(studentName).first()).toBeVisible();
    await studentPage.goto("/dashboard");
    await expect(studentPage.getByText(className).first()).toBeVisible();
    expect(await studentPage.locator("img[src='x'], script:not([src])").count()).toBe(0);
    expect(dialogs).toEqual([]);
    await Promise.all([context.close(), anon.dispose(), teacher.dispose(), student.dispose()]);
  });
});
