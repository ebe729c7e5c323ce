// The join code for a projector: the whole screen, the code large and letter by letter, a QR code of the join link.
// A modal <dialog>: Escape or Close shuts it and focus goes back to the button that opened it. Loaded only when
// opened (uqr included), from the class page's own lazy chunk, so nothing of it reaches a student's first load.
import { createMemo, For, onMount } from "solid-js";
import { t } from "../../i18n.ts";
import type { ClassDetail } from "./data.ts";
import { joinLink } from "./data.ts";
import { qrPath } from "./qr.ts";
import "../../styles/projector.css";

function Qr(props: { text: string; label: string }) {
  const qr = createMemo(() => qrPath(props.text));
  return (
    <svg class="jp-qr" viewBox={`0 0 ${qr().size} ${qr().size}`} role="img" aria-label={props.label} shape-rendering="crispEdges">
      <rect width={qr().size} height={qr().size} fill="#fff" />
      <path d={qr().d} fill="#000" />
    </svg>
  );
}

export default function JoinProjector(props: { detail: ClassDetail; onClose: () => void }) {
  let dialog: HTMLDialogElement | undefined;
  const code = () => props.detail.class.joinCode ?? "";
  const link = () => joinLink(code());
  // showModal puts it in the top layer (above the header), makes the page behind it inert, and turns Escape into close.
  onMount(() => dialog?.showModal());
  return (
    <dialog ref={dialog} class="jp" aria-labelledby="jp-title" onClose={() => props.onClose()}>
      <form method="dialog" class="jp-close-form">
        <button type="submit" class="button jp-close">
          {t("classes.projectorClose")}
        </button>
      </form>
      <div class="jp-body">
        <h1 id="jp-title" class="jp-title">
          {t("classes.projectorTitle", { name: props.detail.class.name })}
        </h1>
        <div class="jp-main">
          <div class="jp-code-box">
            <p class="jp-lead">{t("classes.projectorCode")}</p>
            <p class="jp-code" role="img" aria-label={t("classes.joinCodeSpelled", { code: code().split("").join(" ") })}>
              <For each={code().split("")}>{(ch) => <span class="jp-letter">{ch}</span>}</For>
            </p>
            <p class="jp-where">{t("classes.projectorWhere", { site: location.host })}</p>
          </div>
          <figure class="jp-qr-box">
            <Qr text={link()} label={t("classes.projectorQr", { link: link() })} />
            <figcaption class="jp-link">{link()}</figcaption>
          </figure>
        </div>
      </div>
    </dialog>
  );
}
