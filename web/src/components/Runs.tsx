// Inline lesson text: a list of runs where bold marks a key term and italic an emphasis.
import { For } from "solid-js";

/** The API's `Run` shape (GET /api/modules/:slug). */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export function Runs(props: { runs: readonly Run[] }) {
  return (
    <For each={props.runs}>
      {(run) => {
        if (run.bold && run.italic) {
          return (
            <strong>
              <em>{run.text}</em>
            </strong>
          );
        }
        if (run.bold) return <strong>{run.text}</strong>;
        if (run.italic) return <em>{run.text}</em>;
        return run.text;
      }}
    </For>
  );
}
