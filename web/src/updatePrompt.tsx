// The "new version ready" prompt: loaded only when an update is waiting, so it costs a first load nothing.
import { render } from "solid-js/web";
import { t } from "./i18n.ts";

function UpdatePrompt(props: { onReload: () => void; onDismiss: () => void }) {
  return (
    <div class="update-prompt" role="status">
      <span>{t("pwa.update")}</span>
      <button type="button" class="button primary" onClick={() => props.onReload()}>
        {t("pwa.reload")}
      </button>
      <button type="button" class="button quiet" onClick={() => props.onDismiss()}>
        {t("pwa.dismiss")}
      </button>
    </div>
  );
}

let shown = false;

/** Shows the prompt once; reloading hands control to the waiting worker, which then reloads every tab of the app. */
export function offerUpdate(waiting: ServiceWorker, accept: () => void) {
  if (shown) return;
  shown = true;
  const host = document.createElement("div");
  document.body.append(host);
  const dispose = render(
    () => (
      <UpdatePrompt
        onReload={() => {
          accept();
          waiting.postMessage({ type: "SKIP_WAITING" });
        }}
        onDismiss={() => {
          dispose();
          host.remove();
        }}
      />
    ),
    host,
  );
}
