// The instructor's tools at phone size (Pixel 7) and on a 1280×800 laptop: the join code on a projector (with its
// QR code), the gradebook as XLSX, item analysis of a small class, and the small fixes (expandable cards that say so,
// a form error that clears once fixed, a made-up example join code).
import { type APIRequestContext, expect, type Page, request, test } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { qrPath } from "../../web/src/pages/instructor/qr.ts";

const PASSWORD = "correct horse battery";

interface Fixture {
  teacherEmail: string;
  studentEmail: string;
  studentName: string;
  classId: string;
  joinCode: string;
  studentId: string;
  assignmentId: string;
}
let fixture: Fixture;

async function ok<T>(res: Promise<import("@playwright/test").APIResponse>): Promise<T> {
  const r = await res;
  expect(r.ok(), `${r.url()} → ${r.status()} ${await r.text()}`).toBe(true);
  return (await r.json()) as T;
}

async function apiAs(baseURL: string, email: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  expect((await api.post("/api/auth/login", { data: { email, password: PASSWORD } })).status(), `login ${email}`).toBe(200);
  return api;
}

// A class of our own with one student (a Kazakh name) who submitted one attempt: a class too small for statistics.
test.beforeAll(async ({ baseURL }) => {
  const base = baseURL as string;
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const teacherEmail = `tools-t-${stamp}@e2e.test`;
  const studentEmail = `tools-s-${stamp}@e2e.test`;
  const studentName = `Әсем Ғалымқызы ${stamp}`;
  const anon = await request.newContext({ baseURL: base, extraHTTPHeaders: { origin: base } });
  await ok(anon.post("/api/auth/signup", { data: { email: teacherEmail, password: PASSWORD, name: "Ұлан Өтебаев", role: "instructor" } }));
  const signup = await ok<{ user: { id: string } }>(
    anon.post("/api/auth/signup", { data: { email: studentEmail, password: PASSWORD, name: studentName, role: "student" } }),
  );
  const teacher = await apiAs(base, teacherEmail);
  const student = await apiAs(base, studentEmail);
  const k = await ok<{ class: { id: string; joinCode: string } }>(teacher.post("/api/classes", { data: { name: `Инструменты ${stamp}` } }));
  await ok(student.post("/api/classes/join", { data: { code: k.class.joinCode } }));
  const a = await ok<{ assignment: { id: string } }>(
    teacher.post(`/api/classes/${k.class.id}/assignments`, {
      data: { module: "risks", mode: "assessment", timeZone: "Asia/Almaty", reviewPolicy: "after_submit" },
    }),
  );
  const attempt = await ok<{ id: string; questions: { id: string; type: string; options?: { id: string }[] }[] }>(
    student.post("/api/attempts", { data: { assignmentId: a.assignment.id } }),
  );
  for (const q of attempt.questions.slice(0, 4)) {
    const answer = q.type === "truefalse" ? true : q.type === "single" ? q.options?.[0]?.id : q.type === "numeric" ? "1" : undefined;
    if (answer !== undefined) await ok(student.put(`/api/attempts/${attempt.id}/answers/${q.id}`, { data: { answer } }));
  }
  await ok(student.post(`/api/attempts/${attempt.id}/submit`));
  fixture = {
    teacherEmail,
    studentEmail,
    studentName,
    classId: k.class.id,
    joinCode: k.class.joinCode,
    studentId: signup.user.id,
    assignmentId: a.assignment.id,
  };
  await Promise.all([anon.dispose(), teacher.dispose(), student.dispose()]);
});

async function signIn(page: Page, email: string, baseURL: string | undefined) {
  await page.goto("/api/health");
  const res = await page.request.post("/api/auth/login", { headers: { origin: baseURL ?? "" }, data: { email, password: PASSWORD } });
  expect(res.status()).toBe(200);
}

