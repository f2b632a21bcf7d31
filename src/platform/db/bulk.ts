import { sql } from 'kysely';
import type { DbOrTx } from './database.js';

export type BulkColumn = {
  name: string;
  /** PostgreSQL element type of the parameter array, e.g. 'text', 'bigint', 'bytea'. */
  type: string;
  /** SQL applied to the unnested value (`$` stands for it, e.g. "string_to_array($, ',')"); default the value itself. */
  expr?: string;
};

const IDENT = /^[a-z_][a-z0-9_]*$/;

/**
 * Inserts many rows in one statement: one array parameter per column and
 * `INSERT … SELECT FROM unnest(…)`, an order of magnitude faster than VALUES
 * lists and without COPY's extra dependency. Rows are arrays in column order.
 */
export async function bulkInsert(
  db: DbOrTx,
  table: string,
  columns: BulkColumn[],
  rows: unknown[][],
  opts: { overridingSystemValue?: boolean; chunk?: number } = {},
): Promise<void> {
  if (!IDENT.test(table) || columns.some((c) => !IDENT.test(c.name) || !/^[a-z0-9 ]+$/.test(c.type))) {
    throw new Error('bulkInsert: bad identifier');
  }
  const chunk = opts.chunk ?? 20_000;
  const names = columns.map((c) => c.name).join(', ');
  const selects = columns.map((c, i) => (c.expr ? c.expr.replaceAll('$', `u.c${i}`) : `u.c${i}`)).join(', ');
  const alias = columns.map((_, i) => `c${i}`).join(', ');
  const overriding = opts.overridingSystemValue ? ' OVERRIDING SYSTEM VALUE' : '';
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const arrays = columns.map((c, i) => sql`${part.map((r) => r[i] ?? null)}::${sql.raw(c.type)}[]`);
    await sql`INSERT INTO ${sql.raw(table)} (${sql.raw(names)})${sql.raw(overriding)}
      SELECT ${sql.raw(selects)} FROM unnest(${sql.join(arrays)}) AS u(${sql.raw(alias)})`.execute(db);
  }
}

/** Reserves `n` ids from a table's identity sequence, for rows inserted with OVERRIDING SYSTEM VALUE. */
export async function reserveIds(db: DbOrTx, table: string, n: number): Promise<number[]> {
  if (!IDENT.test(table)) throw new Error('reserveIds: bad identifier');
  if (n === 0) return [];
  const { rows } = await sql<{
    id: number;
  }>`SELECT nextval(pg_get_serial_sequence(${table}, 'id'))::bigint AS id FROM generate_series(1, ${n}::int)`.execute(
    db,
  );
  return rows.map((r) => Number(r.id));
}

/**
 * Runs `load` with the plain secondary indexes of `tables` dropped, then builds them again from
 * their saved definitions: one sorted build instead of an index update per row (GiST and GIN
 * gain most). Unique indexes and those backing a constraint stay, so the load is checked as it
 * goes (and ON CONFLICT still finds its index). In the caller's transaction: a failure restores
 * everything.
 */
export async function withIndexesDeferred<T>(
  tx: DbOrTx,
  tables: string[],
  load: () => Promise<T>,
  keep: string[] = [],
): Promise<T> {
  if (tables.some((t) => !IDENT.test(t))) throw new Error('withIndexesDeferred: bad identifier');
  const { rows } = await sql<{ name: string; def: string }>`
    SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
      FROM pg_index x
      JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = current_schema() AND t.relname = ANY(${tables}::text[])
       AND NOT x.indisunique AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
       AND NOT (i.relname = ANY(${keep}::text[]))
     ORDER BY i.relname`.execute(tx);
  for (const r of rows) await sql`DROP INDEX ${sql.id(r.name)}`.execute(tx);
  const out = await load();
  await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(tx);
  for (const r of rows) await sql.raw(r.def).execute(tx);
  return out;
}
