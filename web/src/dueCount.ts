// How many review-deck questions are due now: a count only (limit=0), for the home screen and the results tab.
import { api, unwrap } from "./api.ts";
import { query } from "./router.tsx";

export const getDueCount = query(async () => {
  const res = await api.review.due.$get({ query: { limit: "0" } });
  return (await unwrap(res)).due;
}, "reviewDueCount");

/** "3 questions due for review" in the UI language's plural form. */
export { pluralForm } from "./plural.ts";
