// The minimal XLSX writer: column letters, XML-safe text, tab names, and the parts of the file.
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { columnName, sheetName, toXlsx, xlsxParts, xmlText } from "../../worker/domain/xlsx.ts";

describe("columnName", () => {
  it.each([
    [0, "A"],
    [25, "Z"],
    [26, "AA"],
    [51, "AZ"],
    [52, "BA"],
    [701, "ZZ"],
    [702, "AAA"],
    [16_383, "XFD"],
  ])("%i → %s", (index, name) => expect(columnName(index)).toBe(name));
});

describe("xmlText", () => {
  it("escapes markup and drops what XML 1.0 cannot hold, keeping tabs, line ends and astral characters", () => {
    expect(xmlText(`<b>"Ә & ү"</b>`)).toBe("&lt;b&gt;&quot;Ә &amp; ү&quot;&lt;/b&gt;");
    expect(xmlText("a\u0000b\u0007c\u001Fd\uFFFEe\uFFFF")).toBe("abcde");
    expect(xmlText("tab\there\r\nline")).toBe("tab\there\r\nline");
    expect(xmlText("😀 ok \uD800 lone \uDC00 low")).toBe("😀 ok  lone  low");
  });
});

describe("sheetName", () => {
  it("keeps what Excel allows in a tab name", () => {
    expect(sheetName("Оценки")).toBe("Оценки");
    expect(sheetName("a/b\\c?d*e[f]g:h")).toBe("a b c d e f g h");
    expect(sheetName("x".repeat(40))).toHaveLength(31);
    expect(sheetName(" :: ")).toBe("Sheet1");
  });
});

describe("toXlsx", () => {
  const spec = {
    name: "Оценки",
    header: ["Студент", "Тест, %"],
    rows: [
      ["Әсем", { share: 0.8333 }],
      ["Ұлан", null],
      ["Bad", { share: Number.NaN }],
    ],
    widths: [30, 12],
  };

  it("zips exactly the parts it writes, each well-formed enough to find its cells", () => {
    const unzipped = unzipSync(toXlsx(spec));
    const parts = xlsxParts(spec);
    expect(Object.keys(unzipped).sort()).toEqual(Object.keys(parts).sort());
    for (const [path, xml] of Object.entries(parts)) expect(strFromU8(unzipped[path] as Uint8Array), path).toBe(xml);
    const sheet = parts["xl/worksheets/sheet1.xml"] ?? "";
    expect(sheet).toContain('<c r="A1" s="3" t="inlineStr"><is><t xml:space="preserve">Студент</t></is></c>');
    expect(sheet).toContain('<c r="B2" s="2"><v>0.8333</v></c>');
    expect(sheet).toContain('<row r="3"><c r="A3" s="1" t="inlineStr"><is><t xml:space="preserve">Ұлан</t></is></c></row>');
    // A share that is not a number leaves its cell empty.
    expect(sheet).toContain('<row r="4"><c r="A4" s="1" t="inlineStr"><is><t xml:space="preserve">Bad</t></is></c></row>');
    expect(sheet).toContain('<col min="1" max="1" width="30" customWidth="1"/>');
    expect(sheet).toContain('state="frozen"');
  });
});
