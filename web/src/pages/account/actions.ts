// Managing one's own account from the web app: the API calls behind the account page and the reset-password form.
import { api, unwrap } from "../../api.ts";
import { action, query } from "../../router.tsx";

// Every action here changes the signed-in user (or who is signed in): the router then fetches the session again.
export const rename = action(async (name: string) => (await unwrap(await api.me.$patch({ json: { name } }))).user, "renameMe");

export const changeEmail = action(
  async (json: { email: string; currentPassword: string }) => (await unwrap(await api.me.email.$put({ json }))).user,
  "changeMyEmail",
);

export const changePassword = action(
  async (json: { currentPassword: string; newPassword: string }) => (await unwrap(await api.me.password.$put({ json }))).user,
  "changeMyPassword",
);

export const resetPassword = action(
  async (json: { email: string; code: string; newPassword: string }) =>
    (await unwrap(await api.auth["reset-password"].$post({ json }))).user,
  "resetPassword",
);

export const getDeletionPreview = query(async () => unwrap(await api.me.deletion.$get()), "deletionPreview");
export type DeletionPreview = Awaited<ReturnType<typeof getDeletionPreview>>;

export const deleteAccount = action(async (currentPassword: string) => {
  const res = await api.me.delete.$post({ json: { currentPassword } });
  if (!res.ok) await unwrap(res);
}, "deleteMe");

/** Where "Download my data" points: a plain link, so the browser saves the server's attachment itself. */
export const EXPORT_URL = "/api/me/export";

export const PASSWORD_MIN = 10;
