// Managing one's own account from the web app: the API calls behind the account page and the reset-password form.
import { ApiError, api, unwrap } from "../../api.ts";
import { t } from "../../i18n.ts";
import { action, query } from "../../router.tsx";

/**
 * "is not right", the server's word on a wrong current password, in the UI language (the shared form code passes
 * messages it does not know through as sent). Returns the same error, for `form.fail`.
 */
export function inUiLanguage(error: unknown): unknown {
  if (error instanceof ApiError) {
    for (const e of error.problem.errors ?? []) if (e.message === "is not right") e.message = t("form.notRight");
  }
  return error;
}

// Every action here changes the signed-in user (or who is signed in): the router then fetches the session again.
// Signing out lives here too, not with the session every page reads: only the account page offers it.
export const signOut = action(async () => {
  const res = await api.auth.logout.$post();
  // Typed as always 204, but a refused write (403) or an outage still answers with a problem.
  if (!res.ok) await unwrap(res);
}, "signOut");

export const signOutEverywhere = action(async () => {
  const res = await api.auth["logout-all"].$post();
  if (!res.ok) await unwrap(res);
}, "signOutEverywhere");

export const rename = action(async (name: string) => (await unwrap(await api.me.$patch({ json: { name } }))).user, "renameMe");

export const changeEmail = action(
  async (json: { email: string; currentPassword: string }) => (await unwrap(await api.me.email.$put({ json }))).user,
  "changeMyEmail",
);

export const changePassword = action(
  async (json: { currentPassword: string; newPassword: string }) => (await unwrap(await api.me.password.$put({ json }))).user,
  "changeMyPassword",
);

export const getDeletionPreview = query(async () => unwrap(await api.me.deletion.$get()), "deletionPreview");
export type DeletionPreview = Awaited<ReturnType<typeof getDeletionPreview>>;

export const deleteAccount = action(async (currentPassword: string) => {
  const res = await api.me.delete.$post({ json: { currentPassword } });
  if (!res.ok) await unwrap(res);
}, "deleteMe");

export const PASSWORD_MIN = 10;
