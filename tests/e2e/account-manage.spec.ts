// Accounts people can manage, end to end: change the name, sign out everywhere from a second device, download the data,
// delete the account (and what the instructor sees of it); the demo teacher's reset code redeemed on the sign-in page.
import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, type Browser, expect, type Page, test } from "@playwright/test";

test.use({ locale: "en-US" });

const PASSWORD = "correct horse battery";
const NEW_PASSWORD = "purple elephant orbit";
const TEACHER = { email: "teacher@qadam.test", password: "qadam-demo-2026" };

const stamp = () => `${Date.now().toString(36)}-${test.info().project.name}`;

/** API writes from a test carry this site's Origin, as the browser's own would (the CSRF check). */
const origin = (baseURL: string | undefined) => ({ origin: baseURL ?? "" });

async function apiSignUp(request: APIRequestContext, baseURL: string | undefined, name: string) {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}@e2e.test`;
  const res = await request.post("/api/auth/signup", {
    headers: origin(baseURL),
    data: { email, password: PASSWORD, name, role: "student" },
  });
  expect(res.status()).toBe(201);
  return { email, name };
}

async function apiLogin(request: APIRequestContext, baseURL: string | undefined, who: { email: string; password: string }) {
  const res = await request.post("/api/auth/login", { headers: origin(baseURL), data: who });
  expect(res.status()).toBe(200);
}

/** The demo class's join code, as its instructor sees it (another spec may have rotated it). */
async function demoJoinCode(browser: Browser, baseURL: string | undefined): Promise<string> {
  const teacher = await browser.newContext({ baseURL });
  await apiLogin(teacher.request, baseURL, TEACHER);
  const { classes } = (await (await teacher.request.get("/api/classes")).json()) as { classes: { id: string; joinCode: string }[] };
  await teacher.close();
  const demo = classes.find((k) => k.id === "demo-class");
  if (!demo) throw new Error("the demo class is missing");
  return demo.joinCode;
}

async function joinDemoClass(request: APIRequestContext, baseURL: string | undefined, code: string) {
  expect((await request.post("/api/classes/join", { headers: origin(baseURL), data: { code } })).status()).toBe(200);
}

/** No serious or critical axe violation (WCAG 2.2 AA rules) on the page as it is now, forms and codes open. */
async function accessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test("a student renames, signs out everywhere from a second phone, downloads the data and deletes the account", async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  const student = await apiSignUp(page.request, baseURL, `Dana ${stamp()}`);
  await joinDemoClass(page.request, baseURL, await demoJoinCode(browser, baseURL));
  // One submitted attempt on the demo class's assignment: it stays in the gradebook until the teacher acknowledges.
  const { assignments } = (await (await page.request.get("/api/assignments")).json()) as { assignments: { id: string }[] };
  const assignmentId = assignments[0]?.id ?? "";
  const started = await page.request.post("/api/attempts", { headers: origin(baseURL), data: { assignmentId } });
  expect(started.status()).toBe(201);
  const { id: attemptId } = (await started.json()) as { id: string };
  expect((await page.request.post(`/api/attempts/${attemptId}/submit`, { headers: origin(baseURL) })).status()).toBe(200);

  // Change the name.
  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  await page.getByRole("button", { name: "Change name" }).click();
  await expect(page.getByRole("button", { name: "Change name" })).toHaveAttribute("aria-expanded", "true");
  const renamed = `${student.name} Renamed`;
  await page.getByLabel("Full name").fill(renamed);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Name saved." })).toBeVisible();
  await expect(page.locator("dl.profile")).toContainText(renamed);
  await noSidewaysScroll(page);
  await page.screenshot({ path: testInfo.outputPath("account.png"), fullPage: true });

  // A wrong current password is named on its field and changes nothing.
  await page.getByRole("button", { name: "Change email" }).click();
  await page.getByLabel("Email").fill(`moved-${student.email}`);
  await page.getByLabel("Current password").fill("not my password at all");
  await page.getByRole("button", { name: "Change email" }).last().click();
  await expect(page.getByRole("region", { name: "Please check the form" })).toBeFocused();
  await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("The password is incorrect.").first()).toBeVisible();
  await accessible(page);

  // Sign out everywhere from a second phone: this one is signed out too.
  const second = await browser.newContext({ baseURL, locale: "en-US", viewport: page.viewportSize(), isMobile: true, hasTouch: true });
  await apiLogin(second.request, baseURL, { email: student.email, password: PASSWORD });
  const other = await second.newPage();
  await other.goto("/account");
  await expect(other.locator("dl.profile")).toContainText(renamed);
  await other.getByRole("button", { name: "Sign out on all devices" }).click();
  await expect(other.getByRole("link", { name: /Sign in/ }).first()).toBeVisible();
  await second.close();
  expect((await page.request.get("/api/me")).status()).toBe(401);
  await page.reload();
  await expect(page.getByText("Sign in to see your assignments and keep your results on any device.")).toBeVisible();

  // Back in, download the data.
  await apiLogin(page.request, baseURL, { email: student.email, password: PASSWORD });
  await page.goto("/account");
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download my data" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^qadam-data-.+\.json$/);
  const data = JSON.parse(await readFile((await download.path()) as string, "utf8")) as {
    profile: { name: string; email: string };
    memberships: { classId: string }[];
    attempts: { id: string }[];
  };
  expect(data.profile).toMatchObject({ name: renamed, email: student.email });
  expect(data.memberships.map((m) => m.classId)).toEqual(["demo-class"]);
  expect(data.attempts.map((a) => a.id)).toEqual([attemptId]);

  // Delete the account: what happens is said first.
  await page.getByRole("button", { name: "Delete account…" }).click();
  await expect(page.getByText(/Deleted at once: your email and password/)).toBeVisible();
  await expect(page.getByText(/: 1 attempt$/)).toBeVisible();
  await page.getByLabel("Current password").fill(PASSWORD);
  await accessible(page);
  await page.screenshot({ path: testInfo.outputPath("delete.png"), fullPage: true });
  await page.getByRole("button", { name: "Delete my account for good" }).click();
  await expect(page.getByText("Your account was deleted.", { exact: false })).toBeVisible();
  const again = await page.request.post("/api/auth/login", {
    headers: origin(baseURL),
    data: { email: student.email, password: PASSWORD },
  });
  expect(again.status()).toBe(401);

  // The demo teacher is told, and removes the results from the gradebook.
  const teacher = await browser.newContext({ baseURL, locale: "en-US", viewport: { width: 1280, height: 800 } });
  await apiLogin(teacher.request, baseURL, TEACHER);
  const classPage = await teacher.newPage();
  await classPage.goto("/classes/demo-class");
  const notice = classPage.getByRole("region", { name: "Students deleted their accounts" });
  const line = notice.getByRole("listitem").filter({ hasText: renamed });
  await expect(line).toContainText("Their results (1 attempt) stay in the gradebook until");
  await accessible(classPage);
  await line.getByRole("button", { name: `Acknowledge and remove from the gradebook: ${renamed}` }).click();
  await expect(classPage.getByRole("status").filter({ hasText: `The results of ${renamed} were removed` })).toBeVisible();
  await expect(classPage.getByRole("listitem").filter({ hasText: renamed })).toHaveCount(0);
  await teacher.close();
});

test.describe("at 1280×800", () => {
  test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });

  test("the demo teacher issues a reset code and the student sets a new password with it on the sign-in page", async ({
    page,
    browser,
    baseURL,
  }, testInfo) => {
    // A student of the demo class who forgot their password (a fresh one: the demo students' passwords stay).
    const studentContext = await browser.newContext({ baseURL, locale: "en-US", viewport: { width: 1280, height: 800 } });
    const student = await apiSignUp(studentContext.request, baseURL, `Forgetful ${stamp()}`);
    await joinDemoClass(studentContext.request, baseURL, await demoJoinCode(browser, baseURL));
    await studentContext.request.post("/api/auth/logout", { headers: origin(baseURL) });

    await apiLogin(page.request, baseURL, TEACHER);
    await page.goto("/classes/demo-class");
    const row = page.getByRole("listitem").filter({ hasText: student.email });
    await row.getByRole("button", { name: `Issue a password reset code for ${student.name}` }).click();
    const card = row.getByRole("status");
    await expect(card).toContainText(`Password reset code for ${student.name}:`);
    const code = ((await card.locator(".join-code [aria-hidden]").textContent()) ?? "").trim();
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    await noSidewaysScroll(page);
    await accessible(page);
    await page.screenshot({ path: testInfo.outputPath("reset-code.png"), fullPage: true });

    // The student, signed out, follows "Forgot your password?".
    const phone = await studentContext.newPage();
    await phone.goto("/signin");
    await phone.getByRole("link", { name: "Forgot your password?" }).click();
    await expect(phone.getByRole("heading", { level: 1, name: "A new password with a code" })).toBeVisible();
    await phone.getByLabel("Email").fill(student.email);
    await phone.getByLabel("Code from your instructor").fill("22222-22222");
    await phone.getByLabel("New password").fill(NEW_PASSWORD);
    await phone.getByRole("button", { name: "Save the password and sign in" }).click();
    await expect(phone.getByText("The code is incorrect, was used already or has expired.").first()).toBeVisible();
    await accessible(phone);
    await phone.getByLabel("Code from your instructor").fill(code.toLowerCase());
    await phone.getByRole("button", { name: "Save the password and sign in" }).click();
    await expect(phone).toHaveURL(/\/dashboard$/);
    await phone.screenshot({ path: testInfo.outputPath("after-reset.png"), fullPage: true });

    // The new password works, the old one and the used code do not.
    const fresh = await browser.newContext({ baseURL });
    expect(
      (
        await fresh.request.post("/api/auth/login", { headers: origin(baseURL), data: { email: student.email, password: PASSWORD } })
      ).status(),
    ).toBe(401);
    await apiLogin(fresh.request, baseURL, { email: student.email, password: NEW_PASSWORD });
    const reused = await fresh.request.post("/api/auth/reset-password", {
      headers: origin(baseURL),
      data: { email: student.email, code, newPassword: "another fine phrase" },
    });
    expect(reused.status()).toBe(400);
    await fresh.close();
    await studentContext.close();
  });
});
