// Labelled form controls: each has a visible label, an optional hint and its error, tied by aria-describedby.
import { For, type JSX, Show } from "solid-js";

/** The id of a form control, so an error summary can link to it. */
export const fieldId = (name: string) => `field-${name}`;

const describedBy = (id: string, hint: unknown, error: unknown) =>
  [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;

function HintAndError(props: { id: string; hint?: JSX.Element | undefined; error?: string | undefined }) {
  return (
    <>
      <Show when={props.hint}>
        <p id={`${props.id}-hint`} class="field-hint">
          {props.hint}
        </p>
      </Show>
      <Show when={props.error}>
        <p id={`${props.id}-error`} class="field-error">
          {props.error}
        </p>
      </Show>
    </>
  );
}

// The input attributes forms here use, passed one by one: a `{...rest}` spread onto an element would pull Solid's
// generic spread runtime (≈ 1.7 KB gzipped) into every student's first load.
type InputProps = Pick<
  JSX.InputHTMLAttributes<HTMLInputElement>,
  | "type"
  | "inputmode"
  | "autocomplete"
  | "autocapitalize"
  | "spellcheck"
  | "required"
  | "value"
  | "maxLength"
  | "minLength"
  | "pattern"
  | "readOnly"
  | "class"
> & {
  onInput?: JSX.EventHandler<HTMLInputElement, InputEvent>;
  onChange?: JSX.EventHandler<HTMLInputElement, Event>;
  onFocus?: JSX.EventHandler<HTMLInputElement, FocusEvent>;
  name: string;
  label: string;
  hint?: JSX.Element | undefined;
  error?: string | undefined;
  /** Extra content under the input, e.g. a "show password" switch. */
  after?: JSX.Element;
};

export function Field(props: InputProps) {
  const id = fieldId(props.name);
  return (
    <div class="field" classList={{ "field-invalid": !!props.error }}>
      <label for={id}>{props.label}</label>
      <HintAndError id={id} hint={props.hint} error={props.error} />
      <input
        id={id}
        name={props.name}
        type={props.type}
        inputmode={props.inputmode}
        autocomplete={props.autocomplete}
        autocapitalize={props.autocapitalize}
        spellcheck={props.spellcheck}
        required={props.required}
        value={props.value ?? ""}
        maxLength={props.maxLength}
        minLength={props.minLength}
        pattern={props.pattern}
        readOnly={props.readOnly}
        onInput={(event) => props.onInput?.(event)}
        onChange={(event) => props.onChange?.(event)}
        onFocus={(event) => props.onFocus?.(event)}
        class={props.class ? `input ${props.class}` : "input"}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
      {props.after}
    </div>
  );
}

type SelectProps = {
  value?: string;
  onChange?: JSX.EventHandler<HTMLSelectElement, Event>;
  name: string;
  label: string;
  hint?: JSX.Element | undefined;
  error?: string | undefined;
  options: { value: string; label: string }[];
  /** A first, empty choice that asks the person to pick. */
  placeholder?: string;
};

export function SelectField(props: SelectProps) {
  const local = props;
  const id = fieldId(local.name);
  return (
    <div class="field" classList={{ "field-invalid": !!local.error }}>
      <label for={id}>{local.label}</label>
      <HintAndError id={id} hint={local.hint} error={local.error} />
      <select
        id={id}
        onChange={(event) => local.onChange?.(event)}
        name={local.name}
        class="input"
        aria-invalid={local.error ? "true" : undefined}
        aria-describedby={describedBy(id, local.hint, local.error)}
      >
        <Show when={local.placeholder}>
          <option value="" selected={!local.value}>
            {local.placeholder}
          </option>
        </Show>
        <For each={local.options}>
          {(option) => (
            <option value={option.value} selected={option.value === local.value}>
              {option.label}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}

interface ChoiceProps<T extends string> {
  name: string;
  legend: string;
  hint?: JSX.Element | undefined;
  error?: string | undefined;
  value: T;
  options: { value: T; label: string; hint?: string }[];
  onChange: (value: T) => void;
}

/** A radio group in a fieldset: big tap targets, each choice with its own explanation. */
export function ChoiceField<T extends string>(props: ChoiceProps<T>) {
  const id = fieldId(props.name);
  return (
    <fieldset
      class="field choice-field"
      classList={{ "field-invalid": !!props.error }}
      aria-describedby={describedBy(id, props.hint, props.error)}
    >
      <legend>{props.legend}</legend>
      <HintAndError id={id} hint={props.hint} error={props.error} />
      <For each={props.options}>
        {(option, i) => {
          const optionId = i() === 0 ? id : `${id}-${option.value}`;
          return (
            <label class="choice" for={optionId}>
              <input
                type="radio"
                id={optionId}
                name={props.name}
                value={option.value}
                checked={props.value === option.value}
                aria-describedby={option.hint ? `${optionId}-desc` : undefined}
                onChange={() => props.onChange(option.value)}
              />
              <span class="choice-text">
                <span class="choice-label">{option.label}</span>
                <Show when={option.hint}>
                  <span id={`${optionId}-desc`} class="choice-hint">
                    {option.hint}
                  </span>
                </Show>
              </span>
            </label>
          );
        }}
      </For>
    </fieldset>
  );
}
