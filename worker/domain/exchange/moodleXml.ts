// A question bank as Moodle XML (Moodle's "Moodle XML format" importer): one category, then one question per bank entry.
import { type ExchangeBank, type ExchangeQuestion, percent } from "./bank.ts";

// XML 1.0 allows tab, newline and carriage return but no other control characters, even as references.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML forbids
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text for an XML element or attribute value. */
export const xmlText = (s: string) =>
  s.replace(NOT_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Plain text as HTML (Moodle shows question text, options and feedback as HTML). */
const html = (s: string) => xmlText(s).replace(/\n/g, "<br>");

/**
 * An HTML field inside CDATA, as Moodle's own export writes it. After `html` escaping the text has no ">" left, so
 * it can never contain the "]]>" that would end the section early.
 */
const htmlField = (tag: string, s: string, indent: string) =>
  `${indent}<${tag} format="html">\n${indent}  <text><![CDATA[${s === "" ? "" : `<p>${html(s)}</p>`}]]></text>\n${indent}</${tag}>`;

/** A field Moodle keeps as plain text (short answers, matching answers, true/false). */
const plain = (s: string) => `<text>${xmlText(s)}</text>`;

/** Moodle reads "*" in a short answer as a wildcard; a backslash makes it literal. */
export const shortAnswerText = (s: string) => s.replace(/\\/g, "\\\\").replace(/\*/g, "\\*");

/** Moodle's category path separator is "/"; a slash inside a name is written "//". */
export const categoryPath = (parts: string[]) => ["$course$", "top", ...parts.map((p) => p.replace(/\//g, "//"))].join("/");

const moodleType: Record<ExchangeQuestion["type"], string> = {
  single: "multichoice",
  multiple: "multichoice",
  truefalse: "truefalse",
  numeric: "numerical",
  text: "shortanswer",
  matching: "matching",
  ordering: "ordering",
};

const emptyFeedback = '      <feedback format="html"><text></text></feedback>';

function body(q: ExchangeQuestion): string[] {
  switch (q.type) {
    case "single":
    case "multiple":
      return [
        `    <single>${q.type === "single"}</single>`,
        "    <shuffleanswers>true</shuffleanswers>",
        "    <answernumbering>abc</answernumbering>",
        "    <showstandardinstruction>1</showstandardinstruction>",
        ...q.options.flatMap((o) => [
          `    <answer fraction="${percent(o.fraction)}" format="html">`,
          `      <text><![CDATA[${html(o.text)}]]></text>`,
          emptyFeedback,
          "    </answer>",
        ]),
      ];
    case "truefalse":
      // The importer finds the key by these exact answer texts.
      return [true, false].flatMap((v) => [
        `    <answer fraction="${v === q.answer ? 100 : 0}" format="moodle_auto_format">`,
        `      <text>${v}</text>`,
        emptyFeedback,
        "    </answer>",
      ]);
    case "numeric":
      return [
        '    <answer fraction="100" format="moodle_auto_format">',
        `      <text>${q.answer}</text>`,
        `      <tolerance>${q.tolerance}</tolerance>`,
        emptyFeedback,
        "    </answer>",
        // The unit is in the prompt; 3 = Moodle's "units are not used" (UNITNONE), so a bare number is the answer.
        "    <unitgradingtype>0</unitgradingtype>",
        "    <unitpenalty>0</unitpenalty>",
        "    <showunits>3</showunits>",
        "    <unitsleft>0</unitsleft>",
      ];
    case "text":
      return [
        "    <usecase>0</usecase>",
        ...q.accepted.flatMap((a) => [
          '    <answer fraction="100" format="moodle_auto_format">',
          `      ${plain(shortAnswerText(a))}`,
          emptyFeedback,
          "    </answer>",
        ]),
      ];
    case "matching":
      return [
        "    <shuffleanswers>true</shuffleanswers>",
        ...q.pairs.flatMap((p) => [
          '    <subquestion format="html">',
          `      <text><![CDATA[${html(p.left)}]]></text>`,
          `      <answer>${plain(p.right)}</answer>`,
          "    </subquestion>",
        ]),
      ];
    case "ordering":
      // qtype_ordering takes the answers' document order as the correct order (the fraction is the position).
      return [
        "    <layouttype>VERTICAL</layouttype>",
        "    <selecttype>ALL</selecttype>",
        `    <selectcount>${q.items.length}</selectcount>`,
        "    <gradingtype>ABSOLUTE_POSITION</gradingtype>",
        "    <showgrading>SHOW</showgrading>",
        "    <numberingstyle>none</numberingstyle>",
        ...q.items.flatMap((item, i) => [
          `    <answer fraction="${i + 1}" format="html">`,
          `      <text><![CDATA[${html(item)}]]></text>`,
          "    </answer>",
        ]),
      ];
  }
}

function question(q: ExchangeQuestion): string {
  return [
    `  <question type="${moodleType[q.type]}">`,
    `    <name>${plain(q.id)}</name>`,
    htmlField("questiontext", q.prompt, "    "),
    htmlField("generalfeedback", q.explanation, "    "),
    "    <defaultgrade>1</defaultgrade>",
    // Qadam's practice allows unlimited tries at no cost, so Moodle's interactive mode should not charge for one either.
    "    <penalty>0</penalty>",
    "    <hidden>0</hidden>",
    `    <idnumber>${xmlText(q.id)}</idnumber>`,
    ...body(q),
    "  </question>",
  ].join("\n");
}

/** The bank as a Moodle XML file (UTF-8). */
export function toMoodleXml(bank: ExchangeBank): string {
  const category = ['  <question type="category">', `    <category>${plain(categoryPath(bank.category))}</category>`, "  </question>"].join(
    "\n",
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n${[category, ...bank.questions.map(question)].join("\n")}\n</quiz>\n`;
}
