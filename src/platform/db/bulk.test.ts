import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/helpers.js';
import { bulkInsert, type BulkColumn } from './bulk.js';
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
