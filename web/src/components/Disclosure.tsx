// A section that opens and closes: a real button (aria-expanded, aria-controls) with a chevron that turns, so it
// looks and reads as expandable, unlike a restyled <summary>.
import { createSignal, createUniqueId, type JSX } from "solid-js";

export function Disclosure(props: { class?: string; summary: JSX.Element; children: JSX.Element; open?: boolean }) {
  const [open, setOpen] = createSignal(props.open ?? false);
  const id = `disclosure-${createUniqueId()}`;
  return (
    <div class={props.class ? `disclosure ${props.class}` : "disclosure"} classList={{ open: open() }}>
      <button type="button" class="disclosure-toggle" aria-expanded={open()} aria-controls={id} onClick={() => setOpen(!open())}>
        <span class="disclosure-summary">{props.summary}</span>
        <span class="chevron" aria-hidden="true" />
      </button>
      <div id={id} class="disclosure-body" hidden={!open()}>
        {props.children}
      </div>
    </div>
  );
}
