// The Drizzle client over the D1 binding; created once per request by the db middleware.
import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema.ts";

export const createDb = (d1: D1Database | D1DatabaseSession) => drizzle(d1 as D1Database, { schema, casing: "snake_case" });
export type Db = ReturnType<typeof createDb>;
