// One control per question type, for touch, keyboard and screen reader alike; ordering and matching need no drag and drop.
import { createSignal, For, type JSX, Match, Show, Switch } from "solid-js";
import { loadStrings, t } from "../i18n.ts";
import { type Lang, moveItem, moveTo, orderOf, type ServedQuestion, setMatch, textIn, textOfChoice, toggleOption } from "./model.ts";
import type { Answer } from "./outbox.ts";
import { unitFor } from "./units.ts";

// This page's strings arrive with its code (see i18n.ts).
await loadStrings("quiz");

export interface QuestionProps {
  question: ServedQuestion;
  answer: Answer | undefined;
  lang: Lang;
  /** A new answer. `typing`: a keystroke in a text field, whose sending is debounced. */
  onAnswer: (answer: Answer, typing?: boolean) => void;
  /** Send a typed answer now: `explicit` when the learner pressed Enter (practice: check it), not when the field lost focus. */
  onCommit: (explicit: boolean) => void;
}

const inputId = (q: ServedQuestion, part = "input") => `q-${q.id}-${part}`;

/** Radios in a fieldset whose legend is the prompt: one tap target per whole row. */
export function SingleChoice(props: QuestionProps) {
  return (
    <fieldset class="q-fieldset">
      <legend class="q-prompt">{textIn(props.question.prompt, props.lang)}</legend>
      <div class="q-options">
        <For each={props.question.options ?? []}>
          {(option) => (
            <label class="q-option">
              <input
                type="radio"
                name={inputId(props.question, "choice")}
                value={option.id}
                checked={props.answer === option.id}
                onChange={() => props.onAnswer(option.id)}
              />
              <span>{textIn(option.text, props.lang)}</span>
            </label>
          )}
        </For>
      </div>
    </fieldset>
  );
}

export function MultipleChoice(props: QuestionProps) {
  const hint = () => inputId(props.question, "hint");
  const ticked = (id: string) => Array.isArray(props.answer) && props.answer.includes(id);
  return (
    <fieldset class="q-fieldset" aria-describedby={hint()}>
      <legend class="q-prompt">{textIn(props.question.prompt, props.lang)}</legend>
      <p id={hint()} class="q-hint">
        {t("quiz.multipleHint")}
      </p>
      <div class="q-options">
        <For each={props.question.options ?? []}>
          {(option) => (
            <label class="q-option">
              <input
                type="checkbox"
                value={option.id}
                checked={ticked(option.id)}
                onChange={(e) => props.onAnswer(toggleOption(props.question, props.answer, option.id, e.currentTarget.checked))}
              />
              <span>{textIn(option.text, props.lang)}</span>
            </label>
          )}
        </For>
      </div>
    </fieldset>
  );
}

/** Two large radio buttons side by side. */
export function TrueFalse(props: QuestionProps) {
  const choice = (value: boolean, label: string) => (
    <label class="q-option q-tf-option">
      <input
        type="radio"
        name={inputId(props.question, "choice")}
        value={String(value)}
        checked={props.answer === value}
        onChange={() => props.onAnswer(value)}
      />
      <span>{label}</span>
    </label>
  );
  return (
    <fieldset class="q-fieldset">
      <legend class="q-prompt">{textIn(props.question.prompt, props.lang)}</legend>
      <div class="q-tf">
        {choice(true, t("quiz.true"))}
        {choice(false, t("quiz.false"))}
      </div>
    </fieldset>
  );
}

/** A text field labelled by the prompt; Enter or leaving it sends at once, typing sends after a pause. */
function TypedAnswer(props: QuestionProps & { numeric: boolean; hint: string; after?: JSX.Element; describedBy?: string }) {
  const id = () => inputId(props.question);
  const hintId = () => inputId(props.question, "hint");
  const value = () => (typeof props.answer === "string" ? props.answer : typeof props.answer === "number" ? String(props.answer) : "");
  return (
    <form
      class="q-field"
      onSubmit={(e) => {
        e.preventDefault();
        props.onCommit(true);
      }}
    >
      <label for={id()} class="q-prompt">
        {textIn(props.question.prompt, props.lang)}
      </label>
      <p id={hintId()} class="q-hint">
        {props.hint}
      </p>
      <div class="q-input-row">
        <input
          id={id()}
          class="input q-input"
          type="text"
          inputMode={props.numeric ? "decimal" : "text"}
          autocomplete="off"
          spellcheck={false}
          maxLength={props.numeric ? 40 : 200}
          value={value()}
          aria-describedby={[hintId(), props.describedBy].filter(Boolean).join(" ")}
          onInput={(e) => props.onAnswer(e.currentTarget.value, true)}
          onBlur={() => props.onCommit(false)}
        />
        {props.after}
      </div>
    </form>
  );
}

