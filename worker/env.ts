// Types every route shares: the Worker's bindings (from `wrangler types`) and per-request variables.
import type { Db } from "../db/client.ts";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: "student" | "instructor";
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    db: Db;
    user: SessionUser | null;
  };
}
