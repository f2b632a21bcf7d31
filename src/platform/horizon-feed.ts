import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from './db/database.js';

/** How often (at most) a reader prunes rows older than a day. */
const PRUNE_MS = 10 * 60_000;

export type HorizonFeedOptions<R, T> = {
  /** the table of events; it has `id`, `xid` (xid8, the writing transaction) and, when pruned, `at` */
  table: string;
  /** the row as `json_build_object(…)` of its columns; it must hold `'x', xid::text` */
  row: RawBuilder<unknown>;
  /** what makes a row unique (its id, with its county when ids are per county) */
  key: (r: R) => string;
  /** the item a row becomes */
  toItem: (r: R) => T;
  /** delete rows older than a day (at most every ten minutes): for tables that are only a feed */
  prune?: boolean;
};

/**
 * A live feed read past a snapshot horizon (the inbox, the area events of cases and of
 * emergencies). Rows are read by the transactions that wrote them instead of by id: ids are
 * handed out before commit, so a row with a smaller id can become visible after one with a larger
 * id. Each poll reads, in one statement (one snapshot), the rows of transactions at or above the
 * previous horizon and the new horizon (the oldest transaction still running). Everything below
 * the horizon has finished, so later polls need not look there; rows above it may be read again
 * and are skipped by key. A row is delivered once per instance, only after its commit; the first
 * call starts at the present (earlier rows are not delivered) and returns nothing.
 */
export function horizonFeed<R extends { x: string }, T>(
  db: DbOrTx,
  opts: HorizonFeedOptions<R, T>,
): () => Promise<T[]> {
  const table = sql.table(opts.table);
  let horizon: string | null = null;
  let seen = new Set<string>(); // keys of rows at or above the horizon
  let pruned = 0;
  return async () => {
    if (opts.prune && Date.now() - pruned > PRUNE_MS) {
      pruned = Date.now();
      await sql`DELETE FROM ${table} WHERE at < now() - interval '1 day'`.execute(db);
    }
    if (horizon === null) {
      const { rows } = await sql<{
        h: string;
      }>`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS h`.execute(db);
      horizon = rows[0]!.h;
      return [];
    }
    const { rows } = await sql<{ h: string; rows: R[] | null }>`
      SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS h,
        (SELECT json_agg(${opts.row} ORDER BY id) FROM ${table} WHERE xid >= ${horizon}::xid8) AS rows`.execute(
      db,
    );
    const next = rows[0]!.h;
    const out: T[] = [];
    const keep = new Set<string>();
    for (const r of rows[0]!.rows ?? []) {
      const key = opts.key(r);
      if (BigInt(r.x) >= BigInt(next)) keep.add(key);
      if (seen.has(key)) continue;
      out.push(opts.toItem(r));
    }
    horizon = next;
    seen = keep;
    return out;
  };
}
