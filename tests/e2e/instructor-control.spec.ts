// The instructor's control over one student's results: an accommodation (more attempts, a later due date) set from the
// student's page and shown in the gradebook cell, and a question regraded (an answer accepted for everyone, one score
// by hand) with the student seeing the audit line on their review. At phone size and at 1280×800.
import { expect, type Page, request, test } from "@playwright/test";

const PASSWORD = "correct horse battery";

async function ok<T>(res: Promise<import("@playwright/test").APIResponse>): Promise<T> {
  const r = await res;
  expect(r.ok(), `${r.url()} → ${r.status()} ${await r.text()}`).toBe(true);
  return (await r.json()) as T;
}

async function account(base: string, role: "student" | "instructor", name: string) {
  const email = `${role}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@e2e.test`;
  const api = await request.newContext({ baseURL: base, extraHTTPHeaders: { origin: base } });
  const { user } = await ok<{ user: { id: string } }>(api.post("/api/auth/signup", { data: { email, password: PASSWORD, name, role } }));
  return { api, email, id: user.id };
}

/** A teacher with a class and an assessment, and a student who typed a number the key does not accept, then submitted. */
async function setup(base: string) {
  const teacher = await account(base, "instructor", "Айгуль Сериковна");
  const student = await account(base, "student", "Мадина Омарова");
  const { class: k } = await ok<{ class: { id: string; joinCode: string } }>(
    teacher.api.post("/api/classes", { data: { name: "Control" } }),
  );
  await ok(student.api.post("/api/classes/join", { data: { code: k.joinCode } }));
  const { assignment } = await ok<{ assignment: { id: string } }>(
    teacher.api.post(`/api/classes/${k.id}/assignments`, {
      data: { module: "copying-to-innovation", mode: "assessment", timeZone: "Asia/Almaty", maxAttempts: 1, reviewPolicy: "after_submit" },
    }),
  );
  const attempt = await ok<{ id: string; questions: { id: string; type: string; options?: { id: string }[] }[] }>(
    student.api.post("/api/attempts", { data: { assignmentId: assignment.id } }),
  );
  const numeric = attempt.questions.find((q) => q.type === "numeric" || q.type === "text");
  for (const [i, q] of attempt.questions.entries()) {
    const answer = q === numeric ? "77777" : q.type === "truefalse" ? true : q.type === "single" ? q.options?.[0]?.id : undefined;
    if (answer !== undefined)
      await ok(student.api.put(`/api/attempts/${attempt.id}/answers/${q.id}`, { data: { answer, revision: i + 1 } }));
  }
  await ok(student.api.post(`/api/attempts/${attempt.id}/submit`));
  return {
    teacher,
    student,
    classId: k.id,
    assignmentId: assignment.id,
    attemptId: attempt.id,
    numericIndex: attempt.questions.indexOf(numeric as never),
  };
}

async function signIn(page: Page, base: string, email: string) {
  const res = await page.request.post("/api/auth/login", { headers: { origin: base }, data: { email, password: PASSWORD } });
  expect(res.status()).toBe(200);
}

