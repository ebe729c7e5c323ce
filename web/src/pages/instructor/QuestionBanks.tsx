// The course's question banks as files for Moodle: one line per module, a Moodle XML and a GIFT link per language.
import { For, Show } from "solid-js";
import { LoadBoundary } from "../../components/LoadError.tsx";
import { locale, t } from "../../i18n.ts";
import { createAsync, revalidate } from "../../router.tsx";
import { getQuestionBanks } from "./data.ts";

/** Each language by its own name, as a language menu writes it whatever the interface language. */
const LANGUAGE_NAMES: Record<string, string> = { ru: "Русский", en: "English", kk: "Қазақша" };
const languageName = (lang: string) => LANGUAGE_NAMES[lang] ?? lang;

const FORMATS = [
  { ext: "xml", label: "Moodle XML" },
  { ext: "gift", label: "GIFT" },
] as const;

const exportHref = (slug: string, ext: string, lang: string) => `/api/modules/${encodeURIComponent(slug)}/export.${ext}?lang=${lang}`;

export function QuestionBanks() {
  const banks = createAsync(() => getQuestionBanks(locale()));
  return (
    <section aria-labelledby="banks-title" class="card banks">
      <h2 id="banks-title">{t("banks.title")}</h2>
      <p class="muted">{t("banks.lead")}</p>
      <LoadBoundary retry={() => revalidate(getQuestionBanks.key)}>
        <Show when={banks()}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p>{t("banks.empty")}</p>}>
              <ul class="bank-list">
                <For each={list()}>
                  {(bank) => (
                    <li>
                      <p class="bank-title">
                        {bank.order}. {bank.title} <span class="muted">· {t("banks.questions", { n: String(bank.questionCount) })}</span>
                      </p>
                      <ul class="bank-files">
                        <For each={bank.languages}>
                          {(lang) => (
                            <li>
                              <span lang={lang}>{languageName(lang)}</span>:{" "}
                              <For each={FORMATS}>
                                {(format, i) => (
                                  <>
                                    {i() > 0 ? " · " : ""}
                                    <a
                                      class="bank-file"
                                      href={exportHref(bank.slug, format.ext, lang)}
                                      download=""
                                      aria-label={t("banks.download", {
                                        module: bank.title,
                                        language: languageName(lang),
                                        format: format.label,
                                      })}
                                    >
                                      {format.label}
                                    </a>
                                  </>
                                )}
                              </For>
                            </li>
                          )}
                        </For>
                      </ul>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </LoadBoundary>
    </section>
  );
}
