import { sql } from 'kysely';
import type { DbOrTx } from './database.js';
import { copyCsvArray, copySink, copySource, copyValue } from './copy.js';

export type BulkColumn = {
  name: string;
  /** PostgreSQL element type of the parameter array, e.g. 'text', 'bigint', 'bytea'. */
  type: string;
  /** SQL applied to the unnested value (`$` stands for it, e.g. "string_to_array($, ',')"); default the value itself. */
  expr?: string;
};

const IDENT = /^[a-z_][a-z0-9_]*$/;

/**
 * Inserts many rows: in a transaction by COPY FROM STDIN (text format, streamed, so Node encodes
 * while PostgreSQL parses; `copy.ts`), else in one statement per chunk with one array parameter per
 * column and `INSERT … SELECT FROM unnest(…)`. Rows are arrays in column order. Column expressions
 * COPY can read directly (`$::ltree`, `$::jsonb`, the comma lists and the Shanghai dates below) are
 * written as the column's input text; any other goes through a temporary table of the raw values
 * (`INSERT … SELECT <expr> FROM <temp> AS u`, the same `u.cN` names as the unnest form).
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
  if (db.isTransaction && rows.length >= COPY_MIN_ROWS)
    return copyInsert(db, table, columns, rows, opts, chunk);
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

/**
 * Runs `COPY (<query>) TO STDOUT` on the transaction's connection and returns its output in COPY's
 * text format, chunk by chunk, for `copyIn` (into another transaction: rows computed on one
 * connection and written on another without being parsed in between).
 */
export async function copyOut(tx: DbOrTx, query: string): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  const sink = copySink(async (out) => {
    for await (const chunk of out) chunks.push(chunk as Buffer);
  });
  try {
    await sql.raw(`COPY (${query}) TO STDOUT ${sink.mark}`).execute(tx);
  } finally {
    sink.drop();
  }
  return chunks;
}

/** Writes COPY text-format chunks (`copyOut`'s) into a table's columns, in the caller's transaction. */
export async function copyIn(tx: DbOrTx, table: string, columns: string[], chunks: Buffer[]): Promise<void> {
  if (!IDENT.test(table) || columns.some((c) => !IDENT.test(c))) throw new Error('copyIn: bad identifier');
  const source = copySource(async function* () {
    yield* chunks;
  });
  try {
    await sql.raw(`COPY ${table} (${columns.join(', ')}) FROM STDIN ${source.mark}`).execute(tx);
  } finally {
    source.drop();
  }
}

/**
 * Reserves `n` ids from a table's identity sequence, for rows inserted with OVERRIDING SYSTEM VALUE:
 * one `nextval` per id. With `block`, in a transaction, and when the sequence steps by one without a
 * cache, as one block instead: the table locked against writers (SHARE ROW EXCLUSIVE, until the
 * transaction ends), then one `nextval` and one `setval` past the block (the demo's 300,000
 * residents: two calls instead of 300,000 `nextval`s, 1 s). `block` is the caller's promise that
 * nobody draws from that sequence meanwhile except by inserting into the table (which waits for the
 * lock) or by reserving a block here: a plain `nextval` between the two calls would get an id of the
 * block too.
 */
export async function reserveIds(
  db: DbOrTx,
  table: string,
  n: number,
  opts: { block?: boolean } = {},
): Promise<number[]> {
  if (!IDENT.test(table)) throw new Error('reserveIds: bad identifier');
  if (n === 0) return [];
  if (opts.block && db.isTransaction) {
    const { rows } = await sql<{ seq: string | null }>`
      SELECT s.schemaname || '.' || s.sequencename AS seq FROM pg_sequences s
       WHERE format('%I.%I', s.schemaname, s.sequencename)::regclass = pg_get_serial_sequence(${table}, 'id')::regclass
         AND s.increment_by = 1 AND s.cache_size = 1`.execute(db);
    const seq = rows[0]?.seq;
    if (seq) {
      await sql`LOCK TABLE ${sql.id(table)} IN SHARE ROW EXCLUSIVE MODE`.execute(db);
      const first = await sql<{ id: string }>`
        SELECT setval(${seq}::regclass, nextval(${seq}::regclass) + ${n}::bigint - 1) - ${n}::bigint + 1 AS id`.execute(
        db,
      );
      const start = Number(first.rows[0]!.id);
      return Array.from({ length: n }, (_, i) => start + i);
    }
  }
  const { rows } = await sql<{
    id: number;
  }>`SELECT nextval(pg_get_serial_sequence(${table}, 'id'))::bigint AS id FROM generate_series(1, ${n}::int)`.execute(
    db,
  );
  return rows.map((r) => Number(r.id));
}

/** A secondary index or a foreign key taken off for a bulk load, to be put back as it was. */
export type Deferred = { kind: 'index' | 'key'; table: string; name: string; def: string };

/**
 * Drops the plain secondary indexes of `tables` (not unique ones, nor those backing a constraint,
 * nor those named in `keep`) and returns their definitions for `restoreDeferred`.
 */
