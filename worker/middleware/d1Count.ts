// Bench mode only (QADAM_BENCH=1): counts the D1 round trips a request makes and reports them in a response header.
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";

export const ROUNDTRIPS_HEADER = "x-d1-roundtrips";
/** Send `x-d1-explain: 1` (bench mode) to get the request's statements back in this header, for EXPLAIN QUERY PLAN. */
export const STATEMENTS_HEADER = "x-d1-statements";
const EXPLAIN_REQUEST_HEADER = "x-d1-explain";

export interface Statement {
  sql: string;
  params: unknown[];
}

interface Tally {
  roundTrips: number;
  statements: Statement[];
}

// Long parameters (snapshots, answers) do not change a query plan; the header only needs their place.
const shortParam = (v: unknown) => (typeof v === "string" && v.length > 120 ? v.slice(0, 120) : v);

/** A prepared statement whose every execution counts as one round trip. */
class CountedStatement {
  constructor(
    readonly inner: D1PreparedStatement,
    private readonly tally: Tally,
    private readonly sql: string,
    private readonly params: unknown[] = [],
  ) {}
  bind(...values: unknown[]) {
    return new CountedStatement(this.inner.bind(...values), this.tally, this.sql, values);
  }
  private count() {
    this.tally.roundTrips++;
    this.tally.statements.push({ sql: this.sql, params: this.params.map(shortParam) });
  }
  first(colName?: string) {
    this.count();
    return colName === undefined ? this.inner.first() : this.inner.first(colName);
  }
  run() {
    this.count();
    return this.inner.run();
  }
  all() {
    this.count();
    return this.inner.all();
  }
  raw(options?: { columnNames?: boolean }) {
    this.count();
    return this.inner.raw(options as { columnNames?: false });
  }
  record() {
    this.tally.statements.push({ sql: this.sql, params: this.params.map(shortParam) });
  }
}

/** The binding (or a session of it) with counting statements; a batch is one round trip, however many statements. */
export function countingD1<T extends D1Database | D1DatabaseSession>(d1: T, tally: Tally): T {
  const wrap = (target: D1Database | D1DatabaseSession): D1Database | D1DatabaseSession =>
    new Proxy(target, {
      get(t, prop) {
        if (prop === "prepare") return (query: string) => new CountedStatement(t.prepare(query), tally, query);
        if (prop === "batch")
          return (statements: CountedStatement[]) => {
            tally.roundTrips++;
            for (const s of statements) s.record();
            return t.batch(statements.map((s) => s.inner));
          };
        if (prop === "withSession" && "withSession" in t) return (constraint?: string) => wrap((t as D1Database).withSession(constraint));
        if (prop === "exec")
          return (query: string) => {
            tally.roundTrips++;
            return (t as D1Database).exec(query);
          };
        const value = Reflect.get(t, prop, t);
        return typeof value === "function" ? value.bind(t) : value;
      },
    });
  return wrap(d1) as T;
}

/**
 * Mounted before the Drizzle client is created. Off (the default), it is one string comparison. On, it swaps this
 * request's `c.env` for a copy whose DB counts (the shared env object is never mutated) and sets the header.
 */
export const d1Count = createMiddleware<AppEnv>(async (c, next) => {
  // Typed as the literal "0" from wrangler.toml; `--var QADAM_BENCH:1` overrides it at run time.
  if ((c.env.QADAM_BENCH as string) !== "1") return next();
  const tally: Tally = { roundTrips: 0, statements: [] };
  c.env = { ...c.env, DB: countingD1(c.env.DB, tally) };
  await next();
  c.header(ROUNDTRIPS_HEADER, String(tally.roundTrips));
  if (c.req.header(EXPLAIN_REQUEST_HEADER) === "1") {
    // One of each statement is enough for a plan, and keeps the header under the clients' 16 KB limit.
    const unique = [...new Map(tally.statements.map((s) => [s.sql, s])).values()];
    c.header(STATEMENTS_HEADER, encodeURIComponent(JSON.stringify(unique)));
  }
});
