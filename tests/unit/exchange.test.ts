// Question-bank export: the type mapping, grades Moodle accepts, escaping, and every module's files read back by
// parsers someone else wrote (gift-pegjs for GIFT, fast-xml-parser for Moodle XML).
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parse as parseGift } from "gift-pegjs";
import { describe, expect, it } from "vitest";
import type { CompiledCourse, Question } from "../../lessons/types.ts";
import {
  type ContentLang,
  contentLangs,
  type ExchangeBank,
  exchangeBank,
  exchangeQuestion,
  moduleLanguages,
  multipleFractions,
  percent,
} from "../../worker/domain/exchange/bank.ts";
import { ARROW_BREAK, giftNumber, giftText, toGift } from "../../worker/domain/exchange/gift.ts";
import { categoryPath, shortAnswerText, toMoodleXml, xmlText } from "../../worker/domain/exchange/moodleXml.ts";
import { gradeAnswer } from "../../worker/domain/grading.ts";

// Built by `npm run lessons:build` (npm test builds first).
const course = JSON.parse(readFileSync(new URL("../../lessons/.build/course.json", import.meta.url), "utf8")) as CompiledCourse;
const banks = course.modules.filter((m) => m.questionIds.length > 0);

/** Moodle's question_bank::fraction_options_full(): the only grades its importers accept ("error if not listed"). */
const MOODLE_GRADES = [
  1, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05,
];
const moodleAccepts = (percentText: string) => {
  const f = Number(percentText) / 100;
  return f === 0 || MOODLE_GRADES.some((g) => Math.abs(Math.abs(f) - g) < 1e-7);
};

const text = (s: string): Question => ({
  id: "x-q1",
  moduleSlug: "x",
  anchor: "p-x",
  prompt: { ru: s, en: s },
  explanation: { ru: s, en: s },
  assessmentOnly: false,
  skill: "recall",
  type: "text",
  typos: true,
  answers: { ru: [s], en: [s] },
});

const bankOf = (questions: Question[], lang: ContentLang = "en"): ExchangeBank => ({
  lang,
  moduleSlug: "x",
  category: ["Qadam", "1. X"],
  questions: questions.map((q) => exchangeQuestion(q, lang)).filter((q) => q !== null),
});

describe("multipleFractions", () => {
  it("gives each correct option 1/C and each wrong one −1/min(C, W)", () => {
    expect(multipleFractions(["a", "b", "c", "d"], ["a", "b"])).toEqual([0.5, 0.5, -0.5, -0.5]);
    expect(multipleFractions(["a", "b", "c", "d", "e"], ["a"])).toEqual([1, -1, -1, -1, -1]);
    // Fewer wrong options than correct ones: each costs more, so ticking everything scores 0.
    expect(multipleFractions(["a", "b", "c", "d"], ["a", "b", "c"])).toEqual([1 / 3, 1 / 3, 1 / 3, -1]);
  });

  it("grades like gradeAnswer under Moodle's rule (sum of ticked fractions, kept in [0, 1])", () => {
    const options = ["a", "b", "c", "d", "e", "f", "g", "h"];
    fc.assert(
      fc.property(
        fc
          .integer({ min: 3, max: 8 })
          .chain((n) =>
            fc.tuple(
              fc.constant(options.slice(0, n)),
              fc.subarray(options.slice(0, n), { minLength: 1 }),
              fc.subarray(options.slice(0, n)),
            ),
          ),
        ([ids, correct, ticked]) => {
          const fractions = multipleFractions(ids, correct);
          const sum = ids.reduce((s, id, i) => s + (ticked.includes(id) ? (fractions[i] ?? 0) : 0), 0);
          const moodle = Math.min(1, Math.max(0, sum));
          const ours = gradeAnswer({ type: "multiple", correct, optionCount: ids.length }, ticked).score;
          expect(moodle).toBeCloseTo(ours, 4);
        },
      ),
    );
  });

  it("only ever needs grades on Moodle's list", () => {
    for (let n = 3; n <= 8; n++) {
      for (let c = 1; c <= n; c++) {
        const ids = Array.from({ length: n }, (_, i) => `o${i}`);
        for (const f of multipleFractions(ids, ids.slice(0, c))) expect(moodleAccepts(percent(f)), `${n} options, ${c} correct`).toBe(true);
      }
    }
  });
});

describe("percent", () => {
  it.each([
    [1, "100"],
    [0.5, "50"],
    [1 / 3, "33.33333"],
    [-1 / 3, "-33.33333"],
    [1 / 7, "14.28571"],
    [1 / 6, "16.66667"],
    [-0, "0"],
  ])("%d → %s", (f, s) => expect(percent(f)).toBe(s));
});

