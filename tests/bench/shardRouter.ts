// The simulation's router: which D1 database holds an organisation.
/**
 * The routing table of the plan in docs/scaling.md: each organisation lives in exactly one D1, chosen when it is
 * created (the least-loaded database), and every request for its classes goes there. In production the table is a
 * small D1 or KV read once per isolate; here a Map.
 */
export class ShardRouter<DB> {
  private readonly home = new Map<string, number>();
  private readonly load: number[];
  constructor(private readonly databases: DB[]) {
    this.load = databases.map(() => 0);
  }
  /** Places an organisation with `weight` students on the least-loaded database; placing it again is a no-op. */
  place(orgId: string, weight: number): number {
    const known = this.home.get(orgId);
    if (known !== undefined) return known;
    const shard = this.load.indexOf(Math.min(...this.load));
    this.home.set(orgId, shard);
    this.load[shard] = (this.load[shard] ?? 0) + weight;
    return shard;
  }
  dbFor(orgId: string): DB {
    const shard = this.home.get(orgId);
    if (shard === undefined) throw new Error(`organisation ${orgId} has no database`);
    return this.databases[shard] as DB;
  }
}
