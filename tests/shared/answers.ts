// Answers as a client sends them, made for tests: the right one from a key, and a well-formed guess for a served question.
import type { Answer, AnswerKey, ServedQuestion } from "../../worker/domain/serve.ts";

/**
 * The full-credit answer to a key, in the shape a client sends: a numeric value as typed text (with a decimal comma
 * when `decimalComma`, as a Russian keyboard gives it) and a text question's first accepted variant.
 */
export function answerFromKey(key: AnswerKey, { decimalComma = false } = {}): Answer {
  switch (key.type) {
    case "single":
    case "multiple":
    case "truefalse":
      return key.correct;
    case "numeric":
      return decimalComma ? String(key.value).replace(".", ",") : String(key.value);
    case "text":
      return key.accepted[0] as string;
    case "ordering":
      return key.order;
    case "matching":
      return key.pairs;
  }
}

/** A well-formed answer to a served question, usually not fully right: the first option, the items as served… */
export function guessAnswer(
  q: Pick<ServedQuestion, "type" | "options" | "items" | "left" | "right">,
  { truth = false, number = "-1", text = "не знаю" } = {},
): Answer {
  switch (q.type) {
    case "single":
      return q.options?.[0]?.id ?? "";
    case "multiple":
      return q.options?.[0] ? [q.options[0].id] : [];
    case "truefalse":
      return truth;
    case "numeric":
      return number;
    case "text":
      return text;
    case "ordering":
      return (q.items ?? []).map((i) => i.id);
    case "matching":
      return Object.fromEntries((q.left ?? []).map((l, i) => [l.id, q.right?.[i]?.id ?? ""]));
  }
}
