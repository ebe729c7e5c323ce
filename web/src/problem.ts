// A failure that is not about one field, told in the UI language: by status, else the server's detail.
import { ApiError } from "./api.ts";
import { t } from "./i18n.ts";

export function problemMessage(error: unknown, byStatus: Partial<Record<number, string>> = {}): string {
  if (!(error instanceof ApiError)) return t("form.network");
  const { status, detail } = error.problem;
  if (byStatus[status]) return byStatus[status] as string;
  if (status === 429) {
    const seconds = Number((error.problem as { retryAfter?: number }).retryAfter);
    return t("auth.tooMany", { minutes: String(Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 1) });
  }
  return detail || t("form.failed");
}
