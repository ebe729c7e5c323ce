// The gradebook downloads as a spreadsheet program reads them: the XLSX and the CSV the worker writes (same functions,
// same table) are opened by LibreOffice headless, converted back to CSV, and their cells checked. Needs `soffice`
// (Debian: libreoffice-calc; .ci/run installs it).
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toCsv } from "../../worker/domain/csv.ts";
import { buildGradebook, type GradebookAssignment } from "../../worker/domain/gradebook.ts";
import { gradebookSheet, type SheetLang, sheetCsvRows } from "../../worker/domain/gradebookSheet.ts";
import { toXlsx } from "../../worker/domain/xlsx.ts";

const run = promisify(execFile);
const NOW = Date.UTC(2026, 11, 3, 12);
const H = 60 * 60 * 1000;

// Every Kazakh letter outside the Russian alphabet, in names, plus a name that is a formula in a careless CSV.
const students = [
  { id: "s1", name: "Әсем Ғалымқызы", email: "asem@example.kz" },
  { id: "s2", name: "Ұлан Үсенов-Өтебаев", email: "ulan@example.kz" },
  { id: "s3", name: "Һәкім Іңкәрұлы", email: "hakim@example.kz" },
  { id: "s4", name: "Ёлкин, «Пётр»", email: "p@example.kz" },
  { id: "s5", name: "=1+1", email: "f@example.kz" },
];
const assignments: (GradebookAssignment & { title: string; timeZone: string })[] = [
  {
    id: "a1",
    mode: "assessment",
    opensAt: null,
    dueAt: NOW - 24 * H,
    gradingMethod: "best",
    title: "Риски сотрудничества",
    timeZone: "Asia/Almaty",
  },
  { id: "a2", mode: "assessment", opensAt: null, dueAt: null, gradingMethod: "last", title: "Перспективы", timeZone: "Asia/Almaty" },
];
const fact = (userId: string, assignmentId: string, score: number) => ({
  userId,
  assignmentId,
  status: "submitted" as const,
  score,
  maxScore: 12,
  startedAt: NOW - 48 * H,
  submittedAt: NOW - 47 * H,
});
// s1: 10/12 and 6/12 (average 0.6667); s2: 12/12 and nothing yet on a2; s3: 0/12; s4, s5: nothing.
const attempts = [fact("s1", "a1", 10), fact("s1", "a2", 6), fact("s2", "a1", 12), fact("s3", "a1", 0)];

/** The sheet the worker's gradebook routes write, for the same class. */
const sheet = (lang: SheetLang) => gradebookSheet(assignments, buildGradebook(students, assignments, attempts, NOW).students, lang);

/** LibreOffice's CSV export: comma, double quote, UTF-8 (76), from row 1; cells written with full precision, not as shown. */
const CSV_EXPORT = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false";

let dir: string;

/** Opens `file` in LibreOffice headless (with `infilter` as its import filter) and returns its first sheet as rows of cells. */
async function openInLibreOffice(file: string, infilter?: string): Promise<string[][]> {
  const profile = await mkdtemp(join(dir, "profile-"));
  const out = await mkdtemp(join(dir, "out-"));
  const args = [`-env:UserInstallation=${pathToFileURL(profile).href}`, "--headless", "--norestore"];
  if (infilter) args.push(`--infilter=${infilter}`);
  await run("soffice", [...args, "--convert-to", CSV_EXPORT, "--outdir", out, file], {
    timeout: 90_000,
    env: { ...process.env, LC_ALL: "C.UTF-8", LANG: "C.UTF-8" },
  });
  const base =
    file
      .split("/")
      .at(-1)
      ?.replace(/\.\w+$/, "") ?? "";
  const text = await readFile(join(out, `${base}.csv`), "utf8").catch(() => {
    throw new Error(`LibreOffice could not read ${file}: no ${base}.csv came out`);
  });
  return parseCsv(text);
}

