import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/helpers.js';
import type { Db } from './database.js';
import {
  addMonths,
  archivePartitions,
  listPartitions,
  maintainPartitions,
  monthOf,
  parseMonth,
  PartitionError,
} from './partitions.js';

let db: Db;
let url: string;
let drop: () => Promise<void>;
const NOW = new Date();

beforeAll(async () => {
  ({ db, url, drop } = await createTestDb());
});
afterAll(async () => drop());

const count = async (relation: string) =>
  Number(
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(relation)}`.execute(db)).rows[0]!.n,
  );
const partitionOf = async (table: string, id: number) =>
  (
    await sql<{
      p: string;
    }>`SELECT tableoid::regclass::text AS p FROM ${sql.table(table)} WHERE id = ${id}`.execute(db)
  ).rows[0]?.p;

describe('months', () => {
  it('parses YYYY-MM strictly and names months in China Standard Time', () => {
    expect(parseMonth('2025-01')).toBe('2025-01');
    for (const bad of [
      '2025-1',
      '2025-13',
      '２０２５-01',
      '2025-01\u0000',
      '1999-12',
      "2025-01'; DROP TABLE x",
      '',
    ])
      expect(() => parseMonth(bad)).toThrow(PartitionError);
    expect(monthOf(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12'); // 00:30 on 1 Dec in Beijing
    expect(addMonths('2026-11', 3)).toBe('2027-02-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12-01');
  });
});

describe('partitioned tables (migration 0195)', () => {
  it('routes new rows to their month, keeps the ids going and the history triggers firing', async () => {
    const before = await count('case_rollup_pending');
    const c = await db
      .selectFrom('cases')
      .select(['county_code', 'id', 'state', 'tier'])
      .limit(1)
      .executeTakeFirstOrThrow();
    const maxId = (
      await db
        .selectFrom('case_history')
        .select((e) => e.fn.max('id').as('m'))
        .executeTakeFirstOrThrow()
    ).m;
    const row = await db
      .insertInto('case_history')
      .values({
        county_code: c.county_code,
        case_id: c.id,
        at: NOW,
        action: 'comment',
        to_state: c.state,
        tier: c.tier,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(row.id).toBeGreaterThan(Number(maxId));
    expect(await partitionOf('case_history', row.id)).toBe(`case_history_p${monthOf(NOW).replace('-', '')}`);
    expect(await count('case_rollup_pending')).toBe(before + 1); // the rollup's statement trigger
    const audit = await db
      .insertInto('audit_log')
      .values({ action: 'test', entity_type: 'partition' })
      .returning('id')
      .executeTakeFirstOrThrow();
    // the audit log stays append-only on the partitioned table and on each partition
    await expect(sql`UPDATE audit_log SET action = 'x' WHERE id = ${audit.id}`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    const part = (await partitionOf('audit_log', audit.id))!;
    await expect(sql`DELETE FROM ${sql.table(part)}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE ${sql.table(part)}`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('maintenance creates the months ahead and carves stray months out of the default partition', async () => {
    // the demo load makes its year's months; put two of them back into the default partition, as
    // history loaded before its months existed would be
    for (const back of [5, 6]) {
      const part = `case_history_p${addMonths(monthOf(NOW), -back).slice(0, 7).replace('-', '')}`;
      await sql`ALTER TABLE case_history DETACH PARTITION ${sql.table(part)}`.execute(db);
      await sql`INSERT INTO case_history OVERRIDING SYSTEM VALUE SELECT * FROM ${sql.table(part)}`.execute(
        db,
      );
      await sql`DROP TABLE ${sql.table(part)}`.execute(db);
    }
    const total = await count('case_history');
    const stray = await count('case_history_default');
    expect(stray).toBeGreaterThan(0);
    const pending = await count('case_rollup_pending');
    const ahead = `case_history_p${addMonths(monthOf(NOW), 3).slice(0, 7).replace('-', '')}`;
    await sql`DROP TABLE ${sql.table(ahead)}`.execute(db); // as if the server had been down a while

    const r = await maintainPartitions(db, NOW);
    expect(r.locked).toBe(true);
    expect(r.created).toContain(ahead);
    expect(await count('case_history_default')).toBe(0);
    expect(await count('case_history')).toBe(total);
    expect(await count('case_rollup_pending')).toBe(pending); // old rows are not noted again
    expect((await maintainPartitions(db, NOW)).created).toEqual([]);
  });

  it('maintenance runs once across instances (advisory lock)', async () => {
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock($1)', [0x70617274]);
      expect(await maintainPartitions(db, NOW)).toEqual({ locked: false, created: [] });
      await other.query('ROLLBACK');
    } finally {
      await other.end();
    }
  });
});

describe('archive', () => {
  it('refuses a bad, current or future month and changes nothing', async () => {
    const before = await listPartitions(db);
    await expect(archivePartitions(db, '2026-1', NOW)).rejects.toMatchObject({
      code: 'PARTITION_MONTH_INVALID',
    });
    await expect(archivePartitions(db, addMonths(monthOf(NOW), 1).slice(0, 7), NOW)).rejects.toMatchObject({
      code: 'PARTITION_MONTH_NOT_PAST',
    });
    expect(await listPartitions(db)).toEqual(before);
  });

  it('detaches old months into the archive schema, where they stay queryable; months in use stay', async () => {
    const total = await count('case_history');
    const auditTotal = await count('audit_log');
    const cutoff = addMonths(monthOf(NOW), -1).slice(0, 7);
    // an open case with history in an old month keeps that month live
    const old = new Date(`${addMonths(monthOf(NOW), -6).slice(0, 7)}-15T04:00:00Z`);
    const open = await db
      .selectFrom('cases')
      .select(['county_code', 'id', 'state', 'tier'])
      .where('closed_at', 'is', null)
      .limit(1)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('case_history')
      .values({
        county_code: open.county_code,
        case_id: open.id,
        at: old,
        action: 'comment',
        to_state: open.state,
        tier: open.tier,
      })
      .execute();
    await sql`SELECT fold_case_rollup(1000000)`.execute(db);
    await db.insertInto('audit_log').values({ action: 'test', entity_type: 'partition', at: old }).execute();
    await maintainPartitions(db, NOW); // the audit row of an old month was in the default partition

    const r = await archivePartitions(db, cutoff, NOW);
    const oldMonth = `case_history_p${monthOf(old).replace('-', '')}`;
    expect(r.refused).toContainEqual(
      expect.objectContaining({ partition: oldMonth, code: 'PARTITION_OPEN_CASES' }),
    );
    expect(r.archived.length).toBeGreaterThan(0);
    expect(r.archived).toContain(`archive.audit_log_p${monthOf(old).replace('-', '')}`);
    const live = await count('case_history');
    const archived = (await listPartitions(db)).filter(
      (p) => p.schema === 'archive' && p.table === 'case_history',
    );
    let inArchive = 0;
    for (const p of archived) inArchive += await count(`archive.${p.partition}`);
    expect(inArchive).toBeGreaterThan(0);
    expect(live + inArchive).toBe(total + 1); // nothing deleted
    // the archived audit stays append-only
    const auditPart = `archive.audit_log_p${monthOf(old).replace('-', '')}`;
    await expect(sql`DELETE FROM ${sql.table(auditPart)}`.execute(db)).rejects.toThrow(/append-only/);
    expect((await count('audit_log')) + (await count(auditPart))).toBeGreaterThanOrEqual(auditTotal);
    // archived months are not created again by the maintenance, and a second archive does nothing new
    expect((await maintainPartitions(db, NOW)).created).toEqual([]);
    expect((await archivePartitions(db, cutoff, NOW)).archived).toEqual([]);
  });
});
