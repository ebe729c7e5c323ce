// The review deck's FSRS scheduling: stored JSON ↔ Card, answer → Rating, intervals per rating, and revising one serving.
import fc from "fast-check";
import { createEmptyCard, Rating, State } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import {
  type DeckCard,
  fromCard,
  LEARNER_RATINGS,
  type LearnerRating,
  REVISE_WINDOW_MS,
  ratingFor,
  readDeckCard,
  reviewDeckCard,
  revisesLastReview,
  stateName,
  toCard,
  writeDeckCard,
} from "../../worker/domain/deck.ts";

const MINUTE = 60_000;
const DAY = 86_400_000;
const T0 = Date.parse("2026-03-01T08:00:00Z");

/** A card exactly as db/queries/attempts.ts stores it on a miss: createEmptyCard through JSON. */
const storedMiss = (at = T0) => JSON.parse(JSON.stringify(createEmptyCard(new Date(at)))) as unknown;
const freshDeck = (at = T0): DeckCard => readDeckCard(storedMiss(at), at);

const review = (deck: DeckCard, correct: boolean, chosen: LearnerRating | undefined, now: number, seed = 1) =>
  reviewDeckCard(deck, { seed, correct, chosen, now });

describe("ratingFor", () => {
  it("a wrong answer is Again whatever the learner chose", () => {
    expect(ratingFor(false)).toBe(Rating.Again);
    for (const r of LEARNER_RATINGS) expect(ratingFor(false, r)).toBe(Rating.Again);
  });
  it("a right answer takes the learner's rating", () => {
    expect(ratingFor(true, "again")).toBe(Rating.Again);
    expect(ratingFor(true, "hard")).toBe(Rating.Hard);
    expect(ratingFor(true, "good")).toBe(Rating.Good);
    expect(ratingFor(true, "easy")).toBe(Rating.Easy);
  });
  it("a right answer without a rating is Good", () => {
    expect(ratingFor(true)).toBe(Rating.Good);
    expect(ratingFor(true, undefined)).toBe(Rating.Good);
  });
});

describe("toCard / fromCard", () => {
  it("reads the card finalizeAttempt stores (dates as ISO strings)", () => {
    const card = toCard(storedMiss(), 0);
    expect(card.state).toBe(State.New);
    expect(card.due).toEqual(new Date(T0));
    expect(card.reps).toBe(0);
    expect(card.last_review).toBeUndefined();
  });

  it("round-trips a reviewed card through JSON", () => {
    const reviewed = review(freshDeck(), true, "good", T0).deck.card;
    const back = toCard(JSON.parse(JSON.stringify(fromCard(reviewed))), 0);
    expect(back).toEqual(reviewed);
    expect(back.last_review).toEqual(new Date(T0));
  });

  it("writes plain JSON: strings for dates, no undefined fields", () => {
    const stored = fromCard(createEmptyCard(new Date(T0)));
    expect(stored.due).toBe(new Date(T0).toISOString());
    expect("last_review" in stored).toBe(false);
    expect(JSON.parse(JSON.stringify(stored))).toEqual(stored);
  });

  it.each([
    ["null", null],
    ["a string", "card"],
    ["an array", []],
    ["a missing due", { ...(storedMiss() as object), due: undefined }],
    ["an unparsable due", { ...(storedMiss() as object), due: "soon" }],
    ["an unknown state", { ...(storedMiss() as object), state: 7 }],
    ["a negative count", { ...(storedMiss() as object), reps: -1 }],
    ["a text stability", { ...(storedMiss() as object), stability: "1" }],
  ])("starts over as a new card due at the row's due for %s", (_, stored) => {
    const card = toCard(stored, T0 + 5);
    expect(card.state).toBe(State.New);
    expect(card.due.getTime()).toBe(T0 + 5);
    expect(card.reps).toBe(0);
  });

  it("never throws, whatever JSON it is given", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const card = toCard(value, T0);
        expect(Number.isNaN(card.due.getTime())).toBe(false);
      }),
    );
  });
});

describe("stateName", () => {
  it("names every state", () => {
    expect([State.New, State.Learning, State.Review, State.Relearning].map(stateName)).toEqual(["new", "learning", "review", "relearning"]);
  });
});

describe("reviewDeckCard: a missed question's first review", () => {
  it("right and Good: due in days, in review", () => {
    const r = review(freshDeck(), true, "good", T0);
    expect(r.rating).toBe("good");
    expect(r.deck.card.state).toBe(State.Review);
    expect(r.due - T0).toBeGreaterThanOrEqual(DAY);
    expect(r.due).toBe(r.deck.card.due.getTime());
  });

  it("right without a rating counts as Good", () => {
    const a = review(freshDeck(), true, undefined, T0);
    const b = review(freshDeck(), true, "good", T0);
    expect(a.rating).toBe("good");
    expect(a.due).toBe(b.due);
  });

  it("Easy is further than Good, Good further than Hard, Hard further than Again", () => {
    const due = (r: LearnerRating) => review(freshDeck(), true, r, T0).due;
    expect(due("easy")).toBeGreaterThan(due("good"));
    expect(due("good")).toBeGreaterThan(due("hard"));
    expect(due("hard")).toBeGreaterThan(due("again"));
  });

  it("wrong: back in minutes, whatever the learner chose", () => {
    for (const chosen of [undefined, ...LEARNER_RATINGS]) {
      const r = review(freshDeck(), false, chosen, T0);
      expect(r.rating).toBe("again");
      expect(r.correct).toBe(false);
      expect(r.due - T0).toBe(10 * MINUTE);
      expect(r.deck.card.state).toBe(State.Learning);
    }
  });

  it("Hard on a new card stays in learning for a quarter of an hour", () => {
    const r = review(freshDeck(), true, "hard", T0);
    expect(r.deck.card.state).toBe(State.Learning);
    expect(r.due - T0).toBe(15 * MINUTE);
  });

  it("counts the review and remembers the serving", () => {
    const r = review(freshDeck(), true, "good", T0, 42);
    expect(r.deck.card.reps).toBe(1);
    expect(r.revised).toBe(false);
    expect(r.deck.lastReview).toMatchObject({ seed: 42, correct: true, at: T0 });
    expect(r.deck.lastReview?.before.state).toBe(State.New);
  });
});

