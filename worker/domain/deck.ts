// The spaced-repetition deck as plain functions over ts-fsrs: stored JSON ↔ Card, an answer → a Rating, and the next review.
import { type Card, fsrs, type Grade, Rating, State } from "ts-fsrs";

export type LearnerRating = "again" | "hard" | "good" | "easy";
export type CardState = "new" | "learning" | "review" | "relearning";

export const LEARNER_RATINGS = ["again", "hard", "good", "easy"] as const satisfies readonly LearnerRating[];

/**
 * The scheduler. A card enters the deck because the learner already missed it once and then read the
 * explanation, so a single 10-minute (re)learning step is enough: a wrong answer brings the card back in
 * 10 minutes, a right one graduates it to FSRS's own intervals (days). Fuzz is off so that a rating always
 * gives the same interval: the learner can trust "see you in 2 days", and the tests can check it.
 */
export const scheduler = fsrs({ learning_steps: ["10m"], relearning_steps: ["10m"], enable_fuzz: false });

/** ts-fsrs's Card as JSON stores it (review_cards.card): dates become ISO strings. */
export interface StoredFsrsCard {
  due: string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: State;
  last_review?: string;
}

/**
 * The last review of a card, kept so that sending the same serving again (a retry after a dropped
 * connection, or the learner choosing Hard/Good/Easy after seeing the feedback) revises that review
 * instead of counting a second one.
 */
export interface LastReview {
  /** The seed the question was served with: one serving, one review. */
  seed: number;
  /** Whether the first answer sent for this serving was right; a later answer to the same serving cannot change it. */
  correct: boolean;
  /** When it was reviewed (epoch ms). */
  at: number;
  /** The card as it was before this review. */
  before: StoredFsrsCard;
}

/** What review_cards.card holds: the FSRS card, plus the last review when there is one. */
export interface StoredDeckCard extends StoredFsrsCard {
  lastReview?: LastReview;
}

export interface DeckCard {
  card: Card;
  lastReview: LastReview | null;
}

/** A serving can be revised for this long after its review; after that, a stale retry is just ignored as a revision. */
export const REVISE_WINDOW_MS = 30 * 60_000;

const STATES = [State.New, State.Learning, State.Review, State.Relearning] as const;
const STATE_NAMES: Record<State, CardState> = {
  [State.New]: "new",
  [State.Learning]: "learning",
  [State.Review]: "review",
  [State.Relearning]: "relearning",
};

export const stateName = (state: State): CardState => STATE_NAMES[state];

const RATINGS: Record<LearnerRating, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };
const RATING_NAMES: Record<Grade, LearnerRating> = {
  [Rating.Again]: "again",
  [Rating.Hard]: "hard",
  [Rating.Good]: "good",
  [Rating.Easy]: "easy",
};

export const ratingName = (grade: Grade): LearnerRating => RATING_NAMES[grade];

/**
 * The rating a deck answer earns. A wrong answer is always Again, whatever the learner thinks of it:
 * FSRS must hear about a lapse. A right answer takes the learner's own rating (Again too, for a lucky
 * guess), and Good when they give none.
 */
export function ratingFor(correct: boolean, chosen?: LearnerRating): Grade {
  if (!correct) return Rating.Again;
  return chosen ? RATINGS[chosen] : Rating.Good;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const finite = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);
const validDate = (x: unknown): x is string => typeof x === "string" && !Number.isNaN(Date.parse(x));

/** An empty (New) card due at `due`: what a card that cannot be read starts over as. */
function emptyCard(due: number): Card {
  return {
    due: new Date(due),
    stability: 0,
    difficulty: 0,
    elapsed_days: 0,
    scheduled_days: 0,
    learning_steps: 0,
    reps: 0,
    lapses: 0,
    state: State.New,
  };
}

/**
 * Reads the FSRS part of a stored card. A row that is not a readable card (written by hand, or by an
 * older format) starts over as a new card due at `fallbackDue` rather than failing the learner's deck.
 */
export function toCard(stored: unknown, fallbackDue: number): Card {
  return readCard(stored) ?? emptyCard(fallbackDue);
}

const CARD_NUMBERS = ["stability", "difficulty", "elapsed_days", "scheduled_days", "learning_steps", "reps", "lapses"] as const;