export async function dropIndexes(tx: DbOrTx, tables: string[], keep: string[] = []): Promise<Deferred[]> {
  if (tables.some((t) => !IDENT.test(t))) throw new Error('dropIndexes: bad identifier');
  const { rows } = await sql<{ table: string; name: string; def: string }>`
    SELECT t.relname AS table, i.relname AS name, pg_get_indexdef(i.oid) AS def
      FROM pg_index x
      JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = current_schema() AND t.relname = ANY(${tables}::text[])
       AND NOT x.indisunique AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
       AND NOT (i.relname = ANY(${keep}::text[]))
     ORDER BY i.relname`.execute(tx);
  for (const r of rows) await sql`DROP INDEX ${sql.id(r.name)}`.execute(tx);
  return rows.map((r) => ({ kind: 'index', ...r }));
}

/**
 * Drops the foreign keys `tables` hold (not those pointing at them; on a partitioned table the
 * parent's, its partitions' copies going with it) and returns them for `restoreDeferred`.
 */
export async function dropForeignKeys(tx: DbOrTx, tables: string[]): Promise<Deferred[]> {
  if (tables.some((t) => !IDENT.test(t))) throw new Error('dropForeignKeys: bad identifier');
  const { rows } = await sql<{ table: string; name: string; def: string }>`
    SELECT t.relname AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS def
      FROM pg_constraint c
      JOIN pg_class t ON t.oid = c.conrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = current_schema() AND t.relname = ANY(${tables}::text[])
       AND c.contype = 'f' AND c.conparentid = 0
     ORDER BY t.relname, c.conname`.execute(tx);
  for (const r of rows)
    await sql`ALTER TABLE ${sql.id(r.table)} DROP CONSTRAINT ${sql.id(r.name)}`.execute(tx);
  return rows.map((r) => ({ kind: 'key', ...r }));
}

/**
 * Puts back what `dropIndexes` and `dropForeignKeys` took off, each under its name and definition,
 * skipping any that exists already (so a load interrupted after committing without them can be
 * finished by running this again). An index is built once over the whole table (GiST and GIN gain
 * most); a key is checked by one set-based query over it, and a dangling reference fails it and
 * the caller's transaction.
 */
