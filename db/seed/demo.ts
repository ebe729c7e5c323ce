// The local demo: one instructor with a class and an assignment, two students in it (local database only).
import { hashPassword } from "../../worker/domain/password.ts";

export const demoPassword = "qadam-demo-2026";
export const demoAccounts = [
  { id: "demo-instructor", email: "teacher@qadam.test", name: "Айгерим Сапарова", role: "instructor" },
  { id: "demo-student-1", email: "student1@qadam.test", name: "Даулет Ахметов", role: "student" },
  { id: "demo-student-2", email: "student2@qadam.test", name: "Alice Morgan", role: "student" },
] as const;
export const demoClass = { id: "demo-class", name: "IT-сотрудничество · группа 1", joinCode: "QDM7K4" };

const quote = (value: string | number | null) =>
  value === null ? "NULL" : typeof value === "number" ? String(value) : `'${value.replace(/'/g, "''")}'`;

/** SQL that creates the demo rows once; running it again changes nothing (INSERT OR IGNORE). */
export async function demoSeedSql(now = Date.now()): Promise<string> {
  const lines: string[] = [];
  for (const a of demoAccounts) {
    const pw = await hashPassword(demoPassword);
    lines.push(
      `INSERT OR IGNORE INTO users (id, email, name, role, password_hash, password_salt, password_iterations, created_at) VALUES (${[
        a.id,
        a.email,
        a.name,
        a.role,
        pw.hash,
        pw.salt,
        pw.iterations,
        now,
      ]
        .map(quote)
        .join(", ")});`,
    );
  }
  lines.push(
    `INSERT OR IGNORE INTO classes (id, instructor_id, name, join_code, created_at) VALUES (${[demoClass.id, "demo-instructor", demoClass.name, demoClass.joinCode, now].map(quote).join(", ")});`,
  );
  for (const s of demoAccounts.filter((a) => a.role === "student")) {
    lines.push(
      `INSERT OR IGNORE INTO class_members (class_id, user_id, joined_at) VALUES (${[demoClass.id, s.id, now].map(quote).join(", ")});`,
    );
  }
  const week = 7 * 24 * 60 * 60 * 1000;
  lines.push(
    `INSERT OR IGNORE INTO assignments (id, class_id, module_slug, mode, opens_at, due_at, max_attempts, time_limit_minutes, grading_method, review_policy, time_zone, created_at, updated_at) VALUES (${[
      "demo-assignment",
      demoClass.id,
      "copying-to-innovation",
      "assessment",
      now - week,
      now + week,
      3,
      20,
      "best",
      "after_submit",
      "Asia/Almaty",
      now,
      now,
    ]
      .map(quote)
      .join(", ")});`,
  );
  return `${lines.join("\n")}\n`;
}