/** `inputmode="decimal"` text, so "3,18" and "42 500" are typed as people write them; the unit beside it, agreeing with what is typed. */
export function Numeric(props: QuestionProps) {
  const unitId = () => inputId(props.question, "unit");
  return (
    <TypedAnswer
      {...props}
      numeric
      hint={t("quiz.numericHint")}
      describedBy={props.question.unit ? unitId() : ""}
      after={
        <Show when={props.question.unit}>
          {(unit) => (
            <span id={unitId()} class="q-unit">
              {unitFor(
                unit()[props.lang] ?? unit().ru,
                typeof props.answer === "string" || typeof props.answer === "number" ? props.answer : null,
                props.lang,
              )}
            </span>
          )}
        </Show>
      }
    />
  );
}

export function ShortText(props: QuestionProps) {
  return <TypedAnswer {...props} numeric={false} hint={t("quiz.textHint")} />;
}

function Arrow(props: { up: boolean }) {
  return (
    <svg aria-hidden="true" width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.5">
      <path d={props.up ? "M6 15l6-6 6 6" : "M6 9l6 6 6-6"} stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}

/**
 * A numbered list: each item's number is a select that moves it straight to another position (one choice per
 * misplaced item, the fewest taps), beside Move up / Move down buttons for one step at a time. Focus follows the
 * moved item, and a polite live region says where it went. The served order is not an answer until the learner
 * moves an item or keeps the order explicitly (the server needs a full permutation).
 */
export function Ordering(props: QuestionProps) {
  const [announcement, setAnnouncement] = createSignal("");
  const order = () => orderOf(props.question, props.answer);
  const textOf = (id: string) => textOfChoice(props.question.items, id, props.lang) ?? "";
  const buttonId = (id: string, up: boolean) => inputId(props.question, `${up ? "up" : "down"}-${id}`);
  const answered = () => Array.isArray(props.answer);

  const place = (id: string, next: string[], focus: () => string) => {
    const before = order();
    if (next.every((x, i) => x === before[i])) return;
    props.onAnswer(next);
    const position = next.indexOf(id) + 1;
    setAnnouncement(t("quiz.moved", { item: textOf(id), position: String(position), total: String(next.length) }));
    // The item's row moved in the DOM: put focus back on the control the learner used, now in the item's new row.
    requestAnimationFrame(() => document.getElementById(focus())?.focus());
  };
  const move = (id: string, up: boolean) => {
    const next = moveItem(order(), id, up ? -1 : 1);
    const position = next.indexOf(id) + 1;
    // Once the item reaches an end, its pressed button is disabled: focus its twin.
    const atEnd = up ? position === 1 : position === next.length;
    place(id, next, () => buttonId(id, atEnd ? !up : up));
  };

  return (
    <div class="q-ordering">
      <p id={inputId(props.question, "prompt")} class="q-prompt">
        {textIn(props.question.prompt, props.lang)}
      </p>
      <p id={inputId(props.question, "hint")} class="q-hint">
        {t("quiz.orderingHint")}
      </p>
      <ol class="q-order-list" aria-labelledby={inputId(props.question, "prompt")} aria-describedby={inputId(props.question, "hint")}>
        <For each={order()}>
          {(id, i) => (
            <li class="q-order-item">
              <select
                id={inputId(props.question, `pos-${id}`)}
                class="q-order-pos"
                aria-label={t("quiz.moveTo", { item: textOf(id) })}
                onChange={(e) => place(id, moveTo(order(), id, Number(e.currentTarget.value)), () => inputId(props.question, `pos-${id}`))}
              >
                <For each={order()}>
                  {(_, n) => (
                    <option value={n()} selected={n() === i()}>
                      {n() + 1}
                    </option>
                  )}
                </For>
              </select>
              <span class="q-order-text">{textOf(id)}</span>
              <span class="q-order-buttons">
                <button
                  type="button"
                  id={buttonId(id, true)}
                  class="q-move"
                  aria-label={t("quiz.moveUp", { item: textOf(id) })}
                  aria-disabled={i() === 0 ? "true" : undefined}
                  onClick={() => move(id, true)}
                >
                  <Arrow up />
                </button>
                <button
                  type="button"
                  id={buttonId(id, false)}
                  class="q-move"
                  aria-label={t("quiz.moveDown", { item: textOf(id) })}
                  aria-disabled={i() === order().length - 1 ? "true" : undefined}
                  onClick={() => move(id, false)}
                >
                  <Arrow up={false} />
                </button>
              </span>
            </li>
          )}
        </For>
      </ol>
      <Show when={!answered()}>
        <div class="q-keep">
          <p class="q-hint">{t("quiz.orderNotAnswered")}</p>
          <button type="button" class="button block" onClick={() => props.onAnswer(order())}>
            {t("quiz.keepOrder")}
          </button>
        </div>
      </Show>
      <p class="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement()}
      </p>
    </div>
  );
}

/** Characters that surely fit a closed select at 360px. */
const LONG_CHOICE = 24;

/** For each left item a native select of the right items: the phone's own picker, no dragging. */
export function Matching(props: QuestionProps) {
  const pairs = () => (props.answer && typeof props.answer === "object" && !Array.isArray(props.answer) ? props.answer : {});
  const hint = () => inputId(props.question, "hint");
  /** A long choice is cut short inside the closed select on a phone: spelled out in full beneath it (the select itself is what screen readers read). */
  const chosenText = (leftId: string) => {
    const text = textOfChoice(props.question.right, pairs()[leftId], props.lang);
    return text && text.length > LONG_CHOICE ? text : undefined;
  };
  return (
    <fieldset class="q-fieldset" aria-describedby={hint()}>
      <legend class="q-prompt">{textIn(props.question.prompt, props.lang)}</legend>
      <p id={hint()} class="q-hint">
        {t("quiz.matchHint")}
      </p>
      <div class="q-match">
        <For each={props.question.left ?? []}>
          {(left) => {
            const id = () => inputId(props.question, `match-${left.id}`);
            return (
              <div class="q-match-row">
                <label for={id()} class="q-match-left">
                  {textIn(left.text, props.lang)}
                </label>
                <select
                  id={id()}
                  class="input q-select"
                  onChange={(e) => props.onAnswer(setMatch(props.answer, left.id, e.currentTarget.value))}
                >
                  <option value="" selected={!pairs()[left.id]}>
                    {t("quiz.matchChoose")}
                  </option>
                  <For each={props.question.right ?? []}>
                    {(right) => (
                      <option value={right.id} selected={pairs()[left.id] === right.id}>
                        {textIn(right.text, props.lang)}
                      </option>
                    )}
                  </For>
                </select>
                <Show when={chosenText(left.id)}>
                  {(text) => (
                    <p class="q-match-chosen" aria-hidden="true">
                      {text()}
                    </p>
                  )}
                </Show>
              </div>
            );
          }}
        </For>
      </div>
    </fieldset>
  );
}

/** The control for a question of any type. */
export function QuestionInput(props: QuestionProps) {
  // A question not yet written in the UI language is shown in Russian, and marked so for screen readers.
  return (
    <div class="q-body" lang={props.question.prompt[props.lang] === undefined ? "ru" : props.lang}>
      <Switch>
        <Match when={props.question.type === "single"}>
          <SingleChoice {...props} />
        </Match>
        <Match when={props.question.type === "multiple"}>
          <MultipleChoice {...props} />
        </Match>
        <Match when={props.question.type === "truefalse"}>
          <TrueFalse {...props} />
        </Match>
        <Match when={props.question.type === "numeric"}>
          <Numeric {...props} />
        </Match>
        <Match when={props.question.type === "text"}>
          <ShortText {...props} />
        </Match>
        <Match when={props.question.type === "ordering"}>
          <Ordering {...props} />
        </Match>
        <Match when={props.question.type === "matching"}>
          <Matching {...props} />
        </Match>
      </Switch>
    </div>
  );
}
