// CSV for spreadsheets: RFC 4180 quoting, CRLF rows, a UTF-8 BOM, and cells that cannot run as formulas.

export type CsvCell = string | number | null | undefined;

/** Excel reads a file without this mark in the system code page, which turns Cyrillic names into mojibake. */
export const UTF8_BOM = "\uFEFF";

// A cell starting with one of these is read as a formula by Excel, LibreOffice and Google Sheets (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell as written to the file: text that looks like a formula gets a leading `'`; quoted when RFC 4180 asks. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = value;
  if (FORMULA_START.test(text)) text = `'${text}`;
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
