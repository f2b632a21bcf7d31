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
export async function stateChecksum(db: Db): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`
    SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`.execute(db);
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