function instructorTools(size: string) {
  test("the join code on a projector: full screen, letter by letter, a QR code of the join link; Escape and Close return", async ({
    page,
    baseURL,
  }, testInfo) => {
    await signIn(page, fixture.teacherEmail, baseURL);
    await page.goto(`/classes/${fixture.classId}`);
    const open = page.getByRole("button", { name: /Show on a projector|Показать на проекторе/ });
    await open.click();
    const dialog = page.getByRole("dialog", { name: /Join the class|Вступайте в класс/ });
    await expect(dialog).toBeVisible();
    const spelled = fixture.joinCode.split("").join(" ");
    await expect(dialog.getByRole("img", { name: new RegExp(`${spelled}$`) })).toBeVisible();
    const link = `${baseURL}/join/${fixture.joinCode}`;
    const qr = dialog.getByRole("img", { name: new RegExp(`${link.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`) });
    await expect(qr).toBeVisible();
    // The drawn modules are exactly the QR code of the join link.
    expect(await qr.locator("path").getAttribute("d")).toBe(qrPath(link).d);
    // Large: each letter at least 48 px tall even on a phone, and the QR code at least 200 px wide.
    const letter = await dialog.locator(".jp-letter").first().boundingBox();
    expect(letter?.height ?? 0).toBeGreaterThanOrEqual(48);
    expect((await qr.boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(200);
    // The whole viewport, above the app's header.
    const box = await dialog.boundingBox();
    const viewport = page.viewportSize();
    expect(box).toMatchObject({ x: 0, y: 0, width: viewport?.width, height: viewport?.height });
    await page.screenshot({ path: testInfo.outputPath(`projector-${size}.png`) });

    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(open).toBeFocused();
    await open.click();
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: /Close|Закрыть/ }).click();
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(new RegExp(`/classes/${fixture.classId}$`));
  });

  test("the gradebook downloads as XLSX with the names and the grade; the CSV is still there", async ({ page, baseURL }) => {
    await signIn(page, fixture.teacherEmail, baseURL);
    await page.goto(`/classes/${fixture.classId}/gradebook`);
    await expect(page.getByRole("link", { name: /CSV/ })).toBeVisible();
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: /\.xlsx/ }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const parts = unzipSync(new Uint8Array(Buffer.concat(chunks)));
    const sheet = strFromU8(parts["xl/worksheets/sheet1.xml"] as Uint8Array);
    expect(sheet).toContain(fixture.studentName);
    expect(sheet).toContain(fixture.studentEmail);
    // The one grade and the average: numbers in percentage style, not text.
    expect(sheet.match(/<c r="[CD]2" s="2"><v>[\d.]+<\/v><\/c>/g)).toHaveLength(2);
  });

  test("item analysis of one attempt: counts, the attempt in words, no bare index, and help that says it opens", async ({
    page,
    baseURL,
  }, testInfo) => {
    await signIn(page, fixture.teacherEmail, baseURL);
    await page.goto(`/classes/${fixture.classId}/items?assignment=${fixture.assignmentId}`);
    const help = page.getByRole("button", { name: /How to read these numbers|Как читать эти числа/ });
    await expect(help).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByText(/Facility is the mean score|Решаемость — средний балл/)).toBeHidden();
    await help.click();
    await expect(help).toHaveAttribute("aria-expanded", "true");
    await expect(page.getByText(/Facility is the mean score|Решаемость — средний балл/)).toBeVisible();

    const summaryLine = page.getByText(/^(Submitted: 1 attempt\.|Сдано: 1 попытка\.)/);
    await expect(summaryLine).toBeVisible();
    // One attempt makes no strong and weak groups, so none are announced.
    await expect(summaryLine).not.toContainText(/group|групп/);
    await expect(page.getByRole("note")).toContainText(/below 20 attempts|меньше 20 попыток/);
    const first = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { level: 3 }) })
      .first();
    await expect(first).toContainText(/1 attempt with this question|1 попытка с этим вопросом/);
    await expect(first).toContainText(/[01] of 1 right|[01] из 1 верно/);
    await expect(first).toContainText(/too few attempts|мало попыток/);
    // Never an index from a class of one: no figure reads "1.00", "−1.00" or "0,00".
    const figures = await page.getByRole("definition").allInnerTexts();
    expect(figures.length).toBeGreaterThan(0);
    for (const figure of figures) expect(figure).not.toMatch(/^[−-]?\d[.,]\d\d$/);
    await page.screenshot({ path: testInfo.outputPath(`item-analysis-${size}.png`) });
    await first.screenshot({ path: testInfo.outputPath(`item-analysis-question-${size}.png`) });
  });

  test("an attempt card is a button that says it opens, and opens", async ({ page, baseURL }) => {
    await signIn(page, fixture.teacherEmail, baseURL);
    await page.goto(`/classes/${fixture.classId}/students/${fixture.studentId}`);
    const card = page.getByRole("button", { name: /^(Attempt 1|Попытка 1)/ });
    await expect(card).toHaveAttribute("aria-expanded", "false");
    await card.click();
    await expect(card).toHaveAttribute("aria-expanded", "true");
    await expect(page.getByText(/^(Question 1|Вопрос 1)$/).first()).toBeVisible();
  });

  test("the assignment form's error goes once a module is picked, before any new submit", async ({ page, baseURL }) => {
    await signIn(page, fixture.teacherEmail, baseURL);
    await page.goto(`/classes/${fixture.classId}/assignments/new`);
    await page.getByRole("button", { name: /^(Assign|Назначить)$/ }).click();
    const summary = page.getByRole("region", { name: /Please check the form|Проверьте форму/ });
    await expect(summary).toBeVisible();
    const select = page.getByLabel(/Course module|Модуль курса/);
    await expect(select).toHaveAttribute("aria-invalid", "true");
    await select.selectOption({ index: 1 });
    await expect(select).not.toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText(/Fill in this field|Заполните это поле/)).toHaveCount(0);
    await expect(summary).toBeHidden();
  });

  test("the join hint's example is made up, not a real class's code", async ({ page, baseURL }) => {
    await signIn(page, fixture.studentEmail, baseURL);
    await page.goto("/dashboard");
    const hint = page.getByText(/like ABC234|например ABC234/);
    await expect(hint).toBeVisible();
    await expect(hint).not.toContainText("QDM7K4");
    await expect(hint).not.toContainText(fixture.joinCode);
  });
}

test.describe("Pixel 7", () => instructorTools("pixel-7"));

test.describe("1280×800", () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  instructorTools("1280x800");
});
