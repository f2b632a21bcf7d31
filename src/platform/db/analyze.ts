import { sql } from 'kysely';
import type { Db } from './database.js';

/**
 * `ANALYZE` of the whole database, the tables shared out over `ways` connections at once (largest
 * first, each to the connection with the least so far): one backend analyzes one table at a time,
 * and after a bulk load the tables are many and a few are large. Each relation the role may analyze
 * (as a plain `ANALYZE` picks them: those it owns, or all for a superuser) is analyzed once, a
 * partitioned table with its partitions. A pool smaller than `ways` only makes it run in turn.
 */
export async function analyzeInParallel(db: Db, ways = 2): Promise<void> {
  const { rows } = await sql<{ name: string; bytes: string }>`
    SELECT format('%I.%I', n.nspname, c.relname) AS name,
           CASE WHEN c.relkind = 'p'
             THEN (SELECT coalesce(sum(pg_relation_size(t.relid)), 0) FROM pg_partition_tree(c.oid) t)
             ELSE pg_relation_size(c.oid) END AS bytes
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'm', 'p') AND NOT c.relispartition AND c.relpersistence <> 't'
      AND n.nspname NOT IN ('information_schema', 'pg_toast') AND pg_has_role(c.relowner, 'USAGE')
    ORDER BY 2 DESC, 1`.execute(db);
  const shares = Array.from({ length: Math.max(1, ways) }, () => ({ bytes: 0, names: [] as string[] }));
  for (const r of rows) {
    const least = shares.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    least.bytes += Number(r.bytes) + 8192; // an empty table still costs a round of work
    least.names.push(r.name);
  }
  await Promise.all(
    shares.filter((s) => s.names.length > 0).map((s) => sql.raw(`ANALYZE ${s.names.join(', ')}`).execute(db)),
  );
}