describe("escaping", () => {
  const nasty = [
    "a ~ b = c # d { e } f : g",
    "back\\slash and \\n literally",
    "two\nlines",
    "100% sure -> not a match",
    "]]> ends CDATA, <b>tags</b> & entities &amp;",
    "кавычки «ёлки» 'и' \"такие\"",
  ];

  it.each(nasty)("GIFT text survives gift-pegjs: %s", (s) => {
    const parsed = parseGift(toGift(bankOf([text(s)])));
    const q = parsed[1];
    if (q?.type !== "Short") throw new Error(`expected a short answer, got ${q?.type}`);
    // The only change: an invisible word joiner inside "->".
    const seen = (t: string | undefined) => t?.replaceAll(ARROW_BREAK, "");
    expect(seen(q.stem.text)).toBe(s);
    expect(seen(q.globalFeedback?.text)).toBe(s);
    expect(q.choices.map((c) => seen(c.text.text))).toEqual([s]);
  });

  it("giftText escapes every GIFT control character and line breaks", () => {
    expect(giftText("~=#{}:\\")).toBe("\\~\\=\\#\\{\\}\\:\\\\");
    expect(giftText("a\r\nb\nc")).toBe("a\\nb\\nc");
    expect(giftText("a -> b")).toBe(`a -${ARROW_BREAK}> b`);
  });

  it("keeps an arrow in a matching pair's text from splitting the pair", () => {
    const q: Question = {
      ...text("x"),
      type: "matching",
      pairs: [
        { id: "a", left: { ru: "A -> B", en: "A -> B" }, right: { ru: "1", en: "1" } },
        { id: "b", left: { ru: "C", en: "C" }, right: { ru: "x -> y", en: "x -> y" } },
        { id: "c", left: { ru: "E", en: "E" }, right: { ru: "3", en: "3" } },
      ],
    } as Question;
    const g = parseGift(toGift(bankOf([q])))[1];
    if (g?.type !== "Matching") throw new Error(`expected matching, got ${g?.type}`);
    expect(g.matchPairs.map((p) => [p.subquestion.text.replaceAll(ARROW_BREAK, ""), p.subanswer.replaceAll(ARROW_BREAK, "")])).toEqual([
      ["A -> B", "1"],
      ["C", "x -> y"],
      ["E", "3"],
    ]);
  });

  it.each(nasty)("Moodle XML text survives an XML parser: %s", (s) => {
    const xml = toMoodleXml(bankOf([text(s)]));
    expect(XMLValidator.validate(xml)).toBe(true);
    const quiz = new XMLParser({ ignoreAttributes: false, isArray: (name) => ["question", "answer"].includes(name) }).parse(xml).quiz;
    const q = quiz.question[1];
    expect(q.name.text).toBe("x-q1");
    // Question text is HTML in CDATA: one more level of escaping, undone by the browser.
    const html = String(q.questiontext.text)
      .replace(/^<p>|<\/p>$/g, "")
      .replace(/<br>/g, "\n");
    expect(
      html
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, "&"),
    ).toBe(s);
    // Short answers are plain text, with "*" (a wildcard) and "\" escaped for Moodle.
    expect(String(q.answer[0].text)).toBe(shortAnswerText(s));
  });

  it("drops characters XML cannot carry", () => {
    expect(xmlText("a\u0000b\u0007c\td")).toBe("abc\td");
    expect(XMLValidator.validate(toMoodleXml(bankOf([text("bell \u0007 here")])))).toBe(true);
  });

  it("shortAnswerText makes Moodle's wildcard literal", () => expect(shortAnswerText("5*3 \\ x")).toBe("5\\*3 \\\\ x"));
  it("categoryPath doubles slashes inside names", () => expect(categoryPath(["Qadam", "a/b"])).toBe("$course$/top/Qadam/a//b"));
  it("giftNumber never writes an exponent", () => {
    expect(giftNumber(1e-7)).toBe("0.0000001");
    expect(giftNumber(3.18)).toBe("3.18");
    expect(giftNumber(-12)).toBe("-12");
  });
});

