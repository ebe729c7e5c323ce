// CSV for spreadsheets: RFC 4180 quoting, CRLF rows, a UTF-8 BOM, and cells that cannot run as formulas.

export type CsvCell = string | number | null | undefined;

/** Excel reads a file without this mark in the system code page, which turns Cyrillic names into mojibake. */
export const UTF8_BOM = "\uFEFF";

// A cell starting with one of these is read as a formula by Excel, LibreOffice and Google Sheets (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;
// The same past leading spaces and quotes, at the start and after any character some spreadsheet splits on (`;` in
// Russian Excel, `,`, tab, a line end): a program that splits without honouring the quotes would start a cell there.
const FORMULA_AFTER_SEPARATOR = /((?:^|[;,\t\r\n])[\s"]*)([=+\-@])/g;
// Quoted: RFC 4180's characters plus `;` and tab, so a spreadsheet splitting on either keeps the cell whole.
const NEEDS_QUOTES = /[",;\t\r\n]/;

/**
 * One cell as written to the file: a `'` goes before every formula start (at the start of the text and after
 * any separator inside it), so no way of splitting the line yields a cell a spreadsheet would run; the cell is
 * quoted when it holds a separator, a quote or a line end.
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = FORMULA_START.test(value) ? `'${value}` : value;
  text = text.replace(FORMULA_AFTER_SEPARATOR, "$1'$2");
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole file: BOM, then each row's cells joined by commas, every row ended by CRLF. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return UTF8_BOM + rows.map((row) => `${row.map(csvCell).join(",")}\r\n`).join("");
}

/**
 * A Content-Disposition value for a download named after something a user typed: an ASCII fallback with only
 * safe characters, plus the UTF-8 name (RFC 6266 / RFC 5987) that browsers prefer, so "Группа 1" survives.
 */
export function attachmentDisposition(baseName: string, extension: string): string {
  const cleaned = baseName
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}/\\:*?"<>|]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 100);
  const name = `${cleaned || "export"}.${extension}`;
  const ascii = name
    .normalize("NFKD")
    .replace(/[^\x20-\x7e]/g, "")
    .replace(/[^A-Za-z0-9._ -]/g, "")
    .replace(/[\s-]+/g, "-")
    .replace(/-+\./g, ".")
    .replace(/^[-.]+/, "");
  const fallback = ascii === `.${extension}` || ascii === extension || ascii === "" ? `export.${extension}` : ascii;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
