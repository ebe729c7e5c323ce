// An attempt's item digest: what item analysis needs of its snapshot that the course cannot tell (the ids drawn for
// this attempt), written when the attempt starts. Analysis then reads ≈1 KB per attempt instead of the ≈15 KB
// snapshot and takes texts and fixed keys from the course, as long as the course still has each question as it was
// served: every question's content hash is kept in the digest and checked against the course's.

import type { DigestQuestion, ItemDigest, SnapshotQuestion } from "../../db/json.ts";
import type { CompiledCourse, Question } from "../../lessons/types.ts";
import type { AnalysedQuestion } from "./itemAnalysis.ts";
import { fixedKey } from "./serve.ts";

export type { DigestQuestion, ItemDigest } from "../../db/json.ts";

/**
 * Part of every content hash: changing what a digest holds or how it is read means bumping it, so that every older
 * digest stops matching the course and analysis reads those attempts' snapshots instead of misreading the digests.
 */
export const DIGEST_FORMAT = 1;

type Course = Pick<CompiledCourse, "questions">;

/**
 * A 64-bit string hash (cyrb53's two multiply–xorshift lanes, all 64 bits kept) as 16 hex digits. Not cryptographic:
 * it only has to notice that an author edited a question, and nobody but the course's authors chooses those texts.
 */
export function hash64(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, "0") + (h1 >>> 0).toString(16).padStart(8, "0");
}

/** A hash of everything of a course question but its explanation (which analysis never shows): texts, ids, answer. */
export function contentHash(q: Question): string {
  const { explanation: _, ...rest } = q;
  return hash64(JSON.stringify([DIGEST_FORMAT, rest]));
}

const hashesOf = new WeakMap<Course["questions"], ReadonlyMap<string, string>>();

/** contentHash of every question of the course, by question id; computed once per course. */
export function contentHashes(course: Course): ReadonlyMap<string, string> {
  let hashes = hashesOf.get(course.questions);
  if (!hashes) {
    hashes = new Map(Object.values(course.questions).map((q) => [q.id, contentHash(q)]));
    hashesOf.set(course.questions, hashes);
  }
  return hashes;
}

/** Equal when they serialise alike: the same JSON in the response, key order included. */
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The part of a snapshot question that analysis reads, in the shape questionsFromDigest builds it. */
function analysedPart({ served, key }: SnapshotQuestion): AnalysedQuestion {
  const { id, type, moduleSlug, anchor, prompt, options } = served;
  return { served: { id, type, moduleSlug, anchor, prompt, ...(options ? { options } : {}) }, key };
}

/**
 * The digest of a snapshot just served from `course`, or null if the digest would not give back exactly what analysis
 * reads of the snapshot (checked, not assumed): such an attempt has no digest, and analysis reads its snapshot.
 */
export function itemDigest(snapshot: readonly SnapshotQuestion[], course: Course): ItemDigest | null {
  const current = contentHashes(course);
  const digest: ItemDigest = { hashes: [], questions: [] };
  for (const { served, key } of snapshot) {
    const source = course.questions[served.id];
    const hash = current.get(served.id);
    if (!source || !hash) return null;
    const entry: DigestQuestion = { id: served.id };
    if (source.type === "single" || source.type === "multiple") {
      const options: [string, string][] = [];
      for (const o of served.options ?? []) {
        // The first course option with its text, as analysis matches them (the check below covers key order).
        const from = source.options.find((s) => s.text.ru === o.text.ru && s.text.en === o.text.en);
        if (!from) return null;
        options.push([o.id, from.id]);
      }
      entry.options = options;
    }
    if (fixedKey(source) === null) entry.key = key;
    digest.hashes.push(hash);
    digest.questions.push(entry);
  }
  const rebuilt = questionsFromDigest(digest, course);
  return rebuilt && sameJson(rebuilt, snapshot.map(analysedPart)) ? digest : null;
}

/**
 * The questions of a digest as analysis reads them, with the texts and fixed keys from the course: the same values
 * as in the snapshot. Null when the course no longer has a question as it was served (its hash differs).
 */
export function questionsFromDigest(digest: ItemDigest, course: Course): AnalysedQuestion[] | null {
  const current = contentHashes(course);
  if (digest.hashes.length !== digest.questions.length) return null;
  const questions: AnalysedQuestion[] = [];
  for (const [i, d] of digest.questions.entries()) {
    const source = course.questions[d.id];
    if (!source || current.get(d.id) !== digest.hashes[i]) return null;
    const served: AnalysedQuestion["served"] = {
      id: source.id,
      type: source.type,
      moduleSlug: source.moduleSlug,
      anchor: source.anchor,
      prompt: source.prompt,
    };
    if (d.options) {
      if (source.type !== "single" && source.type !== "multiple") return null;
      const options = [];
      for (const [id, from] of d.options) {
        const text = source.options.find((o) => o.id === from)?.text;
        if (!text) return null;
        options.push({ id, text });
      }
      served.options = options;
    }
    const key = d.key ?? fixedKey(source);
    if (!key) return null;
    questions.push({ served, key });
  }
  return questions;
}
