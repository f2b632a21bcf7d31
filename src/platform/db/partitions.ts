import { sql } from 'kysely';
import type { Db, DbOrTx } from './database.js';

/**
 * Monthly partitions of the tables that grow without bound (docs/adr/0008-partitioning.md,
 * migration 0195). Months are calendar months in China Standard Time; each table also has a
 * DEFAULT partition for rows outside the monthly ones. Old months are archived, never
 * deleted: detached into the `archive` schema, where they stay queryable.
 */
export const PARTITIONED = [
  { table: 'case_history', key: 'at', appendOnly: false },
  { table: 'audit_log', key: 'at', appendOnly: true },
  { table: 'notification', key: 'created_at', appendOnly: false },
  { table: 'outbox', key: 'created_at', appendOnly: false },
] as const;

export type PartitionedTable = (typeof PARTITIONED)[number]['table'];

/** How many months ahead of the current one the maintenance keeps ready. */
export const MONTHS_AHEAD = 3;
const PARTITION_LOCK = 0x70617274; // "part"
const ZONE = 'Asia/Shanghai';

/** A refusal of the partitions command: a stable code, a Chinese and an English message. */
export class PartitionError extends Error {
  constructor(
    readonly code: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${code}: ${zh} / ${en}`);
  }
}

/** 'YYYY-MM' of `d` in China Standard Time. */
export function monthOf(d: Date): string {
  const local = new Date(d.getTime() + 8 * 3600_000); // CST has no daylight saving
  return local.toISOString().slice(0, 7);
}

/** The first day ('YYYY-MM-01') of the month `n` months after 'YYYY-MM'. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const k = y * 12 + (m - 1) + n;
  return `${String(Math.floor(k / 12)).padStart(4, '0')}-${String((k % 12) + 1).padStart(2, '0')}-01`;
}

/** Parses `--before YYYY-MM` strictly (ASCII digits, a real month). */
export function parseMonth(text: string): string {
  if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(text) || text < '2000-01')
    throw new PartitionError(
      'PARTITION_MONTH_INVALID',
      '月份须为 YYYY-MM 格式（如 2025-01）',
      'The month must be YYYY-MM (e.g. 2025-01)',
    );
  return text;
}

/**
 * Creates the monthly partitions of `table` for the months from `from` to `to` (both included) that
 * do not exist yet, and returns their names: a bulk load of past rows (the demo's year of case
 * history) then goes into its months, not into the default partition (which the maintenance would
 * carve up after the start, moving every row). In a transaction of its own, under the maintenance's
 * lock (waited for: the load needs its months); nothing when the table is not partitioned (a schema
 * before migration 0195).
 */
export async function createMonthPartitions(
  db: Db,
  table: PartitionedTable,
  from: Date,
  to: Date,
): Promise<string[]> {
  const key = PARTITIONED.find((p) => p.table === table)!.key;
  return db.transaction().execute(async (tx) => {
    const { rows: parted } = await sql<{ ok: boolean }>`
      SELECT EXISTS (SELECT 1 FROM pg_partitioned_table WHERE partrelid = to_regclass(${table})) AS ok`.execute(
      tx,
    );
    if (!parted[0]?.ok) return [];
    await sql`SELECT pg_advisory_xact_lock(${PARTITION_LOCK})`.execute(tx);
    const made: string[] = [];
    const last = addMonths(monthOf(to), 0);
    for (let month = addMonths(monthOf(from), 0); month <= last; month = addMonths(month, 1)) {
      const { rows } = await sql<{ made: boolean }>`
        SELECT partition_create_month(${table}, ${key}, ${month}::date) AS made`.execute(tx);
      if (rows[0]?.made) made.push(`${table}_p${month.slice(0, 4)}${month.slice(5, 7)}`);
    }
    return made;
  });
}

export type MaintenanceReport = { locked: boolean; created: string[] };

/**
 * Creates this month's and the next MONTHS_AHEAD months' partitions of every table, and carves
 * the months found in a default partition out into their own partitions (moving their rows).
 * Once across instances (advisory lock); a short lock timeout, so it never queues writers
 * behind a long transaction (it retries at its next run).
 */
export async function maintainPartitions(db: Db, now: Date): Promise<MaintenanceReport> {
  return db.transaction().execute(async (tx) => {
    const { rows } = await sql<{
      ok: boolean;
    }>`SELECT pg_try_advisory_xact_lock(${PARTITION_LOCK}) AS ok`.execute(tx);
    if (!rows[0]?.ok) return { locked: false, created: [] };
    await sql`SET LOCAL lock_timeout = '5s'`.execute(tx);
    const created: string[] = [];
    const current = monthOf(now);
    for (const { table, key } of PARTITIONED) {
      const months = new Set<string>();
      for (let i = 0; i <= MONTHS_AHEAD; i++) months.add(addMonths(current, i));
      const stray = await sql<{ month: string }>`
        SELECT DISTINCT to_char(date_trunc('month', ${sql.ref(key)} AT TIME ZONE ${ZONE}), 'YYYY-MM-DD') AS month
          FROM ${sql.table(`${table}_default`)}`.execute(tx);
      for (const r of stray.rows) months.add(r.month);
      for (const month of [...months].sort()) {
        const made = await sql<{
          made: boolean;
        }>`SELECT partition_create_month(${table}, ${key}, ${month}::date) AS made`.execute(tx);
        if (made.rows[0]?.made) created.push(`${table}_p${month.slice(0, 4)}${month.slice(5, 7)}`);
      }
    }
    return { locked: true, created };
  });
}

export type PartitionInfo = {
  table: string;
  partition: string;
  schema: 'public' | 'archive';
  /** 'YYYY-MM', or null for the default partition */
  month: string | null;
  rows: number;
  bytes: number;
};

/** Every partition of the partitioned tables, live (public) and archived, with estimated rows. */
export async function listPartitions(db: DbOrTx): Promise<PartitionInfo[]> {
  const names = PARTITIONED.map((p) => p.table);
  const { rows } = await sql<{
    partition: string;
    schema: 'public' | 'archive';
    rows: number;
    bytes: number;
  }>`
    SELECT c.relname AS partition, n.nspname AS schema,
           greatest(c.reltuples, 0)::bigint AS rows, pg_total_relation_size(c.oid) AS bytes
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'r'
       AND ((n.nspname = 'public' AND c.relispartition AND EXISTS (
               SELECT 1 FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
                WHERE i.inhrelid = c.oid AND p.relname = ANY(${names}::text[])))
         OR n.nspname = 'archive')
     ORDER BY c.relname`.execute(db);
  const out: PartitionInfo[] = [];
  for (const r of rows) {
    const m = /^(.+)_(?:p(\d{4})(\d{2})|default)$/.exec(r.partition);
    if (!m || !names.includes(m[1] as PartitionedTable)) continue;
    out.push({
      table: m[1]!,
      partition: r.partition,
      schema: r.schema,
      month: m[2] ? `${m[2]}-${m[3]}` : null,
      rows: Number(r.rows),
      bytes: Number(r.bytes),
    });
  }
  return out;
}

export type ArchiveReport = {
  archived: string[];
  refused: { partition: string; code: string; reason: string }[];
};

/**
 * Archives every live month partition older than `before` ('YYYY-MM'): detached (CONCURRENTLY
 * where PostgreSQL allows it, i.e. when the table has no default partition; else a plain
 * DETACH under a short lock timeout) and moved into the `archive` schema, where it stays
 * queryable. Refuses months still in use: history of cases not closed or not yet folded into
 * the indicator rollup, outbox messages not delivered. The current month is never archived.
 */
export async function archivePartitions(db: Db, before: string, now: Date): Promise<ArchiveReport> {
  parseMonth(before);
  if (before > monthOf(now))
    throw new PartitionError(
      'PARTITION_MONTH_NOT_PAST',
      '只能归档本月之前的分区',
      'Only partitions of months before the current one can be archived',
    );
  const report: ArchiveReport = { archived: [], refused: [] };
  const live = (await listPartitions(db)).filter((p) => p.schema === 'public' && p.month && p.month < before);
  for (const p of live) {
    const spec = PARTITIONED.find((t) => t.table === p.table)!;
    const busy = await inUse(db, p.table as PartitionedTable, p.partition);
    if (busy) {
      report.refused.push({ partition: p.partition, ...busy });
      continue;
    }
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = ${`public.${p.table}`}::regclass AND c.relname = ${`${p.table}_default`}`.execute(
      db,
    );
    const concurrently = rows[0]?.n === 0;
    if (concurrently) {
      // DETACH … CONCURRENTLY cannot run inside a transaction block
      await sql`ALTER TABLE ${sql.table(p.table)} DETACH PARTITION ${sql.table(p.partition)} CONCURRENTLY`.execute(
        db,
      );
    }
    await db.transaction().execute(async (tx) => {
      await sql`SET LOCAL lock_timeout = '5s'`.execute(tx);
      if (!concurrently)
        await sql`ALTER TABLE ${sql.table(p.table)} DETACH PARTITION ${sql.table(p.partition)}`.execute(tx);
      await sql`ALTER TABLE ${sql.table(p.partition)} SET SCHEMA archive`.execute(tx);
      if (spec.appendOnly) {
        // the parent's row guard is dropped with the detach: the archive stays append-only
        await sql`CREATE TRIGGER ${sql.id(`${p.table}_no_update`)} BEFORE UPDATE OR DELETE ON ${sql.table(
          `archive.${p.partition}`,
        )} FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`.execute(tx);
      }
    });
    report.archived.push(`archive.${p.partition}`);
  }
  return report;
}