describe("moduleLanguages", () => {
  it("lists a language only when every question has it", () => {
    const lessonModule = banks[0];
    if (!lessonModule) throw new Error("no bank");
    const full = moduleLanguages(lessonModule, course);
    expect(full).toEqual(expect.arrayContaining(["ru", "en"]));
    // Take Kazakh (or any third language) out of one question: the module no longer offers it.
    const [firstId] = lessonModule.questionIds;
    const first = course.questions[firstId ?? ""];
    if (!first) throw new Error("no question");
    const { kk: _kk, ...withoutKk } = first.prompt;
    const partial = { ...course, questions: { ...course.questions, [first.id]: { ...first, prompt: withoutKk } as Question } };
    expect(moduleLanguages(lessonModule, partial)).toEqual(full.filter((l) => l !== "kk"));
    expect(exchangeBank(lessonModule, partial, "kk")).toBeNull();
  });

  it("is empty for the final test (no bank of its own)", () => {
    const final = course.modules.find((m) => m.kind === "final");
    if (final) expect(moduleLanguages(final, course)).toEqual([]);
  });

  it("takes its candidates from the content schema", () => expect(contentLangs).toEqual(expect.arrayContaining(["ru", "en"])));
});

const giftType = {
  single: "MC",
  multiple: "MC",
  truefalse: "TF",
  numeric: "Numerical",
  text: "Short",
  matching: "Matching",
  ordering: "Matching",
};
const moodleType = {
  single: "multichoice",
  multiple: "multichoice",
  truefalse: "truefalse",
  numeric: "numerical",
  text: "shortanswer",
  matching: "matching",
  ordering: "ordering",
};

const cases = banks.flatMap((m) => moduleLanguages(m, course).map((lang) => [m.slug, lang] as const));

describe("every module's GIFT, read back by gift-pegjs", () => {
  it("covers every bank in at least ru and en", () => expect(cases.length).toBeGreaterThanOrEqual(banks.length * 2));

  it.each(cases)("%s (%s)", (slug, lang) => {
    const m = banks.find((b) => b.slug === slug);
    const bank = m && exchangeBank(m, course, lang);
    if (!bank) throw new Error("no bank");
    const parsed = parseGift(toGift(bank));
    expect(parsed[0]).toMatchObject({ type: "Category", title: categoryPath(bank.category) });
    expect(parsed).toHaveLength(bank.questions.length + 1);
    bank.questions.forEach((q, i) => {
      const g = parsed[i + 1];
      if (!g || g.type === "Category" || g.type === "Description") throw new Error(`${q.id}: nothing parsed`);
      expect(g.type, q.id).toBe(giftType[q.type]);
      expect(g.title).toBe(q.id);
      expect(g.id).toBe(q.id);
      expect(g.stem.text).toBe(q.prompt);
      expect(g.globalFeedback?.text).toBe(q.explanation);
      switch (q.type) {
        case "single":
        case "multiple":
          if (g.type !== "MC") throw new Error(q.id);
          expect(g.choices.map((c) => c.text.text)).toEqual(q.options.map((o) => o.text));
          if (q.type === "single") expect(g.choices.map((c) => c.isCorrect)).toEqual(q.options.map((o) => o.fraction === 1));
          else expect(g.choices.map((c) => c.weight)).toEqual(q.options.map((o) => Number(percent(o.fraction))));
          break;
        case "truefalse":
          if (g.type !== "TF") throw new Error(q.id);
          expect(g.isTrue).toBe(q.answer);
          break;
        case "numeric": {
          if (g.type !== "Numerical") throw new Error(q.id);
          const choice = Array.isArray(g.choices) ? g.choices[0]?.text : g.choices;
          // "#answer:tolerance" is GIFT's range form.
          expect(choice).toEqual({ type: "range", number: q.answer, range: q.tolerance });
          break;
        }
        case "text":
          if (g.type !== "Short") throw new Error(q.id);
          expect(g.choices.map((c) => c.text.text)).toEqual(q.accepted);
          expect(g.choices.every((c) => c.isCorrect)).toBe(true);
          break;
        case "matching":
          if (g.type !== "Matching") throw new Error(q.id);
          expect(g.matchPairs.map((p) => [p.subquestion.text, p.subanswer])).toEqual(q.pairs.map((p) => [p.left, p.right]));
          break;
        case "ordering":
          if (g.type !== "Matching") throw new Error(q.id);
          expect(g.matchPairs.map((p) => [p.subquestion.text, p.subanswer])).toEqual(q.items.map((item, k) => [item, String(k + 1)]));
          break;
      }
    });
  });
});

