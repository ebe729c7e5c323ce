// The course's data for the reader's pages: outline and lesson queries, shared by the lazily loaded pages and the
// route preloads in main.tsx (which start the fetch while the page's code is still on its way).

import { api, unwrap } from "./api.ts";
import { intlLocale, type Locale, locale, t } from "./i18n.ts";
import { query, type RoutePreloadFuncArgs } from "./router.tsx";

/** Naming the course build makes lesson responses immutable in every cache (worker/routes/modules.ts). */
const build = __COURSE_VERSION__ ? { v: __COURSE_VERSION__ } : {};

export const getOutline = query(async (lang: Locale) => {
  const res = await api.modules.$get({ query: { lang, ...build } });
  // 304 is the browser cache's business (it answers with the stored 200); anything but 200 is a problem to show.
  if (res.status === 200) return res.json();
  return unwrap(res) as Promise<never>;
}, "outline");

export const preloadOutline = () => {
  void getOutline(locale());
};

/** "5 вопросов" / "1 question": the plural category picks the form. */
export function questionCount(count: number): string {
  const form = new Intl.PluralRules(intlLocale()).select(count) as "one" | "few" | "many" | "other";
  return t(`course.questions.${form}`, { count: String(count) }) ?? String(count);
}

export const getLesson = query(async (slug: string, lang: Locale) => {
  const res = await api.modules[":slug"].$get({ param: { slug }, query: { lang, ...build } });
  // 304 is the browser cache's business (it answers with the stored 200); anything but 200 is a problem to show.
  if (res.status === 200) return res.json();
  return unwrap(res) as Promise<never>;
}, "lesson");

export const preloadLesson = ({ params }: RoutePreloadFuncArgs) => {
  if (params.slug) void getLesson(params.slug, locale());
};
