import { sql } from 'kysely';
import type { Db } from '../../src/platform/db/database.js';

/**
 * Tables whose rows a refused request may legitimately add: the audit log (a refused reveal
 * may be recorded), sessions (sign-in, last seen) and the migrator's own bookkeeping.
 */
const NOT_STATE = new Set(['audit_log', 'session', 'kysely_migration', 'kysely_migration_lock']);

/**
 * An order-independent fingerprint of every state table: its row count and the sum of a hash of
 * each row version's physical identity (ctid, xmin). Any INSERT, UPDATE or DELETE makes a new row
 * version (or removes one), so equal fingerprints before and after a request ⇔ (with overwhelming
 * probability) the request changed no row; cheap, since no row is read beyond its header.
 * `open311_key` is hashed by content without `last_used_at`: an API key's use is bumped by every
 * call that presents it, even one refused for its jurisdiction; that is bookkeeping, not state.
 */
export async function stateChecksum(
  db: Db,
  /** only the unlogged tables (their changes write no WAL: see StateWatch) */
  unloggedOnly = false,
): Promise<Record<string, string>> {
  // a partitioned table is read whole through its parent, so its partitions are not read again
  const tables = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND (NOT ${unloggedOnly} OR c.relpersistence = 'u')
    ORDER BY 1`.execute(db);
  const parts = tables.rows
    .map((t) => t.name)
    .filter((n) => !NOT_STATE.has(n))
    .map((n) => {
      const h =
        n === 'open311_key'
          ? `hashtextextended((to_jsonb(x) - 'last_used_at')::text, 0)`
          : `hashtextextended(x.ctid::text || ':' || x.xmin::text, 0)`;
      return `SELECT '${n}' AS t, count(*)::text || ':' || coalesce(sum(${h}), 0)::text AS h FROM "${n}" x`;
    });
  const res = await sql.raw<{ t: string; h: string }>(parts.join(' UNION ALL ')).execute(db);
  return Object.fromEntries(res.rows.map((r) => [r.t, r.h]));
}

/** The tables whose fingerprint differs. */
export function changedTables(a: Record<string, string>, b: Record<string, string>): string[] {
  return Object.keys({ ...a, ...b }).filter((k) => a[k] !== b[k]);
}

type Snapshot = { lsn: string; unlogged: string; sums: Record<string, string> };

/**
 * stateChecksum reads every row of every table: the matrix, taking one before and after each
 * refused write, spent a quarter of an hour on it. Every change to a logged table writes WAL, so
 * while the WAL insert position and the (small) unlogged tables are as they were, the last
 * fingerprint still holds and is not computed again. When the position moved (a session touched, an
 * audit row, a hint bit), the full fingerprint is taken: the answer is the same, only cheaper.
 */
export class StateWatch {
  private last: Snapshot | undefined;
  constructor(private readonly db: Db) {}

  async snapshot(): Promise<Snapshot> {
    const { rows } = await sql<{ lsn: string }>`SELECT pg_current_wal_insert_lsn()::text AS lsn`.execute(
      this.db,
    );
    const unlogged = JSON.stringify(await stateChecksum(this.db, true));
    const lsn = rows[0]!.lsn;
    if (this.last && this.last.lsn === lsn && this.last.unlogged === unlogged) return this.last;
    // the position is read before the fingerprint: a write during it only makes the next call recompute
    this.last = { lsn, unlogged, sums: await stateChecksum(this.db) };
    return this.last;
  }

  /** The tables changed between two snapshots (none when the second is the first, unchanged). */
  static changed(a: Snapshot, b: Snapshot): string[] {
    return a === b ? [] : changedTables(a.sums, b.sums);
  }
}