/** RFC 4180 rows (LibreOffice's own export: quotes only where needed, LF or CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (quoted || (ch !== "," && ch !== "\n" && ch !== "\r")) cell += ch;
    else if (ch === ",") endCell();
    else {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endCell();
      rows.push(row);
      row = [];
    }
  }
  if (cell !== "" || row.length > 0) {
    endCell();
    rows.push(row);
  }
  return rows;
}

beforeAll(async () => {
  await run("soffice", ["--version"], { timeout: 30_000 }).catch(() => {
    throw new Error("soffice not found: install LibreOffice Calc (Debian: apt-get install --no-install-recommends libreoffice-calc)");
  });
  dir = await mkdtemp(join(tmpdir(), "qadam-sheets-"));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the gradebook downloads in LibreOffice", () => {
  it("the XLSX opens: header, Cyrillic and Kazakh names as text, grades as numbers formatted as percentages", async () => {
    const file = join(dir, "gradebook.xlsx");
    await writeFile(file, toXlsx(sheet("ru")));
    const rows = await openInLibreOffice(file);
    expect(rows[0]).toEqual(["Студент", "Эл. почта", "Риски сотрудничества (срок 2026-12-02), %", "Перспективы, %", "Средний балл, %"]);
    // Written with full precision, not as shown: the grade 0.8333 (shown "83,3 %") comes out as "83.33%", a number
    // formatted as a percentage; text would come out exactly as stored.
    const byName = new Map(rows.slice(1).map((r) => [r[0], r.slice(1)]));
    expect([...byName.keys()]).toEqual(students.map((s) => s.name));
    const pct = (cell: string | undefined) => {
      expect(cell, "a percentage").toMatch(/^-?\d+(\.\d+)?%$/);
      return Number(cell?.slice(0, -1));
    };
    const asem = byName.get("Әсем Ғалымқызы") ?? [];
    expect(asem[0]).toBe("asem@example.kz");
    expect(pct(asem[1])).toBe(83.33);
    expect(pct(asem[2])).toBe(50);
    expect(pct(asem[3])).toBe(66.67);
    expect(
      byName
        .get("Ұлан Үсенов-Өтебаев")
        ?.slice(1)
        .map((c) => (c ? pct(c) : c)),
    ).toEqual([100, "", 100]);
    expect(
      byName
        .get("Һәкім Іңкәрұлы")
        ?.slice(1)
        .map((c) => (c ? pct(c) : c)),
    ).toEqual([0, "", 0]);
    // No grade is an empty cell, not 0 % (the missed assessment counts 0 only in the average); a name that
    // looks like a formula stays text.
    expect(byName.get("Ёлкин, «Пётр»")?.map((c, i) => (i === 3 ? pct(c) : c))).toEqual(["p@example.kz", "", "", 0]);
    expect(byName.get("=1+1")?.map((c, i) => (i === 3 ? pct(c) : c))).toEqual(["f@example.kz", "", "", 0]);
  }, 120_000);

  it("the CSV: UTF-8 with a BOM and CRLF rows, read by LibreOffice as UTF-8 with the same cells, grades as 0–100", async () => {
    const file = join(dir, "gradebook.csv");
    const csv = toCsv(sheetCsvRows(sheet("ru")));
    const bytes = Buffer.from(csv, "utf8");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.slice(1).split("\r\n")).toHaveLength(students.length + 2);
    expect(csv.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
    await writeFile(file, bytes);
    // Comma-separated, double quotes, UTF-8: what the file is; the BOM is what tells Excel the last of these.
    const rows = await openInLibreOffice(file, "CSV:44,34,76,1");
    expect(rows[0]).toEqual(["Студент", "Эл. почта", "Риски сотрудничества (срок 2026-12-02), %", "Перспективы, %", "Средний балл, %"]);
    expect(rows.slice(1).map((r) => r[0])).toEqual([...students.slice(0, 4).map((s) => s.name), "'=1+1"]);
    expect(rows[1]).toEqual(["Әсем Ғалымқызы", "asem@example.kz", "83.3", "50", "66.7"]);
    expect(rows[2]).toEqual(["Ұлан Үсенов-Өтебаев", "ulan@example.kz", "100", "", "100"]);
    expect(rows[3]).toEqual(["Һәкім Іңкәрұлы", "hakim@example.kz", "0", "", "0"]);
  }, 120_000);
});