/** Why a partition must stay live, or null. */
async function inUse(
  db: Db,
  table: PartitionedTable,
  partition: string,
): Promise<{ code: string; reason: string } | null> {
  if (table === 'case_history') {
    const { rows } = await sql<{ open: boolean; pending: boolean }>`
      SELECT EXISTS (SELECT 1 FROM ${sql.table(partition)} h JOIN cases c
                      ON c.county_code = h.county_code AND c.id = h.case_id WHERE c.closed_at IS NULL) AS open,
             EXISTS (SELECT 1 FROM ${sql.table(partition)} h JOIN case_rollup_pending r
                      ON r.county_code = h.county_code AND r.history_id = h.id) AS pending`.execute(db);
    if (rows[0]?.open)
      return {
        code: 'PARTITION_OPEN_CASES',
        reason: '含未办结事件的流转记录 / holds history of cases not closed',
      };
    if (rows[0]?.pending)
      return { code: 'PARTITION_NOT_ROLLED_UP', reason: '指标尚未汇总 / not yet folded into the indicators' };
  }
  if (table === 'outbox') {
    const { rows } = await sql<{ due: boolean }>`
      SELECT EXISTS (SELECT 1 FROM ${sql.table(partition)} WHERE sent_at IS NULL AND attempts < 8) AS due`.execute(
      db,
    );
    if (rows[0]?.due)
      return { code: 'PARTITION_UNDELIVERED', reason: '含未投递的消息 / holds messages not delivered' };
  }
  return null;
}