export async function restoreDeferred(tx: DbOrTx, deferred: Deferred[]): Promise<void> {
  // the definitions come from the catalog, or from the note an interrupted load left: one
  // statement each, of its own kind, nothing else
  if (deferred.some((d) => !IDENT.test(d.table) || !IDENT.test(d.name) || d.def.includes(';')))
    throw new Error('restoreDeferred: bad identifier or definition');
  if (deferred.length === 0) return;
  await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(tx);
  for (const d of deferred) {
    if (d.kind === 'index') {
      const { rows } = await sql<{
        oid: string | null;
      }>`SELECT to_regclass(${d.name})::oid::text AS oid`.execute(tx);
      if (rows[0]?.oid) continue;
      if (!/^CREATE INDEX /.test(d.def)) throw new Error('restoreDeferred: not an index definition');
      await sql.raw(d.def).execute(tx);
    } else {
      const { rows } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM pg_constraint
         WHERE conrelid = to_regclass(${d.table}) AND conname = ${d.name}`.execute(tx);
      if (rows[0]!.n > 0) continue;
      if (!/^FOREIGN KEY /.test(d.def)) throw new Error('restoreDeferred: not a foreign key definition');
      await sql`ALTER TABLE ${sql.id(d.table)} ADD CONSTRAINT ${sql.id(d.name)} ${sql.raw(d.def)}`.execute(
        tx,
      );
    }
  }
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
  const deferred = await dropIndexes(tx, tables, keep);
  const out = await load();
  await restoreDeferred(tx, deferred);
  return out;
}

/**
 * Runs `load` with the foreign keys of `tables` (those the tables hold, not those pointing at them)
 * dropped, then adds them again under their names and definitions. Each is then checked once, by
 * one set-based query over the table (what `ALTER TABLE … ADD FOREIGN KEY` runs), instead of by a
 * trigger call and an index probe per inserted or updated row: a bulk load's rows cost a quarter to
 * a half of that (the demo's 600,000 case-history rows: 4× faster without their two keys). A
 * dangling reference fails the re-add, and with it the caller's transaction: nothing is kept
 * unchecked. On a partitioned table the key is the parent's; its partitions' copies go and come
 * with it. In the caller's transaction only (the tables are locked until it ends).
 */
export async function withForeignKeysDeferred<T>(
  tx: DbOrTx,
  tables: string[],
  load: () => Promise<T>,
): Promise<T> {
  const deferred = await dropForeignKeys(tx, tables);
  const out = await load();
  await restoreDeferred(tx, deferred);
  return out;
}

/**
 * Rewrites a table that this transaction filled so it holds only its rows' current versions, and
 * says whether it did. A row inserted and then updated in the same transaction leaves each earlier
 * version in the heap (a bulk-loaded page has no room for a HOT update), and CREATE INDEX indexes
 * those too (deleted by the current transaction, they count as "recently dead"): the demo's
 * households, updated twice after their COPY (unit, visit rhythm), gave their GiST build three
 * entries per household. A rewrite copies the visible versions only: `ALTER COLUMN <int column>
 * TYPE <its type> USING <column> + 0` (the same type and values; an expression forces the
 * rewrite). Such a rewrite is not MVCC-safe for rows other transactions can see, so it runs only
 * when every row of the table was written by this transaction (else it returns false, changing
 * nothing). The column must be a plain integer column in no index, constraint or view.
 */
export async function compactFreshTable(tx: DbOrTx, table: string, intColumn: string): Promise<boolean> {
  if (!IDENT.test(table) || !IDENT.test(intColumn)) throw new Error('compactFreshTable: bad identifier');
  const { rows } = await sql<{ type: string | null; foreign: boolean }>`
    SELECT (SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
             WHERE a.attrelid = to_regclass(${table}) AND a.attname = ${intColumn} AND NOT a.attisdropped) AS type,
           EXISTS (SELECT 1 FROM ${sql.raw(table)} WHERE NOT xmin = pg_current_xact_id()::xid) AS foreign`.execute(
    tx,
  );
  const row = rows[0];
  if (!row?.type || !['smallint', 'integer', 'bigint'].includes(row.type))
    throw new Error(`compactFreshTable: ${table}.${intColumn} is not an integer column`);
  if (row.foreign) return false;
  await sql
    .raw(`ALTER TABLE ${table} ALTER COLUMN ${intColumn} TYPE ${row.type} USING ${intColumn} + 0`)
    .execute(tx);
  return true;
}

const COPY_MIN_ROWS = 500;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
type Encode = (v: unknown) => string;

/** How COPY reads a column given with an expression, or null when only SQL can apply it. */
function encoderFor(c: BulkColumn, rows: unknown[][], i: number): Encode | null {
  if (!c.expr || c.expr === '$::ltree' || c.expr === '$::jsonb') return copyValue;
  if (c.expr === "string_to_array($, ',')") return (v) => copyCsvArray(v, false);
  if (c.expr === "string_to_array(coalesce($, ''), ',')") return (v) => copyCsvArray(v, true);
  if (c.expr === "$::date::timestamp AT TIME ZONE 'Asia/Shanghai'") {
    // midnight of the date in Shanghai, as timestamptz input reads a full zone name
    const ok = rows.every(
      (r) => r[i] === null || r[i] === undefined || (typeof r[i] === 'string' && DATE.test(r[i])),
    );
    return ok
      ? (v) => (v === null || v === undefined ? '\\N' : `${v as string} 00:00:00 Asia/Shanghai`)
      : null;
  }
  return null;
}

async function* copyLines(rows: unknown[][], encoders: Encode[]): AsyncGenerator<string> {
  // chunks of a few hundred rows: big enough to amortise the stream, small enough to interleave
  for (let start = 0; start < rows.length; start += 500) {
    let out = '';
    const end = Math.min(rows.length, start + 500);
    for (let r = start; r < end; r++) {
      const row = rows[r]!;
      for (let i = 0; i < encoders.length; i++) out += (i ? '\t' : '') + encoders[i]!(row[i]);
      out += '\n';
    }
    yield out;
  }
}

let temps = 0;
async function copyInsert(
  tx: DbOrTx,
  table: string,
  columns: BulkColumn[],
  rows: unknown[][],
  opts: { overridingSystemValue?: boolean },
  chunk: number,
): Promise<void> {
  const names = columns.map((c) => c.name).join(', ');
  const direct = columns.map((c, i) => encoderFor(c, rows, i));
  const viaTemp = direct.some((e) => e === null);
  let target = `${table} (${names})`;
  let temp = '';
  if (viaTemp) {
    temp = `bulk_copy_${++temps}`;
    const defs = columns.map((c, i) => `c${i} ${c.type}`).join(', ');
    await sql.raw(`CREATE TEMP TABLE ${temp} (${defs}) ON COMMIT DROP`).execute(tx);
    target = `${temp} (${columns.map((_, i) => `c${i}`).join(', ')})`;
  }
  const encoders = viaTemp ? columns.map(() => copyValue) : (direct as Encode[]);
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const source = copySource(() => copyLines(part, encoders));
    try {
      await sql.raw(`COPY ${target} FROM STDIN ${source.mark}`).execute(tx);
    } finally {
      source.drop();
    }
    if (viaTemp) {
      const selects = columns
        .map((c, i) => (c.expr ? c.expr.replaceAll('$', `u.c${i}`) : `u.c${i}`))
        .join(', ');
      const overriding = opts.overridingSystemValue ? ' OVERRIDING SYSTEM VALUE' : '';
      await sql
        .raw(`INSERT INTO ${table} (${names})${overriding} SELECT ${selects} FROM ${temp} AS u`)
        .execute(tx);
      await sql.raw(`TRUNCATE ${temp}`).execute(tx);
    }
  }
  if (viaTemp) await sql.raw(`DROP TABLE ${temp}`).execute(tx);
}
