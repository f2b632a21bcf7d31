import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/helpers.js';
import {
  bulkInsert,
  compactFreshTable,
  copyIn,
  copyOut,
  dropIndexes,
  reserveIds,
  restoreDeferred,
  withForeignKeysDeferred,
  type BulkColumn,
} from './bulk.js';
import type { Db } from './database.js';

// The COPY path (in a transaction, ≥ 500 rows) must write exactly what the unnest statement writes.
let t: { db: Db; drop(): Promise<void> };
const table = (name: string) =>
  sql.raw(`CREATE TABLE ${name} (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, ord int, label text, secret bytea, born date,
    since timestamptz, at timestamptz, tags text[], posts text[], path ltree, flag boolean, big bigint, doc jsonb, shout text)`);
beforeAll(async () => {
  t = await createTestDb();
  await table('bulk_a').execute(t.db);
  await table('bulk_b').execute(t.db);
});
afterAll(() => t.drop());

const COLUMNS: BulkColumn[] = [
  { name: 'id', type: 'bigint' },
  { name: 'ord', type: 'int' },
  { name: 'label', type: 'text' },
  { name: 'secret', type: 'bytea' },
  { name: 'born', type: 'date' },
  { name: 'since', type: 'text', expr: "$::date::timestamp AT TIME ZONE 'Asia/Shanghai'" },
  { name: 'tags', type: 'text', expr: "string_to_array(coalesce($, ''), ',')" },
  { name: 'posts', type: 'text', expr: "string_to_array($, ',')" },
  { name: 'path', type: 'text', expr: '$::ltree' },
  { name: 'at', type: 'timestamptz' },
  { name: 'flag', type: 'boolean' },
  { name: 'big', type: 'bigint' },
  { name: 'doc', type: 'text', expr: '$::jsonb' },
];
const LABELS = ['张三', 'tab\there', 'line\nbreak\r\n', 'back\\slash \\N', '"quoted", {braced}', '', null];
const rows = Array.from({ length: 1200 }, (_, i) => [
  i + 1,
  i,
  LABELS[i % LABELS.length],
  i % 5 === 0 ? null : Buffer.from([i % 256, 0, 92, 10, 9, 255]),
  // a Date object where the driver would send local time with its offset (late evening: the day matters)
  i % 3 === 0
    ? null
    : i % 3 === 1
      ? `2025-0${(i % 9) + 1}-1${i % 10}`
      : new Date(Date.UTC(2025, i % 12, 10, 16 + (i % 8))),
  i % 4 === 0 ? null : `2026-01-0${(i % 9) + 1}`,
  [null, '', 'elderly-80', 'elderly-80,disabled', 'a"b,c\\d'][i % 5],
  [null, '', 'secretary', 'secretary,,member'][i % 4],
  i % 6 === 0 ? null : `c211221.t${i % 7}.v${i}`,
  i % 5 === 0 ? null : new Date(Date.UTC(2026, 0, 1) + i * 3_600_123),
  i % 3 === 0 ? null : i % 2 === 0,
  i % 7 === 0 ? null : 2 ** 40 + i,
  i % 2 ? null : JSON.stringify({ i, s: 'x\ty"\\' }),
]);
const SAME = `(SELECT * FROM bulk_a EXCEPT SELECT * FROM bulk_b) UNION ALL (SELECT * FROM bulk_b EXCEPT SELECT * FROM bulk_a)`;