async function accommodationFlow(page: Page, base: string, shot: string) {
  const s = await setup(base);
  await signIn(page, base, s.teacher.email);
  await page.goto(`/classes/${s.classId}/students/${s.student.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Мадина Омарова" })).toBeVisible();
  await page.getByText(/Задать особые условия|Give an accommodation/).click();
  await page.getByLabel(/Дополнительные попытки|Extra attempts/).fill("1");
  await page.getByLabel(/Свой срок сдачи|Their own due date/).fill("2030-05-03T18:00");
  await page.getByRole("button", { name: /Сохранить условия|Save accommodation/ }).click();
  await expect(page.getByRole("status").filter({ hasText: /Особые условия сохранены|Accommodation saved/ })).toBeVisible();
  await expect(page.getByText(/\+1 (попытка|attempt)/)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath(`${shot}-accommodation.png`), fullPage: true });

  // The gradebook cell says so ("extended to Fri": 3 May 2030 is a Friday), and the student may start again.
  await page.goto(`/classes/${s.classId}/gradebook`);
  const cell = page.getByRole("table").getByRole("button", { name: /^Мадина Омарова,/ });
  await expect(cell).toContainText(/продлено до пт|extended to Fri/i);
  await ok(s.student.api.post("/api/attempts", { data: { assignmentId: s.assignmentId } }));
  const mine = await ok<{ assignments: { accommodation: { summary: { en: string } } | null }[] }>(s.student.api.get("/api/assignments"));
  expect(mine.assignments[0]?.accommodation?.summary.en).toMatch(/^\+1 attempt, due 2030-05-03 \d\d:00$/);

  // Removing it puts the assignment's rules back.
  await page.goto(`/classes/${s.classId}/students/${s.student.id}`);
  await page.getByText(/Изменить особые условия|Change the accommodation/).click();
  await page.getByRole("button", { name: /Убрать условия|Remove accommodation/ }).click();
  await expect(page.getByRole("status").filter({ hasText: /убраны|removed/ })).toBeVisible();
}

async function regradeFlow(page: Page, base: string, shot: string) {
  const s = await setup(base);
  expect(s.numericIndex, "a typed question is drawn").toBeGreaterThanOrEqual(0);
  await signIn(page, base, s.teacher.email);
  await page.goto(`/classes/${s.classId}/students/${s.student.id}`);
  const attempt = page.locator(".sd-attempt").first();
  await attempt.locator(":scope > .disclosure-toggle").click();
  const item = attempt.locator("li.sd-item").nth(s.numericIndex);
  await item.getByText(/^(Пересчитать|Regrade)$/).click();
  await item.getByRole("button", { name: /Засчитать «77777»|Accept “77777”/ }).click();
  await expect(item.getByRole("status")).toHaveText(/(Изменилось попыток|Attempts changed): 1/);
  await expect(item.getByText(/^(Пересчитано|Regraded)$/)).toBeVisible();

  // One student's score by hand, with a comment the student reads on their review.
  const other = attempt.locator("li.sd-item").nth(s.numericIndex === 0 ? 1 : 0);
  await other.getByText(/^(Пересчитать|Regrade)$/).click();
  await other.getByLabel(/Балл этого студента|This student's score/).fill("50");
  await other.getByLabel(/Комментарий|Comment/).fill("половина засчитана");
  await other.getByRole("button", { name: /Сохранить балл|Save score/ }).click();
  await expect(other.getByRole("status")).toHaveText(/(Изменилось попыток|Attempts changed): [01]/);
  await page.screenshot({ path: test.info().outputPath(`${shot}-regrade.png`), fullPage: true });

  await page.context().clearCookies();
  await signIn(page, base, s.student.email);
  await page.goto(`/attempts/${s.attemptId}/review`);
  const lines = page.getByRole("region", { name: /Преподаватель пересчитал|Regraded by your instructor/ });
  await expect(lines).toContainText(/77777/);
  await expect(lines).toContainText("половина засчитана");
}

test.describe("instructor control at phone size", () => {
  test("an accommodation set from the student's page shows in the gradebook cell", async ({ page, baseURL }) => {
    await accommodationFlow(page, baseURL as string, "phone");
  });
  test("a typed answer accepted for everyone, and one score by hand, reach the student's review", async ({ page, baseURL }) => {
    await regradeFlow(page, baseURL as string, "phone");
  });
});

test.describe("instructor control at 1280×800", () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  test("an accommodation set from the student's page shows in the gradebook cell", async ({ page, baseURL }) => {
    await accommodationFlow(page, baseURL as string, "desktop");
  });
  test("a typed answer accepted for everyone, and one score by hand, reach the student's review", async ({ page, baseURL }) => {
    await regradeFlow(page, baseURL as string, "desktop");
  });
});
