// Answers in Kazakh: letters folded for case, Russian-keyboard stand-ins accepted as a slip when they are the only
// difference, and numbers written the Kazakh way (decimal comma, spaces between thousands).
import { describe, expect, it } from "vitest";
import { foldKazakh } from "../../lessons/normalize.ts";
import { gradeAnswer, normalizeText, parseNumber } from "../../worker/domain/grading.ts";
import type { AnswerKey } from "../../worker/domain/serve.ts";

const full = { score: 1, correct: true };
const slip = { score: 1, correct: true, typo: true };
const none = { score: 0, correct: false };
const text = (accepted: string[], typos = true): AnswerKey => ({ type: "text", accepted, typos });

describe("normalizeText on Kazakh letters", () => {
  it.each([
    ["ҚАЗАҚСТАН", "қазақстан"],
    ["Әл-Фараби", "әл фараби"],
    ["ҒЫЛЫМ", "ғылым"],
    ["ҢӨҰҮҺІ", "ңөұүһі"],
    ["  Цифрлық   үкімет ", "цифрлық үкімет"],
    ["«Астана Hub»", "астана hub"],
    ["Жасанды интеллект.", "жасанды интеллект"],
  ])("%j → %j", (input, output) => {
    expect(normalizeText(input)).toBe(output);
  });

  it("keeps Kazakh letters apart from their stand-ins (the fold, not the normaliser, joins them)", () => {
    expect(normalizeText("қол")).not.toBe(normalizeText("кол"));
    expect(normalizeText("і")).not.toBe(normalizeText("и"));
  });
});

describe("foldKazakh", () => {
  it.each([
    ["қазақстан", "казакстан"],
    ["әл фараби", "ал фараби"],
    ["ғылым", "гылым"],
    ["ң ө ұ ү һ і", "н о у у х и"],
    ["цифрлық үкімет", "цифрлык укимет"],
    ["импортты алмастыру", "импортты алмастыру"],
  ])("%j → %j", (input, output) => {
    expect(foldKazakh(input)).toBe(output);
  });

  it("reads a Latin i inside a Cyrillic word as и, and leaves Latin words alone", () => {
    expect(foldKazakh("бiлiм")).toBe("билим");
    expect(foldKazakh("astana hub")).toBe("astana hub");
    expect(foldKazakh("iт паркі")).toBe("ит парки");
  });
});

describe("gradeAnswer: text in Kazakh", () => {
  const key = text(["Қазақстан"]);

  it("accepts the exact form in any case as correct, without a slip", () => {
    expect(gradeAnswer(key, "қазақстан")).toEqual(full);
    expect(gradeAnswer(key, "ҚАЗАҚСТАН")).toEqual(full);
    expect(gradeAnswer(key, "  Қазақстан. ")).toEqual(full);
  });

  it.each([
    ["казакстан", "қ typed as к"],
    ["Казакстан", "capital, қ as к"],
    ["КАЗАҚСТАН", "one қ as к"],
  ])("accepts %j as a slip (%s)", (answer) => {
    expect(gradeAnswer(key, answer)).toEqual(slip);
  });

  it.each([
    ["Әл-Фараби", "ал-Фараби"],
    ["ғылым", "гылым"],
    ["өнеркәсіп", "онеркасип"],
    ["ұлттық", "улттык"],
    ["үкімет", "укимет"],
    ["үкімет", "укiмет"],
    ["қаһарман", "кахарман"],
    ["білім", "бiлiм"],
    ["мың", "мын"],
    ["цифрлық үкімет", "Цифрлык укимет"],
  ])("key %j, typed %j: a slip", (accepted, typed) => {
    expect(gradeAnswer(text([accepted]), typed)).toEqual(slip);
  });

  it("accepts keyboard stand-ins even in short answers and with typos turned off: the learner could not type the letter", () => {
    expect(gradeAnswer(text(["ақ"], false), "ак")).toEqual(slip);
    expect(gradeAnswer(text(["үш"]), "уш")).toEqual(slip);
  });

  it("accepts a Kazakh letter where the key has the Russian one (both fold alike)", () => {
    expect(gradeAnswer(text(["Казахстан"]), "Қазахстан")).toEqual(slip);
  });

  it("does not accept a stand-in together with another difference", () => {
    // к for қ and one letter left out: two slips.
    expect(gradeAnswer(key, "казакстн")).toEqual(none);
    // а for ә and another letter replaced.
    expect(gradeAnswer(text(["Әл-Фараби"]), "ал-Фарабо")).toEqual(none);
    // A different word that only looks alike.
    expect(gradeAnswer(text(["қол"]), "кел")).toEqual(none);
  });

  it("does not treat a stand-in the other way round as the Kazakh letter in another word", () => {
    // о is not a stand-in for у: different letters stay different.
    expect(gradeAnswer(text(["ұлт"]), "олт")).toEqual(none);
  });

  it("still allows one ordinary slip in a long Kazakh answer", () => {
    expect(gradeAnswer(text(["суперкомпьютер"]), "суперкомпютер")).toEqual(slip);
    expect(gradeAnswer(text(["суперкомпьютер"], false), "суперкомпютер")).toEqual(none);
  });

  it("accepts the key of any language from a learner reading kk", () => {
    const multi = text(["патент", "patent", "патент алу"]);
    expect(gradeAnswer(multi, "Patent")).toEqual(full);
    expect(gradeAnswer(multi, "ПАТЕНТ АЛУ")).toEqual(full);
  });
});

describe("numbers written the Kazakh way", () => {
  it.each([
    ["3,18", [3.18]],
    ["3.18", [3.18]],
    ["42 500", [42500]],
    ["42\u00a0500", [42500]],
    ["42\u202f500", [42500]],
    ["1 234 567,5", [1234567.5]],
    ["1\u00a0234\u00a0567,5", [1234567.5]],
    ["1\u202f234,25", [1234.25]],
    ["−2,5", [-2.5]],
    ["0,75", [0.75]],
  ])("%j reads as %j", (input, values) => {
    expect(parseNumber(input)).toEqual(values);
  });

  it.each(["3,18 млрд", "қырық екі", "1 23 456", "3,1,8"])("%j is not a number", (input) => {
    expect(parseNumber(input)).toEqual([]);
  });

  it("grades them against the key", () => {
    const key: AnswerKey = { type: "numeric", value: 3.18, tolerance: 0 };
    expect(gradeAnswer(key, "3,18")).toEqual(full);
    expect(gradeAnswer(key, " 3,18 ")).toEqual(full);
    const big: AnswerKey = { type: "numeric", value: 42500, tolerance: 0 };
    expect(gradeAnswer(big, "42\u00a0500")).toEqual(full);
    expect(gradeAnswer(big, "42\u202f500")).toEqual(full);
    expect(gradeAnswer(big, "42 500,0")).toEqual(full);
    expect(gradeAnswer(big, "4 250")).toEqual(none);
  });
});