describe("reviewDeckCard: later reviews", () => {
  it("a lapse after graduating: relearning, lapses + 1, back in minutes", () => {
    const graduated = review(freshDeck(), true, "good", T0, 1);
    const at = graduated.due;
    const lapse = review(graduated.deck, false, "easy", at, 2);
    expect(lapse.deck.card.state).toBe(State.Relearning);
    expect(lapse.deck.card.lapses).toBe(1);
    expect(lapse.due - at).toBe(10 * MINUTE);
  });

  it("intervals grow with each Good on time", () => {
    let deck = freshDeck();
    let now = T0;
    let last = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const r = review(deck, true, "good", now, seed);
      const interval = r.due - now;
      expect(interval).toBeGreaterThan(last);
      last = interval;
      deck = r.deck;
      now = r.due;
    }
  });

  it("relearning then right: back to review in days", () => {
    const graduated = review(freshDeck(), true, "good", T0, 1);
    const lapse = review(graduated.deck, false, undefined, graduated.due, 2);
    const again = review(lapse.deck, true, "good", lapse.due, 3);
    expect(again.deck.card.state).toBe(State.Review);
    expect(again.due - lapse.due).toBeGreaterThanOrEqual(DAY);
  });
});

describe("reviewDeckCard: the same serving again", () => {
  it("changing Good to Easy after the feedback revises the review instead of adding one", () => {
    const good = review(freshDeck(), true, undefined, T0, 9);
    const easy = review(good.deck, true, "easy", T0 + MINUTE, 9);
    const direct = review(freshDeck(), true, "easy", T0, 9);
    expect(easy.revised).toBe(true);
    expect(easy.rating).toBe("easy");
    expect(easy.deck.card.reps).toBe(1);
    expect(easy.due).toBe(direct.due);
  });

  it("a retry of the same request is harmless", () => {
    const once = review(freshDeck(), true, "good", T0, 9);
    const twice = review(once.deck, true, "good", T0 + 2000, 9);
    expect(twice.deck.card).toEqual(once.deck.card);
    expect(twice.due).toBe(once.due);
  });

  it("a wrong first answer stays wrong when the right one is sent for the same serving", () => {
    const wrong = review(freshDeck(), false, undefined, T0, 9);
    const cheat = review(wrong.deck, true, "easy", T0 + MINUTE, 9);
    expect(cheat.revised).toBe(true);
    expect(cheat.correct).toBe(false);
    expect(cheat.rating).toBe("again");
    expect(cheat.due).toBe(wrong.due);
  });

  it("a right first answer may still be rated Again (a lucky guess)", () => {
    const good = review(freshDeck(), true, "good", T0, 9);
    const again = review(good.deck, true, "again", T0 + MINUTE, 9);
    expect(again.correct).toBe(true);
    expect(again.rating).toBe("again");
    expect(again.due - T0).toBe(10 * MINUTE);
  });

  it("another seed is a new review", () => {
    const first = review(freshDeck(), false, undefined, T0, 9);
    const second = review(first.deck, true, "good", first.due, 10);
    expect(second.revised).toBe(false);
    expect(second.deck.card.reps).toBe(2);
  });

  it("the same seed after the window is a new review", () => {
    const first = review(freshDeck(), true, "hard", T0, 9);
    expect(revisesLastReview(first.deck.lastReview, 9, T0 + REVISE_WINDOW_MS)).toBe(true);
    expect(revisesLastReview(first.deck.lastReview, 9, T0 + REVISE_WINDOW_MS + 1)).toBe(false);
    expect(revisesLastReview(first.deck.lastReview, 9, T0 - 1)).toBe(false);
    const later = review(first.deck, true, "good", T0 + REVISE_WINDOW_MS + 1, 9);
    expect(later.revised).toBe(false);
    expect(later.deck.card.reps).toBe(2);
  });
});

describe("readDeckCard / writeDeckCard", () => {
  it("round-trips the card and its last review through JSON", () => {
    const r = review(freshDeck(), true, "good", T0, 5);
    const stored = JSON.parse(JSON.stringify(writeDeckCard(r.deck)));
    const back = readDeckCard(stored, r.due);
    expect(back.card).toEqual(r.deck.card);
    expect(back.lastReview).toEqual(r.deck.lastReview);
  });

  it("a card without a last review reads as such", () => {
    expect(freshDeck().lastReview).toBeNull();
    expect("lastReview" in writeDeckCard(freshDeck())).toBe(false);
  });

  it.each([
    ["a text seed", { seed: "5" }],
    ["no correctness", { correct: undefined }],
    ["an unreadable card before", { before: { due: "x" } }],
  ])("ignores a last review with %s", (_, patch) => {
    const r = review(freshDeck(), true, "good", T0, 5);
    const stored = JSON.parse(JSON.stringify(writeDeckCard(r.deck)));
    stored.lastReview = { ...stored.lastReview, ...patch };
    expect(readDeckCard(stored, r.due).lastReview).toBeNull();
  });
});
