// A minimal XLSX (Office Open XML) writer for one sheet of text and percentages, zipped with fflate's synchronous zip.
//
// Why not write-excel-file: it runs in workerd only while every part of the file is under 160 KB. Past that, fflate's
// asynchronous `zip` (the one it calls) hands deflate to a Web Worker, and workerd has no `Worker` ("Worker is not
// defined" for a class of a few thousand rows). `zipSync` is the same fflate, deflating in the request itself.
import { strToU8, zipSync } from "fflate";

/** A text cell, a share (0..1) shown as a percentage, or an empty cell. */
export type SheetCell = string | { share: number } | null;

export interface SheetSpec {
  /** The tab's name (Excel allows 31 characters and none of : \ / ? * [ ]). */
  name: string;
  header: readonly string[];
  rows: readonly (readonly SheetCell[])[];
  /** Column widths in characters, from the first column; the rest get Excel's default. */
  widths?: readonly number[];
}

export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// Style indexes into cellXfs below.
const STYLE_TEXT = 1;
const STYLE_PERCENT = 2;
const STYLE_HEADER = 3;
/** Excel's longest cell text. */
const MAX_CELL_TEXT = 32_767;

// XML 1.0 refuses these characters outright (even escaped), and Excel refuses a file that has them.
// With the u flag a lone surrogate is its own code point of category Cs; a valid pair is one astral character.
const NOT_XML = /(?![\t\n\r])\p{Cc}|[\uFFFE\uFFFF]|\p{Cs}/gu;

/** Text made safe for an XML element or a double-quoted attribute. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, "").replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

/** A column's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A tab name Excel accepts: no : \ / ? * [ ], not blank, at most 31 characters. */
export function sheetName(name: string): string {
  const cleaned = name
    .replace(/[:\\/?*[\]]/g, " ")
    .replace(NOT_XML, "")
    .trim()
    .slice(0, 31)
    .trim();
  return cleaned || "Sheet1";
}

function cellXml(ref: string, cell: SheetCell, textStyle: number): string {
  if (cell === null) return "";
  if (typeof cell === "string") {
    const text = xmlText(cell.slice(0, MAX_CELL_TEXT));
    return `<c r="${ref}" s="${textStyle}" t="inlineStr"><is><t xml:space="preserve">${text}</t></is></c>`;
  }
  // A share that is not a finite number has no honest cell: leave it empty rather than write NaN.
  if (!Number.isFinite(cell.share)) return "";
  return `<c r="${ref}" s="${STYLE_PERCENT}"><v>${cell.share}</v></c>`;
}

function rowXml(index: number, cells: readonly SheetCell[], textStyle: number): string {
  const r = index + 1;
  return `<row r="${r}">${cells.map((cell, c) => cellXml(`${columnName(c)}${r}`, cell, textStyle)).join("")}</row>`;
}

function worksheetXml(spec: SheetSpec): string {
  const cols = (spec.widths ?? []).map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("");
  const rows = [rowXml(0, spec.header, STYLE_HEADER), ...spec.rows.map((row, i) => rowXml(i + 1, row, STYLE_TEXT))].join("");
  // Frozen on the first column (names) and the header row, so both stay in view while scrolling.
  const pane = '<pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/>';
  return (
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<sheetViews><sheetView workbookViewId="0">${pane}<selection pane="bottomRight" activeCell="B2" sqref="B2"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ""}<sheetData>${rows}</sheetData></worksheet>`
  );
}

// Fonts: regular and bold. cellXfs: 0 general, 1 text (@, so Excel never reads a name as a number or date),
// 2 percentage with one decimal (custom format 164), 3 bold wrapped text for the header.
const STYLES_XML =
  `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  "</cellXfs>" +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  "</styleSheet>";

const CONTENT_TYPES_XML =
  `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  "</Types>";

const ROOT_RELS_XML =
  `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  "</Relationships>";

const WORKBOOK_RELS_XML =
  `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  "</Relationships>";

const workbookXml = (name: string) =>
  `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="${xmlText(sheetName(name))}" sheetId="1" r:id="rId1"/></sheets></workbook>`;

/** The file's parts by path inside the archive (exported for tests that read them back). */
export function xlsxParts(spec: SheetSpec): Record<string, string> {
  return {
    "[Content_Types].xml": CONTENT_TYPES_XML,
    "_rels/.rels": ROOT_RELS_XML,
    "xl/workbook.xml": workbookXml(spec.name),
    "xl/_rels/workbook.xml.rels": WORKBOOK_RELS_XML,
    "xl/styles.xml": STYLES_XML,
    "xl/worksheets/sheet1.xml": worksheetXml(spec),
  };
}

/** The .xlsx file. */
export function toXlsx(spec: SheetSpec): Uint8Array<ArrayBuffer> {
  const parts = xlsxParts(spec);
  // fflate allocates a plain ArrayBuffer (never a shared one); its types say ArrayBufferLike, a Response body needs ArrayBuffer.
  return zipSync(Object.fromEntries(Object.entries(parts).map(([path, xml]) => [path, strToU8(xml)])), {
    level: 6,
  }) as Uint8Array<ArrayBuffer>;
}