describe('bulkInsert', () => {
  it('writes the same rows by COPY (in a transaction) as by unnest, through direct and temporary-table COPY', async () => {
    await bulkInsert(t.db, 'bulk_a', COLUMNS, rows, { overridingSystemValue: true, chunk: 700 });
    await t.db.transaction().execute((tx) => bulkInsert(tx, 'bulk_b', COLUMNS, rows, { chunk: 700 }));
    expect((await sql.raw(`SELECT count(*)::int AS n FROM bulk_b`).execute(t.db)).rows).toEqual([
      { n: 1200 },
    ]);
    expect((await sql.raw(SAME).execute(t.db)).rows).toEqual([]);
    // an expression COPY cannot read goes through a temporary table, the same `u.cN` names
    const shout: BulkColumn = { name: 'shout', type: 'text', expr: "upper($) || '!' || u.c1" };
    const more = rows.map((r, i) => [r[0] as number, i, r[2], r[2]]);
    const cols = [COLUMNS[0]!, COLUMNS[1]!, COLUMNS[2]!, shout];
    await sql`TRUNCATE bulk_a, bulk_b`.execute(t.db);
    await bulkInsert(t.db, 'bulk_a', cols, more, { overridingSystemValue: true, chunk: 500 });
    await t.db
      .transaction()
      .execute((tx) => bulkInsert(tx, 'bulk_b', cols, more, { overridingSystemValue: true, chunk: 500 }));
    expect(
      (await sql.raw(`SELECT count(*)::int AS n FROM bulk_b WHERE shout LIKE '%!%'`).execute(t.db)).rows,
    ).toEqual([{ n: 1200 - 171 }]);
    expect((await sql.raw(SAME).execute(t.db)).rows).toEqual([]);
  });

  it('changes nothing when a row is refused (the COPY fails inside the transaction)', async () => {
    await sql`TRUNCATE bulk_b`.execute(t.db);
    const bad = rows.map((r) => [...r]);
    bad[900]![8] = 'not a valid ltree!';
    await expect(
      t.db.transaction().execute((tx) => bulkInsert(tx, 'bulk_b', COLUMNS, bad, { chunk: 500 })),
    ).rejects.toThrow(/ltree|syntax/i);
    expect((await sql.raw(`SELECT count(*)::int AS n FROM bulk_b`).execute(t.db)).rows).toEqual([{ n: 0 }]);
    // the pool's connections still work after the failed COPY
    expect((await sql.raw(`SELECT 1 AS one`).execute(t.db)).rows).toEqual([{ one: 1 }]);
  });
});

