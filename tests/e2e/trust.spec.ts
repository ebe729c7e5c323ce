// What a student sees when the rules that keep a grade honest refuse something: practice paused by an open test.
import { type APIRequestContext, expect, test } from "@playwright/test";

const MODULE = "achievements-2019";
const PASSWORD = "correct horse battery";

async function post(request: APIRequestContext, path: string, data?: unknown) {
  const res = await request.post(path, data === undefined ? {} : { data });
  expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
  return res.json();
}

for (const { locale, lang, paused } of [
  { locale: "en-US", lang: "en", paused: /Practice on this module is paused while you have a test on it.*It reopens on/ },
  { locale: "ru-RU", lang: "ru", paused: /Тренировка по этому модулю на паузе, пока у вас есть по нему тест.*Она откроется/ },
]) {
  test.describe(lang, () => {
    test.use({ locale });

    test("practice on a module with an open test says why it is paused and when it reopens, instead of starting", async ({
      page,
      playwright,
      baseURL,
    }) => {
      const stamp = `${Date.now()}-${test.info().project.name}-${lang}`;
      // The instructor, in a request context of their own.
      const teacher = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL ?? "" } });
      await post(teacher, "/api/auth/signup", { email: `t-${stamp}@e2e.test`, password: PASSWORD, name: "Teacher", role: "instructor" });
      const k = (await post(teacher, "/api/classes", { name: `Trust ${stamp}` })) as { class: { id: string; joinCode: string } };
      const dueAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
      await post(teacher, `/api/classes/${k.class.id}/assignments`, {
        module: MODULE,
        mode: "assessment",
        timeZone: "UTC",
        reviewPolicy: "never",
        dueAt,
      });
      await teacher.dispose();

      const student = page.request;
      await post(student, "/api/auth/signup", { email: `s-${stamp}@e2e.test`, password: PASSWORD, name: "Student", role: "student" });
      await post(student, "/api/classes/join", { code: k.class.joinCode });

      await page.goto(`/modules/${MODULE}/quiz`);
      const alert = page.getByRole("alert");
      await expect(alert).toContainText(paused);
      await expect(page).toHaveURL(new RegExp(`/modules/${MODULE}/quiz$`));
      // No attempt was started: the way out leads back to the lesson.
      await expect(alert.getByRole("link")).toBeVisible();
      expect(((await (await student.get("/api/attempts")).json()) as { attempts: unknown[] }).attempts).toEqual([]);
      await page.screenshot({ path: test.info().outputPath(`practice-paused-${lang}.png`) });
    });
  });
}