function readCard(s: unknown): Card | null {
  if (!isRecord(s)) return null;
  if (!CARD_NUMBERS.every((k) => finite(s[k]) && (s[k] as number) >= 0)) return null;
  if (!STATES.includes(s.state as State) || !validDate(s.due)) return null;
  const card: Card = {
    due: new Date(s.due),
    stability: s.stability as number,
    difficulty: s.difficulty as number,
    elapsed_days: s.elapsed_days as number,
    scheduled_days: s.scheduled_days as number,
    learning_steps: s.learning_steps as number,
    reps: s.reps as number,
    lapses: s.lapses as number,
    state: s.state as State,
  };
  if (validDate(s.last_review)) card.last_review = new Date(s.last_review);
  return card;
}

/** The JSON form of a ts-fsrs Card (no Date objects, no undefined fields). */
export function fromCard(card: Card): StoredFsrsCard {
  const stored: StoredFsrsCard = {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
  };
  if (card.last_review) stored.last_review = card.last_review.toISOString();
  return stored;
}

function readLastReview(x: unknown): LastReview | null {
  if (!isRecord(x) || !finite(x.seed) || typeof x.correct !== "boolean" || !finite(x.at) || !isRecord(x.before)) return null;
  // The card before must itself be readable, or revising would restart from an invented card.
  const before = readCard(x.before);
  return before ? { seed: x.seed, correct: x.correct, at: x.at, before: fromCard(before) } : null;
}

/** A deck card from the row's JSON and its `due` column. */
export function readDeckCard(stored: unknown, due: number): DeckCard {
  return { card: toCard(stored, due), lastReview: isRecord(stored) ? readLastReview(stored.lastReview) : null };
}

export function writeDeckCard(deck: DeckCard): StoredDeckCard {
  const stored: StoredDeckCard = fromCard(deck.card);
  if (deck.lastReview) stored.lastReview = deck.lastReview;
  return stored;
}

export interface DeckAnswer {
  /** The seed the question was served with (GET /api/review/due). */
  seed: number;
  /** Whether the answer sent now earns full credit. */
  correct: boolean;
  /** The learner's own rating, if they gave one. */
  chosen?: LearnerRating | undefined;
  now: number;
}

export interface DeckReview {
  deck: DeckCard;
  /** The rating applied. */
  rating: LearnerRating;
  /** The correctness that counted: on a revision, the first answer's. */
  correct: boolean;
  /** True when this revised the last review of the same serving instead of adding one. */
  revised: boolean;
  /** When the card is due next (epoch ms): the review_cards.due column. */
  due: number;
  /** For each rating, how long after this review the card would come back (ms): what each rating button promises. */
  preview: Record<LearnerRating, number>;
}

/** Whether an answer to `seed` at `now` revises the card's last review rather than counting as a new one. */
export function revisesLastReview(last: LastReview | null, seed: number, now: number): last is LastReview {
  return last !== null && last.seed === seed && now >= last.at && now - last.at <= REVISE_WINDOW_MS;
}

/**
 * Reviews a card. A new serving is scheduled from the card as it stands. The same serving again (same
 * seed, within REVISE_WINDOW_MS) is scheduled from the card as it was before that serving's review, with
 * the correctness of its first answer: so a retry is harmless, the learner may change Good to Easy after
 * seeing the feedback, but a wrong first answer cannot be turned into a right one by answering again
 * once the key has been shown.
 */
export function reviewDeckCard(deck: DeckCard, answer: DeckAnswer): DeckReview {
  const revised = revisesLastReview(deck.lastReview, answer.seed, answer.now);
  const from = revised ? toCard((deck.lastReview as LastReview).before, answer.now) : deck.card;
  const correct = revised ? (deck.lastReview as LastReview).correct : answer.correct;
  const at = revised ? (deck.lastReview as LastReview).at : answer.now;
  const grade = ratingFor(correct, answer.chosen);
  // ts-fsrs's own preview of this review: every rating's outcome from the same card and instant, one of them applied.
  const outcomes = scheduler.repeat(from, new Date(at));
  const next = outcomes[grade].card;
  const preview = Object.fromEntries(LEARNER_RATINGS.map((name) => [name, outcomes[RATINGS[name]].card.due.getTime() - at])) as Record<
    LearnerRating,
    number
  >;
  return {
    deck: { card: next, lastReview: { seed: answer.seed, correct, at, before: fromCard(from) } },
    rating: ratingName(grade),
    correct,
    revised,
    due: next.due.getTime(),
    preview,
  };
}
