// A learner's progress through the API in workerd: reading positions saved and read back, best scores, only one's own.
import { describe, expect, it } from "vitest";
import { course } from "../../worker/course.ts";
import { expectContract } from "./contract.ts";
import { api, bodyAt, call, expectProblem, signUp } from "./helpers.ts";

const lessons = course.modules.filter((m) => m.kind === "lesson").sort((a, b) => a.order - b.order);
const first = lessons[0]!;
const second = lessons[1]!;
const anchorOf = (m: (typeof lessons)[number], i: number) => m.lesson.ru[i]!.anchor;

const save = (user: { cookie: string }, slug: string, json: { anchor?: string | null; finished?: boolean }) =>
  api(user).progress.lessons[":slug"].$put({ param: { slug }, json });
const progress = async (user: { cookie: string }) => {
  const res = await api(user).progress.$get();
  await expectContract("GET", "/api/progress", res.clone());
  return bodyAt(res, 200);
};

describe("progress", () => {
  it("is empty for a new learner, and needs a session", async () => {
    const student = await signUp("student");
    expect(await progress(student)).toEqual({ modules: [], lastRead: null });
    await expectProblem(await call("/api/progress"), 401);
    await expectProblem(await call(`/api/progress/lessons/${first.slug}`, { method: "PUT", body: {} }), 401);
  });

  it("keeps the last position, marks a lesson read once its end is reached, and names the lesson to continue", async () => {
    const student = await signUp("student");
    expect((await save(student, first.slug, { anchor: anchorOf(first, 2) })).status).toBe(204);
    let p = await progress(student);
    expect(p.modules).toEqual([
      expect.objectContaining({ slug: first.slug, readAt: null, lastAnchor: anchorOf(first, 2), bestShare: null, submittedAttempts: 0 }),
    ]);
    expect(p.lastRead).toMatchObject({ slug: first.slug, anchor: anchorOf(first, 2), finished: false });

    // The end reached: read from now on, even when the learner scrolls back up later.
    const last = first.lesson.ru.length - 1;
    await save(student, first.slug, { anchor: anchorOf(first, last), finished: true });
    await save(student, first.slug, { anchor: anchorOf(first, 1) });
    p = await progress(student);
    expect(p.modules[0]?.readAt).not.toBeNull();
    expect(p.modules[0]?.lastAnchor).toBe(anchorOf(first, 1));

    // A save without an anchor keeps the one before; the lesson read last is the one to continue.
    await new Promise((r) => setTimeout(r, 5));
    await save(student, second.slug, { anchor: anchorOf(second, 0) });
    await save(student, second.slug, {});
    p = await progress(student);
    expect(p.modules.map((m) => m.slug)).toEqual([first.slug, second.slug]);
    expect(p.lastRead).toMatchObject({ slug: second.slug, anchor: anchorOf(second, 0) });
  });

  it("refuses an unknown lesson or a block that is not in it, and changes nothing", async () => {
    const student = await signUp("student");
    await save(student, first.slug, { anchor: anchorOf(first, 0) });
    await expectProblem(await save(student, "no-such-lesson", { anchor: "p-x" }), 404);
    await expectProblem(await save(student, "final-test", {}), 404);
    const bad = await expectProblem(await save(student, first.slug, { anchor: anchorOf(second, 0) }), 400);
    expect(bad.errors?.[0]?.path).toBe("anchor");
    const wrongType = await expectProblem(
      await call(`/api/progress/lessons/${first.slug}`, { method: "PUT", body: { finished: "yes" }, cookie: student.cookie }),
      400,
    );
    expect(wrongType.errors?.map((e) => e.path)).toContain("finished");
    expect((await progress(student)).modules).toEqual([expect.objectContaining({ lastAnchor: anchorOf(first, 0), readAt: null })]);
  });

  it("shows each learner only their own reading and scores", async () => {
    const a = await signUp("student");
    const b = await signUp("student");
    await save(a, first.slug, { anchor: anchorOf(first, 0), finished: true });
    expect((await progress(b)).modules).toEqual([]);
  });

  it("gives the best submitted share per module, practice and tests alike", async () => {
    const student = await signUp("student");
    const started = await bodyAt(await api(student).attempts.$post({ json: { module: first.slug } }), 201);
    // Nothing answered: a submitted attempt that scored 0.
    await bodyAt(await api(student).attempts[":id"].submit.$post({ param: { id: started.id } }), 200);
    const p = await progress(student);
    expect(p.modules).toEqual([expect.objectContaining({ slug: first.slug, bestShare: 0, submittedAttempts: 1, readAt: null })]);
  });
});
