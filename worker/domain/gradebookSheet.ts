// The gradebook as one table for a spreadsheet, shared by the CSV and the XLSX download so both carry the same cells.
import type { CsvCell } from "./csv.ts";
import type { GradebookAssignment, StudentRow } from "./gradebook.ts";
import { percentOf } from "./grades.ts";
import { utcToLocal } from "./time.ts";
import type { SheetCell, SheetSpec } from "./xlsx.ts";

export type SheetLang = "ru" | "en" | "kk";

const words = {
  ru: { sheet: "Оценки", student: "Студент", email: "Эл. почта", average: "Средний балл, %", due: "срок", practice: "практика" },
  en: { sheet: "Grades", student: "Student", email: "Email", average: "Average, %", due: "due", practice: "practice" },
  kk: { sheet: "Бағалар", student: "Студент", email: "Эл. пошта", average: "Орташа балл, %", due: "мерзімі", practice: "жаттығу" },
} as const;

export interface SheetAssignment extends Pick<GradebookAssignment, "id" | "mode" | "dueAt"> {
  /** The module's title in the sheet's language. */
  title: string;
  /** The class's time zone, in which the due date is written. */
  timeZone: string;
}

/** One header title per assignment; the due date tells apart two assignments of the same module. */
export function assignmentHeader(a: SheetAssignment, lang: SheetLang): string {
  const w = words[lang];
  const parts = [a.title];
  if (a.mode === "practice") parts.push(`(${w.practice})`);
  if (a.dueAt !== null) parts.push(`(${w.due} ${utcToLocal(a.dueAt, a.timeZone).slice(0, 10)})`);
  return `${parts.join(" ")}, %`;
}

/** Header and rows: name and email as text, each grade and the average as a share (0..1), empty where there is none. */
export function gradebookSheet(assignments: readonly SheetAssignment[], students: readonly StudentRow[], lang: SheetLang): SheetSpec {
  const w = words[lang];
  const share = (value: number | null | undefined): SheetCell => (value === null || value === undefined ? null : { share: value });
  return {
    name: w.sheet,
    header: [w.student, w.email, ...assignments.map((a) => assignmentHeader(a, lang)), w.average],
    rows: students.map((s) => [s.name, s.email, ...assignments.map((a) => share(s.cells[a.id]?.gradeShare)), share(s.averageShare)]),
    widths: [32, 28, ...assignments.map(() => 18), 14],
  };
}

/** The same table for the CSV, where a grade is written as a percentage number (0–100), as its header says. */
export function sheetCsvRows(spec: SheetSpec): CsvCell[][] {
  return [
    [...spec.header],
    ...spec.rows.map((row) => row.map((cell) => (cell !== null && typeof cell === "object" ? percentOf(cell.share) : cell))),
  ];
}