describe('compactFreshTable', () => {
  // a table filled and then updated twice in one transaction, as the demo's households are
  const fill = async (tx: Db) => {
    await sql`CREATE TABLE IF NOT EXISTS bulk_c (id bigint PRIMARY KEY, version int NOT NULL DEFAULT 1, path ltree, label text)`.execute(
      tx,
    );
    const cols: BulkColumn[] = [
      { name: 'id', type: 'bigint' },
      { name: 'path', type: 'text', expr: '$::ltree' },
      { name: 'label', type: 'text' },
    ];
    await bulkInsert(
      tx,
      'bulk_c',
      cols,
      Array.from({ length: 3000 }, (_, i) => [i, `c211221.t${i % 7}.v${i % 50}`, `网格${i}`]),
    );
    await sql`UPDATE bulk_c SET label = label || '-a', version = version + 1`.execute(tx);
    await sql`UPDATE bulk_c SET label = label || '-b'`.execute(tx);
  };
  const indexed = async (tx: Db) => {
    await sql`CREATE INDEX bulk_c_path ON bulk_c USING gist (path)`.execute(tx);
    return (await sql<{ n: number }>`SELECT pg_relation_size('bulk_c_path')::int AS n`.execute(tx)).rows[0]!
      .n;
  };

  it('keeps only the current versions of rows this transaction wrote, so an index built after holds no others', async () => {
    // without it: the index holds every version (rolled back)
    let before = 0;
    await expect(
      t.db.transaction().execute(async (tx) => {
        await fill(tx);
        before = await indexed(tx);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    let after = 0;
    await t.db.transaction().execute(async (tx) => {
      await fill(tx);
      const node = async () =>
        (await sql<{ f: string }>`SELECT pg_relation_filenode('bulk_c')::text AS f`.execute(tx)).rows[0]!.f;
      const was = await node();
      expect(await compactFreshTable(tx, 'bulk_c', 'version')).toBe(true);
      expect(await node()).not.toBe(was); // rewritten
      after = await indexed(tx);
    });
    expect(after).toBeLessThan(before * 0.6);
    // the same rows and values, the column's type and default unchanged, the index answers
    const rows = await sql<{ n: number; v: number; l: number }>`
      SELECT count(*)::int AS n, min(version) AS v, count(*) FILTER (WHERE label LIKE '网格%-a-b')::int AS l FROM bulk_c`.execute(
      t.db,
    );
    expect(rows.rows).toEqual([{ n: 3000, v: 2, l: 3000 }]);
    const column = await sql<{ type: string; def: string }>`
      SELECT format_type(a.atttypid, a.atttypmod) AS type, pg_get_expr(d.adbin, d.adrelid) AS def
        FROM pg_attribute a JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       WHERE a.attrelid = 'bulk_c'::regclass AND a.attname = 'version'`.execute(t.db);
    expect(column.rows).toEqual([{ type: 'integer', def: '1' }]);
    const viaIndex = await t.db.transaction().execute(async (tx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(tx);
      return (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM bulk_c WHERE path <@ 'c211221.t3'`.execute(tx)
      ).rows[0]!.n;
    });
    expect(viaIndex).toBe(Array.from({ length: 3000 }, (_, i) => i).filter((i) => i % 7 === 3).length);
  });

  it('leaves a table holding rows of other transactions as it is, and refuses a column that is not an integer', async () => {
    // bulk_c now holds committed rows: a rewrite would hide them from older snapshots
    await t.db.transaction().execute(async (tx) => {
      const node = async () =>
        (await sql<{ f: string }>`SELECT pg_relation_filenode('bulk_c')::text AS f`.execute(tx)).rows[0]!.f;
      const was = await node();
      await sql`UPDATE bulk_c SET label = label || '-c' WHERE id < 10`.execute(tx);
      expect(await compactFreshTable(tx, 'bulk_c', 'version')).toBe(false);
      expect(await node()).toBe(was);
    });
    await expect(
      t.db.transaction().execute((tx) => compactFreshTable(tx, 'bulk_c', 'label')),
    ).rejects.toThrow(/not an integer/);
    await expect(
      t.db.transaction().execute((tx) => compactFreshTable(tx, 'bulk_c; --', 'version')),
    ).rejects.toThrow(/bad identifier/);
  });
});

describe('withForeignKeysDeferred', () => {
  const keys = async () =>
    (
      await sql<{ tbl: string; name: string; def: string }>`
        SELECT t.relname AS tbl, c.conname AS name, pg_get_constraintdef(c.oid) AS def
          FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
         WHERE c.contype = 'f' AND t.relname LIKE 'fk\\_%' ORDER BY 1, 2`.execute(t.db)
    ).rows;
  beforeAll(async () => {
    await sql`CREATE TABLE fk_parent (k text, id bigint, PRIMARY KEY (k, id))`.execute(t.db);
    await sql`CREATE TABLE fk_child (k text NOT NULL, id bigint PRIMARY KEY, parent_id bigint,
      self_id bigint REFERENCES fk_child(id),
      FOREIGN KEY (k, parent_id) REFERENCES fk_parent(k, id) ON DELETE CASCADE DEFERRABLE)`.execute(t.db);
    await sql`CREATE TABLE fk_part (k text NOT NULL, at date NOT NULL, parent_id bigint NOT NULL,
      CONSTRAINT fk_part_parent FOREIGN KEY (k, parent_id) REFERENCES fk_parent(k, id))
      PARTITION BY RANGE (at)`.execute(t.db);
    await sql`CREATE TABLE fk_part_2026 PARTITION OF fk_part FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')`.execute(
      t.db,
    );
    await sql`INSERT INTO fk_parent SELECT 'a', g FROM generate_series(1, 100) g`.execute(t.db);
  });

  it('drops the tables’ own keys for the load and adds them again as they were, partitions included', async () => {
    const before = await keys();
    expect(before.map((k) => k.tbl)).toEqual(['fk_child', 'fk_child', 'fk_part', 'fk_part_2026']);
    const inside = await t.db.transaction().execute((tx) =>
      withForeignKeysDeferred(tx, ['fk_child', 'fk_part'], async () => {
        await sql`INSERT INTO fk_child SELECT 'a', g, g, CASE WHEN g > 1 THEN g - 1 END FROM generate_series(1, 100) g`.execute(
          tx,
        );
        await sql`INSERT INTO fk_part SELECT 'a', date '2026-03-01', g FROM generate_series(1, 99) g`.execute(
          tx,
        );
        return (
          await sql<{
            n: string;
          }>`SELECT string_agg(t.relname || '.' || c.conname, ',') AS n FROM pg_constraint c
          JOIN pg_class t ON t.oid = c.conrelid WHERE c.contype = 'f' AND t.relname LIKE 'fk\\_%'`.execute(tx)
        ).rows[0]!.n;
      }),
    );
    expect(inside).toBeNull();
    expect(await keys()).toEqual(before);
    // the keys work again: a dangling row is refused, a cascade still cascades
    await expect(sql`INSERT INTO fk_part VALUES ('a', date '2026-05-01', 999)`.execute(t.db)).rejects.toThrow(
      /foreign key/,
    );
    await sql`DELETE FROM fk_parent WHERE id = 100`.execute(t.db);
    const left = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM fk_child WHERE parent_id = 100`.execute(t.db);
    expect(left.rows[0]!.n).toBe(0);
  });

  it('fails the transaction when the load left a dangling reference, and keeps nothing of it', async () => {
    const before = await keys();
    await sql`DELETE FROM fk_part`.execute(t.db);
    const run = t.db.transaction().execute((tx) =>
      withForeignKeysDeferred(tx, ['fk_part'], async () => {
        await sql`INSERT INTO fk_part SELECT 'a', date '2026-03-01', g FROM generate_series(1, 200) g`.execute(
          tx,
        );
      }),
    );
    await expect(run).rejects.toThrow(/violates foreign key constraint "fk_part_parent"/);
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM fk_part`.execute(t.db);
    expect(rows.rows[0]!.n).toBe(0);
    expect(await keys()).toEqual(before);
    await expect(withForeignKeysDeferred(t.db, ['fk_part; DROP TABLE x'], async () => 1)).rejects.toThrow(
      /bad identifier/,
    );
  });
});

describe('copyOut and copyIn', () => {
  it('carries rows from one connection’s query into another transaction’s table unchanged', async () => {
    await sql`CREATE TABLE copy_src (a text, b bytea, c double precision, d date, e text[])`.execute(t.db);
    await sql`CREATE TABLE copy_dst (a text, b bytea, c double precision, d date, e text[])`.execute(t.db);
    await sql`INSERT INTO copy_src SELECT
        CASE g % 4 WHEN 0 THEN 'tab\there' WHEN 1 THEN E'line\\nbreak \\\\N' WHEN 2 THEN '张三' END,
        CASE WHEN g % 3 = 0 THEN NULL ELSE decode(lpad(to_hex(g), 8, '0') || '005c0a09', 'hex') END,
        g / 7.0 + 1e-13, date '2026-01-01' + g, ARRAY['x,y', NULL, 'z"' || g]
      FROM generate_series(1, 30000) g`.execute(t.db);
    const chunks = await t.db
      .transaction()
      .execute((tx) => copyOut(tx, 'SELECT a, b, c, d, e FROM copy_src ORDER BY d'));
    expect(chunks.length).toBeGreaterThan(1);
    await t.db.transaction().execute((tx) => copyIn(tx, 'copy_dst', ['a', 'b', 'c', 'd', 'e'], chunks));
    const diff = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (
        (SELECT * FROM copy_src EXCEPT ALL SELECT * FROM copy_dst) UNION ALL
        (SELECT * FROM copy_dst EXCEPT ALL SELECT * FROM copy_src)) x`.execute(t.db);
    expect(diff.rows[0]!.n).toBe(0);
    const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM copy_dst`.execute(t.db);
    expect(n.rows[0]!.n).toBe(30000);
  });

  it('fails a query that fails, and a refused row leaves nothing; the pool stays usable', async () => {
    await expect(t.db.transaction().execute((tx) => copyOut(tx, 'SELECT 1 / 0'))).rejects.toThrow(
      /division by zero/,
    );
    const bad = [
      Buffer.from('ok\t\\N\t1\t2026-01-01\t{}\n'),
      Buffer.from('bad\t\\N\tnot-a-number\t2026-01-01\t{}\n'),
    ];
    await expect(
      t.db.transaction().execute((tx) => copyIn(tx, 'copy_dst', ['a', 'b', 'c', 'd', 'e'], bad)),
    ).rejects.toThrow(/invalid input syntax/);
    const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM copy_dst WHERE a = 'ok'`.execute(t.db);
    expect(n.rows[0]!.n).toBe(0);
    expect((await sql<{ one: number }>`SELECT 1 AS one`.execute(t.db)).rows[0]!.one).toBe(1);
    await expect(copyIn(t.db, 'copy_dst; DROP TABLE x', ['a'], [])).rejects.toThrow(/bad identifier/);
  });
});

describe('reserveIds', () => {
  it('reserves a block in a transaction when asked, one id at a time otherwise, never an id twice', async () => {
    await sql`CREATE TABLE bulk_ids (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v int)`.execute(
      t.db,
    );
    const outside = await reserveIds(t.db, 'bulk_ids', 3);
    // two transactions at once: the second waits for the first's lock, then gets the next block
    const [a, b] = await Promise.all([
      t.db.transaction().execute((tx) => reserveIds(tx, 'bulk_ids', 1000, { block: true })),
      t.db.transaction().execute((tx) => reserveIds(tx, 'bulk_ids', 500, { block: true })),
    ]);
    const all = [...outside, ...a, ...b];
    expect(new Set(all).size).toBe(1503);
    expect(a.at(-1)! - a[0]!).toBe(999); // one block, in order
    // the next row the table numbers itself comes after every reserved id
    const next = await sql<{ id: string }>`INSERT INTO bulk_ids (v) VALUES (1) RETURNING id`.execute(t.db);
    expect(Number(next.rows[0]!.id)).toBeGreaterThan(Math.max(...all));
    // a sequence with a cache (other sessions may hold values ahead) is drawn one id at a time
    await sql`ALTER TABLE bulk_ids ALTER COLUMN id SET CACHE 20`.execute(t.db);
    const cached = await t.db.transaction().execute((tx) => reserveIds(tx, 'bulk_ids', 50, { block: true }));
    expect(cached.every((id) => id > Number(next.rows[0]!.id))).toBe(true);
    expect(new Set(cached).size).toBe(50);
  });
});

describe('restoreDeferred', () => {
  it('puts back what was dropped, skips what exists, and runs nothing but its own kind of statement', async () => {
    await sql`CREATE TABLE bulk_r (id int PRIMARY KEY, v int, w text)`.execute(t.db);
    await sql`CREATE INDEX bulk_r_v ON bulk_r (v)`.execute(t.db);
    await sql`CREATE INDEX bulk_r_w ON bulk_r (w)`.execute(t.db);
    const dropped = await t.db.transaction().execute((tx) => dropIndexes(tx, ['bulk_r']));
    expect(dropped.map((d) => d.name)).toEqual(['bulk_r_v', 'bulk_r_w']);
    await sql`CREATE INDEX bulk_r_v ON bulk_r (v)`.execute(t.db); // one back already (a resumed load)
    await t.db.transaction().execute((tx) => restoreDeferred(tx, dropped));
    const names = await sql<{
      n: string;
    }>`SELECT indexname AS n FROM pg_indexes WHERE tablename = 'bulk_r' ORDER BY 1`.execute(t.db);
    expect(names.rows.map((r) => r.n)).toEqual(['bulk_r_pkey', 'bulk_r_v', 'bulk_r_w']);
    // a note tampered with: another statement behind the definition, or another kind of statement
    await sql`DROP INDEX bulk_r_w`.execute(t.db);
    const w = dropped.find((d) => d.name === 'bulk_r_w')!;
    for (const def of [
      `${w.def}; DROP TABLE bulk_r`,
      'DROP TABLE bulk_r',
      `FOREIGN KEY (v) REFERENCES bulk_r (id)`,
    ])
      await expect(t.db.transaction().execute((tx) => restoreDeferred(tx, [{ ...w, def }]))).rejects.toThrow(
        /restoreDeferred/,
      );
    expect((await sql`SELECT 1 FROM bulk_r`.execute(t.db)).rows).toEqual([]);
  });
});
