// CSV for spreadsheets: quoting, line ends, the BOM, formula neutralising and safe download names.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attachmentDisposition, csvCell, toCsv, UTF8_BOM } from "../../worker/domain/csv.ts";

describe("csvCell", () => {
  it.each([
    ["plain", "plain"],
    ["Ахметов Даулет", "Ахметов Даулет"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\rhere", '"cr\rhere"'],
    ["=1+1", "'=1+1"],
    ["+7 700", "'+7 700"],
    ["-5", "'-5"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tindent", '"\'\tindent"'],
    ["x;=1+1;", '"x;\'=1+1;"'],
    ["a;b", '"a;b"'],
    ["tab\there", '"tab\there"'],
    ["x, +7 700", '"x, \'+7 700"'],
    ['x;"=1', '"x;""\'=1"'],
    ["x\t@SUM(A1)", '"x\t\'@SUM(A1)"'],
    ["a\n-1", '"a\n\'-1"'],
    ["x;;=1", '"x;;\'=1"'],
    ["Smith-Jones", "Smith-Jones"],
    [" =1", " '=1"],
    ["\rstart", '"\'\rstart"'],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ["a=b", "a=b"],
    ["", ""],
  ])("%j → %j", (input, output) => {
    expect(csvCell(input)).toBe(output);
  });

  it("no way of splitting a written cell, quotes honoured or not, yields a piece that starts a formula", () => {
    const alphabet = fc.constantFrom("a", "1", " ", '"', ";", ",", "\t", "\r", "\n", "=", "+", "-", "@", "'", "Ж");
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 12 }).map((chars) => chars.join("")),
        (text) => {
          const cell = csvCell(text);
          for (const piece of cell.split(/[;,\t\r\n]/)) expect(piece.replace(/^[\s"]+/, "")).not.toMatch(/^[=+\-@]/);
          // A cell holding any separator is quoted whole, and unquoting gives the text back with only `'` added.
          if (/[;,\t\r\n"]/.test(cell)) expect(cell).toMatch(/^".*"$/s);
          const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
          expect(unquoted.replaceAll("'", "")).toBe(text.replaceAll("'", ""));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("writes numbers as they are and empties for missing values", () => {
    expect(csvCell(85.5)).toBe("85.5");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(0)).toBe("0");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(Number.NaN)).toBe("");
  });
});

describe("toCsv", () => {
  it("starts with the BOM and ends every row with CRLF", () => {
    const csv = toCsv([
      ["Имя", "%"],
      ["Алия, 1", 90],
    ]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv).toBe(`${UTF8_BOM}Имя,%\r\n"Алия, 1",90\r\n`);
  });
  it("an empty table is just the BOM", () => {
    expect(toCsv([])).toBe(UTF8_BOM);
  });
});

describe("attachmentDisposition", () => {
  it("keeps a Cyrillic name in filename* and an ASCII fallback", () => {
    const value = attachmentDisposition("IT-группа 1 оценки", "csv");
    expect(value).toBe(`attachment; filename="IT-1.csv"; filename*=UTF-8''${encodeURIComponent("IT-группа 1 оценки.csv")}`);
  });
  it("cannot break out of the header or into another folder", () => {
    const value = attachmentDisposition('../../etc/"x"\r\nSet-Cookie: a=b', "csv");
    expect(value).not.toMatch(/[\r\n]/);
    expect(value).toMatch(/^attachment; filename="[A-Za-z0-9._ -]+"; filename\*=UTF-8''[A-Za-z0-9%._~!-]+$/);
    expect(decodeURIComponent(value.split("''")[1] ?? "")).not.toContain("/");
  });
  it("falls back to a generic name when nothing ASCII is left", () => {
    expect(attachmentDisposition("Группа", "csv")).toMatch(/^attachment; filename="export\.csv"; /);
    expect(attachmentDisposition("   ", "csv")).toMatch(/^attachment; filename="export\.csv"; filename\*=UTF-8''export\.csv$/);
  });
});