type XmlNode = Record<string, unknown> & { "@_type"?: string; "@_fraction"?: string };
const xmlParser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => ["question", "answer", "subquestion"].includes(name),
});
const textOf = (node: unknown) => String((node as { text?: unknown }).text ?? "");
const unHtml = (s: string) =>
  s
    .replace(/^<p>|<\/p>$/g, "")
    .replace(/<br>/g, "\n")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

describe("every module's Moodle XML, read back by an XML parser", () => {
  it.each(cases)("%s (%s)", (slug, lang) => {
    const m = banks.find((b) => b.slug === slug);
    const bank = m && exchangeBank(m, course, lang);
    if (!bank) throw new Error("no bank");
    const xml = toMoodleXml(bank);
    expect(XMLValidator.validate(xml)).toBe(true);
    const questions = xmlParser.parse(xml).quiz.question as XmlNode[];
    expect(questions[0]?.["@_type"]).toBe("category");
    expect(textOf(questions[0]?.category)).toBe(categoryPath(bank.category));
    expect(questions).toHaveLength(bank.questions.length + 1);
    bank.questions.forEach((q, i) => {
      const x = questions[i + 1];
      if (!x) throw new Error(q.id);
      // What qformat_xml reads for every type.
      expect(x["@_type"], q.id).toBe(moodleType[q.type]);
      expect(textOf(x.name)).toBe(q.id);
      expect(x.idnumber).toBe(q.id);
      expect((x.questiontext as XmlNode)["@_format"]).toBe("html");
      expect(unHtml(textOf(x.questiontext))).toBe(q.prompt);
      expect(unHtml(textOf(x.generalfeedback))).toBe(q.explanation);
      expect(x.defaultgrade).toBe("1");
      const answers = (x.answer ?? []) as XmlNode[];
      const fractions = answers.map((a) => a["@_fraction"] ?? "");
      switch (q.type) {
        case "single":
        case "multiple": {
          expect(x.single).toBe(String(q.type === "single"));
          expect(answers.map((a) => unHtml(textOf(a)))).toEqual(q.options.map((o) => o.text));
          expect(fractions.every(moodleAccepts)).toBe(true);
          // What qtype_multichoice checks on save: one full-credit answer, or positive grades adding up to 100 %.
          const positive = fractions.map(Number).filter((f) => f > 0);
          if (q.type === "single") expect(positive).toEqual([100]);
          else expect(Math.round(positive.reduce((s, f) => s + f, 0) * 100) / 100).toBe(100);
          break;
        }
        case "truefalse":
          expect(answers.map(textOf)).toEqual(["true", "false"]);
          expect(fractions).toEqual(q.answer ? ["100", "0"] : ["0", "100"]);
          break;
        case "numeric":
          expect(answers).toHaveLength(1);
          expect(Number(textOf(answers[0]))).toBe(q.answer);
          expect(Number(answers[0]?.tolerance)).toBe(q.tolerance);
          expect(fractions).toEqual(["100"]);
          expect(x.showunits).toBe("3");
          break;
        case "text":
          expect(x.usecase).toBe("0");
          expect(answers.map(textOf)).toEqual(q.accepted.map(shortAnswerText));
          expect(fractions.every((f) => f === "100")).toBe(true);
          break;
        case "matching": {
          const subs = (x.subquestion ?? []) as XmlNode[];
          expect(subs.map((s) => [unHtml(textOf(s)), textOf((s.answer as unknown[])[0])])).toEqual(q.pairs.map((p) => [p.left, p.right]));
          break;
        }
        case "ordering":
          // qtype_ordering reads the answers in document order as the right order.
          expect(answers.map((a) => unHtml(textOf(a)))).toEqual(q.items);
          expect(fractions).toEqual(q.items.map((_, k) => String(k + 1)));
          expect(x.gradingtype).toBe("ABSOLUTE_POSITION");
          expect(x.selecttype).toBe("ALL");
          expect(x.selectcount).toBe(String(q.items.length));
          break;
      }
    });
  });

  it("includes assessment-only questions (the file is for instructors)", () => {
    const m = banks.find((b) => b.questionIds.some((id) => course.questions[id]?.assessmentOnly));
    if (!m) throw new Error("no module with assessment-only questions");
    const secret = m.questionIds.find((id) => course.questions[id]?.assessmentOnly) ?? "";
    const bank = exchangeBank(m, course, "ru");
    expect(bank?.questions.map((q) => q.id)).toContain(secret);
  });
});

describe("the course has every language where the schema expects it", () => {
  it("ru and en always", () => {
    for (const m of banks) expect(moduleLanguages(m, course)).toEqual(expect.arrayContaining(["ru", "en"]));
  });
});
