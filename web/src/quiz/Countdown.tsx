// The visible countdown of a timed attempt; screen readers hear it only at 5 minutes, 1 minute and time up. In the last
// minute a warning says, in words too, that the answers will go in by themselves.
import { createSignal, onCleanup, Show } from "solid-js";
import { loadStrings, t } from "../i18n.ts";
import { formatRemaining, remainingMs, timerAlert } from "./countdown.ts";
import { plural } from "./words.ts";

// This page's strings arrive with its code (see i18n.ts).
await loadStrings("quiz");

export function Countdown(props: { deadline: string; skewMs: number; onExpire: () => void }) {
  const left = () => remainingMs(props.deadline, props.skewMs, Date.now());
  const [ms, setMs] = createSignal(left());
  const [alert, setAlert] = createSignal("");
  let previous: number | null = null;
  let expired = false;

  const tick = () => {
    const now = left();
    const heard = timerAlert(previous, now);
    previous = now;
    setMs(now);
    if (heard?.kind === "left") setAlert(heard.minutes <= 1 ? t("quiz.lastMinute") : plural("quiz.minutesLeft", heard.minutes));
    if (heard?.kind === "up") setAlert(t("quiz.timeUp"));
    if (now <= 0 && !expired) {
      expired = true;
      props.onExpire();
    }
  };
  tick();
  // Half a second keeps the display from skipping a second when a tick runs late; the text changes once a second.
  const timer = setInterval(tick, 500);
  onCleanup(() => clearInterval(timer));

  return (
    <div class="q-timer" classList={{ "q-timer-urgent": ms() <= 5 * 60_000 }}>
      <span class="q-timer-label" id="q-timer-label">
        {t("quiz.timeLeft")}
      </span>
      <span class="q-timer-value" role="timer" aria-labelledby="q-timer-label">
        {formatRemaining(ms())}
      </span>
      <span class="visually-hidden" aria-live="polite" aria-atomic="true">
        {alert()}
      </span>
      <Show when={ms() > 0 && ms() <= 60_000}>
        <p class="q-last-minute" aria-hidden="true">
          {t("quiz.lastMinute")}
        </p>
      </Show>
    </div>
  );
}
