// Accounts, classes and assignments end to end: an instructor and a student, each in their own browser and time zone.
import { type Browser, expect, type Page, test } from "@playwright/test";

// The instructor plans in Almaty (UTC+5, no daylight saving); the student reads in London (UTC+1 in June).
test.use({ locale: "en-US", timezoneId: "Asia/Almaty" });

const PASSWORD = "correct horse battery";

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function fillSignUp(page: Page, who: { name: string; email: string; role: "student" | "instructor" }) {
  await page.getByLabel("Full name").fill(who.name);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("radio", { name: who.role === "instructor" ? /^an instructor/ : /^a student/ }).check();
  await page.getByRole("button", { name: "Create account" }).click();
}

async function newPhone(browser: Browser, page: Page, baseURL: string | undefined, timezoneId: string) {
  return browser.newContext({
    baseURL,
    locale: "en-US",
    timezoneId,
    viewport: page.viewportSize(),
    isMobile: true,
    hasTouch: true,
  });
}

test("an instructor runs a class and a student joins it by link and sees the assignment in local time", async ({
  page,
  browser,
  baseURL,
  context,
}) => {
  const stamp = `${Date.now()}-${test.info().project.name}`;
  const className = `Seminar <b>${stamp}</b>`;
  const studentName = `Student ${stamp}`;

  // The instructor signs up and lands on their classes.
  await page.goto("/signup");
  await expect(page.getByRole("heading", { level: 1, name: "Create an account" })).toBeVisible();
  await noSidewaysScroll(page);
  // A failed submit names each field and moves focus to the summary.
  await page.getByRole("button", { name: "Create account" }).click();
  const summary = page.getByRole("region", { name: "Please check the form" });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: /Full name: Fill in this field/ })).toBeVisible();
  await expect(page.getByLabel("Full name")).toHaveAttribute("aria-invalid", "true");

  await fillSignUp(page, { name: "Teacher E2E", email: `teacher-${stamp}@e2e.test`, role: "instructor" });
  await expect(page).toHaveURL(/\/classes$/);
  await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Classes" })).toBeVisible();

  // It creates a class; its name is shown as text, never as markup.
  await page.getByLabel("Class name").fill(className);
  await page.getByRole("button", { name: "Create class" }).click();
  await expect(page.getByRole("heading", { level: 1, name: className })).toBeVisible();
  await noSidewaysScroll(page);

  const link = await page.getByLabel("Link to join").inputValue();
  const code = link.split("/join/")[1] ?? "";
  expect(code).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
  expect(link).toBe(`${new URL(page.url()).origin}/join/${code}`);
  await expect(page.getByText(`Code, letter by letter: ${code.split("").join(" ")}`)).toBeAttached();

  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy code" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Copied." })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

  // The student opens the link signed out, creates an account and comes back to join with one tap.
  const studentContext = await newPhone(browser, page, baseURL, "Europe/London");
  const student = await studentContext.newPage();
  await student.goto(`/join/${code}`);
  await expect(student.getByText("To join, sign in or create a student account.")).toBeVisible();
  await student.getByRole("link", { name: "Create account" }).click();
  await expect(student).toHaveURL(new RegExp(`/signup\\?next=${encodeURIComponent(`/join/${code}`)}$`));
  await fillSignUp(student, { name: studentName, email: `student-${stamp}@e2e.test`, role: "student" });
  await expect(student).toHaveURL(new RegExp(`/join/${code}$`));
  await student.getByRole("button", { name: "Join the class" }).click();
  await expect(student.getByRole("status").filter({ hasText: `Done! You are in “${className}”.` })).toBeVisible();
  await student.getByRole("link", { name: "Open my assignments" }).click();
  await expect(student.getByRole("heading", { level: 1, name: "My assignments" })).toBeVisible();
  await expect(student.getByRole("region", { name: "My classes" }).getByText(className)).toBeVisible();
  await noSidewaysScroll(student);

  // The instructor sees the student in the roster and assigns a module due at 18:00 Almaty time.
  await page.reload();
  const roster = page.getByRole("region", { name: /Students/ });
  await expect(roster.getByText(studentName)).toBeVisible();
  await expect(roster.getByRole("button", { name: `Remove ${studentName} from the class` })).toBeVisible();

  await page.getByRole("link", { name: "Assign a module" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New assignment" })).toBeVisible();
  await expect(page.getByText("Times are in your time zone: Asia/Almaty")).toBeVisible();
  await page.getByLabel("Course module").selectOption("copying-to-innovation");
  const moduleTitle = (await page.getByLabel("Course module").locator("option:checked").textContent())?.replace(/^\d+\.\s*/, "") ?? "";
  expect(moduleTitle).not.toBe("");
  await page.getByLabel("Due", { exact: true }).fill("2030-06-15T18:00");
  await page.getByLabel("Attempts", { exact: true }).fill("2");
  await noSidewaysScroll(page);
  await page.getByRole("button", { name: "Assign", exact: true }).click();

  await expect(page.getByRole("heading", { level: 1, name: className })).toBeVisible();
  const assignments = page.getByRole("region", { name: "Assignments" });
  await expect(assignments.getByRole("heading", { name: moduleTitle })).toBeVisible();
  // 18:00 in Almaty is 13:00 UTC.
  await expect(assignments.locator("time")).toHaveAttribute("datetime", "2030-06-15T13:00:00.000Z");
  await expect(assignments.locator("time")).toHaveText(/06:00\sPM/);

  // The student sees it on the dashboard at 14:00 London time, with its rules and a Start button.
  await student.reload();
  const todo = student.getByRole("region", { name: "To do" });
  await expect(todo.getByRole("heading", { name: moduleTitle })).toBeVisible();
  const due = todo.locator("time");
  await expect(due).toHaveAttribute("datetime", "2030-06-15T13:00:00.000Z");
  await expect(due).toHaveText(/Jun 15, 2030/);
  await expect(due).toHaveText(/02:00\sPM/);
  await expect(todo.getByText("Not started")).toBeVisible();
  await expect(todo.getByText("Attempts left: 2 of 2")).toBeVisible();
  const start = todo.getByRole("link", { name: `Start: ${moduleTitle}` });
  await expect(start).toHaveAttribute("href", /^\/assignments\/[\w-]+$/);
  await noSidewaysScroll(student);

  // Editing keeps what was not touched; the new due time reaches the student in their own zone.
  await assignments.getByRole("link", { name: `Edit the assignment “${moduleTitle}”` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit assignment" })).toBeVisible();
  await expect(page.getByLabel("Due", { exact: true })).toHaveValue("2030-06-15T18:00");
  await expect(page.getByLabel("Attempts", { exact: true })).toHaveValue("2");
  await page.getByLabel("Due", { exact: true }).fill("2030-06-15T19:30");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(assignments.locator("time")).toHaveAttribute("datetime", "2030-06-15T14:30:00.000Z");
  await student.reload();
  await expect(todo.locator("time")).toHaveText(/03:30\sPM/);

  // Rotating the code (after confirming) retires the old one; removing the student (after confirming) empties the roster.
  page.on("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Change code" }).click();
  await expect(page.getByLabel("Link to join")).not.toHaveValue(link);
  await roster.getByRole("button", { name: `Remove ${studentName} from the class` }).click();
  await expect(roster.getByRole("status")).toHaveText(`${studentName} is no longer in the class.`);
  await expect(roster.getByText("Nobody has joined yet.")).toBeVisible();

  await student.goto(`/join/${code}`);
  await student.getByRole("button", { name: "Join the class" }).click();
  await expect(student.getByRole("alert")).toHaveText("No class has this code. Check it with your instructor.");

  await studentContext.close();
});

test("a wrong password is reported without saying which part was wrong, and sign out works", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("student1@qadam.test");
  await page.getByLabel("Password", { exact: true }).fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const summary = page.getByRole("region", { name: "Please check the form" });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("The email or password is incorrect.");

  await page.getByLabel("Password", { exact: true }).fill("qadam-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "My assignments" })).toBeVisible();

  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Account" }).click();
  await expect(page.getByText("student1@qadam.test")).toBeVisible();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/dashboard");
  await expect(page.getByText("Sign in or create an account to open this page.")).toBeVisible();
});
