// Problem details told in the reader's language: the language picked from Accept-Language, and every sentence the
// Worker throws known to the catalogue in ru and kk (machine-read fields untouched).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { localizeProblem, message, problemLanguage } from "../../worker/domain/problemText.ts";

describe("problemLanguage", () => {
  it.each([
    [undefined, "en"],
    ["", "en"],
    ["kk", "kk"],
    ["kk-KZ,ru;q=0.9,en;q=0.8", "kk"],
    ["ru-RU,ru;q=0.9", "ru"],
    ["en-US,en;q=0.9,ru;q=0.8", "en"],
    ["de-DE, ru;q=0.5", "ru"],
    ["ru;q=0.2, kk;q=0.8", "kk"],
    ["kk;q=0, ru", "ru"],
    ["fr", "en"],
  ])("%j → %s", (header, lang) => {
    expect(problemLanguage(header)).toBe(lang);
  });
});

describe("localizeProblem", () => {
  const body = {
    type: "about:blank",
    title: "Bad request",
    status: 400,
    detail: "Invalid query.lang, json.maxAttempts.",
    errors: [
      { path: "query.lang", message: 'Invalid option: expected one of "ru"|"en"|"kk"' },
      { path: "json.maxAttempts", message: "must be at most 100" },
    ],
  };

  it("keeps English as thrown", () => {
    expect(localizeProblem(body, "en")).toBe(body);
  });

  it("tells detail and messages in kk, keeping type, title, status and paths", () => {
    expect(localizeProblem(body, "kk")).toEqual({
      type: "about:blank",
      title: "Bad request",
      status: 400,
      detail: "Қате деректер: query.lang, json.maxAttempts.",
      errors: [
        { path: "query.lang", message: 'рұқсат етілген мәндер: "ru"|"en"|"kk"' },
        { path: "json.maxAttempts", message: "ең көбі 100 болуы керек" },
      ],
    });
  });

  it("tells them in ru", () => {
    const ru = localizeProblem(body, "ru");
    expect(ru.detail).toBe("Неверные данные: query.lang, json.maxAttempts.");
    expect(ru.errors?.[1]?.message).toBe("должно быть не больше 100");
  });

  it.each([
    ["The attempt does not exist or is not yours.", "Табылмады немесе қолжетімсіз: әрекет.", "Не найдено или нет доступа: попытка."],
    ["Only instructors can do this.", "Мұны тек оқытушылар істей алады.", "Это могут только преподаватели."],
    ["All 3 attempts are used.", "Барлық әрекет (3) пайдаланылды.", "Все попытки (3) использованы."],
    [
      "Too many attempts. Try again in 5 minute(s).",
      "Әрекет тым көп. 5 минуттан кейін қайталаңыз.",
      "Слишком много попыток. Попробуйте снова через 5 мин.",
    ],
    [
      "Invalid answer: it element 2 must be one of the option ids of this question.",
      "Жауап дұрыс емес: 2-элемент: осы сұрақтың нұсқасының id-і керек.",
      "Неверный ответ: элемент 2: нужен id варианта этого вопроса.",
    ],
  ])("%j", (detail, kk, ru) => {
    const problem = { type: "about:blank", title: "x", status: 409, detail };
    expect(localizeProblem(problem, "kk").detail).toBe(kk);
    expect(localizeProblem(problem, "ru").detail).toBe(ru);
  });

  it("leaves a sentence it does not know in English rather than guessing", () => {
    expect(message("is a brand new rule", "kk")).toBe("is a brand new rule");
  });
});

describe("the catalogue knows what the Worker throws", () => {
  // Every literal detail and field message in worker/: a new one without a ru and kk reading fails here.
  const sources: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith(".ts") && !path.endsWith("worker-configuration.d.ts") && !path.endsWith("problemText.ts"))
        sources.push(readFileSync(path, "utf8"));
    }
  };
  walk(new URL("../../worker/", import.meta.url).pathname);
  const code = sources.join("\n");
  const details = [...code.matchAll(/new Problem\(\d{3}, "([^"]+)"/g), ...code.matchAll(/(?:conflict|badRequest)\("([^"]+)"/g)].map(
    (m) => m[1] as string,
  );
  const messages = [...code.matchAll(/(?:message: |, |\(|fail\()"((?:must |is |after_due needs)[^"]*)"/g)].map((m) => m[1] as string);

  it("finds the sentences it checks", () => {
    expect(details.length).toBeGreaterThan(10);
    expect(messages.length).toBeGreaterThan(20);
  });

  it.each(["ru", "kk"] as const)("has every detail in %s", (lang) => {
    const unknown = details.filter((d) => localizeProblem({ detail: d }, lang).detail === d);
    expect(unknown).toEqual([]);
  });

  it.each(["ru", "kk"] as const)("has every field message in %s", (lang) => {
    const unknown = [...new Set(messages)].filter((m) => message(m, lang) === m);
    expect(unknown).toEqual([]);
  });
});
