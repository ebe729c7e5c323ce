// /attempts/:id: loads the open attempt (from the start page's handoff, the server, or without network this
// device's cache) and shows it; a closed one goes to its result. ?q=N and ?view=overview|submit name the screen,
// so a reload lands on the same one.
import { createEffect, createSignal, on, Show } from "solid-js";
import { api } from "../../api.ts";
import { loadStrings, t } from "../../i18n.ts";
import { type QuizFailure, QuizProblem } from "../../quiz/QuizProblem.tsx";
import { cacheAttempt, cachedAttempt } from "../../quiz/store.ts";
import { useNavigate, useParams } from "../../router.tsx";
import { type AttemptJson, handoff, storage } from "./channel.ts";
import { QuizSession } from "./QuizSession.tsx";

// This page's strings arrive with its code (see i18n.ts).
await loadStrings("quiz");

interface Loaded {
  attempt: AttemptJson;
  receivedAt: number;
  fromDevice: boolean;
}

export default function QuizAttempt() {
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const [loaded, setLoaded] = createSignal<Loaded | null>(null);
  const [failure, setFailure] = createSignal<Exclude<QuizFailure, "open"> | null>(null);

  const load = async (id: string) => {
    setLoaded(null);
    setFailure(null);
    const handed = handoff.get(id);
    if (handed) {
      handoff.delete(id);
      setLoaded({ ...handed, fromDevice: false });
      return;
    }
    try {
      const res = await api.attempts[":id"].$get({ param: { id } });
      if (res.status === 200) {
        const attempt = await res.json();
        if (attempt.status !== "open") {
          navigate(`/attempts/${id}/result`, { replace: true });
          return;
        }
        const receivedAt = Date.now();
        cacheAttempt(storage(), attempt, receivedAt);
        setLoaded({ attempt, receivedAt, fromDevice: false });
        return;
      }
      setFailure(res.status === 401 ? "signin" : res.status === 404 ? "notFound" : "error");
    } catch {
      const cached = cachedAttempt<AttemptJson>(storage(), id);
      if (cached && cached.attempt.status === "open") setLoaded({ ...cached, fromDevice: true });
      else setFailure("offline");
    }
  };
  createEffect(
    on(
      () => params.id,
      (id) => void load(id),
    ),
  );

  return (
    <div class="page quiz-page">
      <Show
        when={loaded()}
        keyed
        fallback={
          <QuizProblem
            title={t("quiz.startTitle")}
            failure={failure()}
            retry={() => void load(params.id)}
            offlineText={t("quiz.offlineStart")}
          />
        }
      >
        {(l) => <QuizSession attempt={l.attempt} receivedAt={l.receivedAt} fromDevice={l.fromDevice} />}
      </Show>
    </div>
  );
}
