import { sql } from 'kysely';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { bulkInsert, copyOut } from '../../platform/db/bulk.js';
import { CASE_COLUMNS, HISTORY_COLUMNS } from './demo-rows.js';
import type { CaseDemoRows } from './demo-history.js';

/** The indicators' rollup of the demo's year, both levels, in COPY's text format (`copyOut`). */
export type StagedRollup = { day: Buffer[]; month: Buffer[] };

// what the rollup reads of a case and of a step (case_rollup_rows_sql, migration 0244)
const CASE_STAGE = [
  'county_code',
  'id',
  'grid_code',
  'category_code',
  'source',
  'department_id',
  'evaluation',
  'reported_at',
];
const HISTORY_STAGE = [
  'county_code',
  'case_id',
  'at',
  'action',
  'from_state',
  'to_state',
  'department_id',
  'on_time',
];

function pick(all: typeof CASE_COLUMNS, names: string[]) {
  const at = names.map((n) => all.findIndex((c) => c.name === n));
  if (at.some((i) => i < 0)) throw new Error('stageCaseDemoRollup: a column is missing');
  return { columns: at.map((i) => all[i]!), at, of: (name: string) => at[names.indexOf(name)]! };
}
const cases = pick(CASE_COLUMNS, CASE_STAGE);
const steps = pick(HISTORY_COLUMNS, HISTORY_STAGE);

/** The distinct kinds of step in the rows, as the rollup's query keys them ('' for null). */
function kindsOf({ caseRows, histRows }: CaseDemoRows): string[][] {
  const evaluation = new Map<unknown, string>();
  for (const r of caseRows) evaluation.set(r[cases.of('id')], String(r[cases.of('evaluation')] ?? ''));
  const seen = new Map<string, string[]>();
  for (const h of histRows) {
    const onTime = h[steps.of('on_time')];
    const kind = [
      String(h[steps.of('action')]),
      String(h[steps.of('from_state')] ?? ''),
      String(h[steps.of('to_state')] ?? ''),
      onTime === null || onTime === undefined ? '' : String(onTime),
      evaluation.get(h[steps.of('case_id')]) ?? '',
    ];
    seen.set(kind.join('\u0000'), kind);
  }
  return [...seen.values()];
}

/**
 * Computes the rollup of the year of cases on a connection of its own, while the load's transaction
 * goes on (which that connection cannot see): the rows the load writes are copied into temporary
 * tables, the day level is computed from them by the rebuild's own query (`case_rollup_rows_sql`,
 * the one definition) and the month level from those day rows (`case_rollup_months_sql`); both are
 * returned as COPY text for the load to write (`importRollup`). The history's ids are the staged
 * table's own, in the rows' order as the load's are: the rollup reads them only to find a case's
 * first overdue step. Nothing written outlives the connection's transactions.
 *
 * Two steps, resolved in turn (never rejected: false and null say it failed, and the load then
 * rebuilds the rollup itself): `kinds` asks case_metrics what each kind of step counts for, in a
 * short transaction (its plan reads case_history, which the load's case stage locks: the load waits
 * for this step only, and a `lock_timeout` makes it fail rather than wait); `rollup` then computes
 * the rows from the staged copies and those kinds alone, beside the load's case stage.
 */
export function stageCaseDemoRollup(
  db: Db,
  countyCode: string,
  prepared: Promise<CaseDemoRows>,
  /**
   * when the second step may begin (the load's case stage: before it, both cores are busy); false
   * says the load no longer needs it
   */
  begin: Promise<boolean> = Promise.resolve(true),
): { kinds: Promise<boolean>; rollup: Promise<StagedRollup | null> } {
  let kindsDone!: (ok: boolean) => void;
  const kinds = new Promise<boolean>((resolve) => {
    kindsDone = resolve;
  });
  const rollup = prepared
    .then((rows) =>
      db.connection().execute(async (conn) => {
        await conn.transaction().execute((tx) => stageKinds(tx, countyCode, rows));
        kindsDone(true);
        if (!(await begin)) return null;
        try {
          return await conn.transaction().execute((tx) => stagedRollup(tx, countyCode, rows));
        } finally {
          await sql`DROP TABLE IF EXISTS demo_rollup_steps, demo_rollup_kinds`.execute(conn);
        }
      }),
    )
    .catch(() => {
      kindsDone(false); // nothing once the first step has resolved
      return null;
    });
  return { kinds, rollup };
}

/** What each kind of step counts for (`case_metrics`), into a temporary table that outlives the transaction. */
async function stageKinds(tx: DbOrTx, countyCode: string, rows: CaseDemoRows): Promise<void> {
  await sql`SET LOCAL lock_timeout = '5s'`.execute(tx);
  await sql`CREATE TEMP TABLE demo_rollup_steps (action text, from_state text, to_state text,
    on_time text, evaluation text)`.execute(tx);
  const k = kindsOf(rows);
  await sql`INSERT INTO demo_rollup_steps SELECT * FROM unnest(
    ${k.map((x) => x[0])}::text[], ${k.map((x) => x[1])}::text[], ${k.map((x) => x[2])}::text[],
    ${k.map((x) => x[3])}::text[], ${k.map((x) => x[4])}::text[])`.execute(tx);
  const q = await sql<{
    q: string;
  }>`SELECT case_rollup_kinds_sql(${countyCode}, 'demo_rollup_steps') AS q`.execute(tx);
  await sql.raw(`CREATE TEMP TABLE demo_rollup_kinds AS ${q.rows[0]!.q}`).execute(tx);
}

async function stagedRollup(
  tx: DbOrTx,
  countyCode: string,
  { caseRows, histRows }: CaseDemoRows,
): Promise<StagedRollup> {
  await sql`SET LOCAL lock_timeout = '5s'`.execute(tx);
  await sql`SET LOCAL work_mem = '256MB'`.execute(tx);
  await sql`CREATE TEMP TABLE demo_rollup_cases (county_code text, id bigint, grid_code text,
    category_code text, source text, department_id bigint, evaluation text, reported_at timestamptz)
    ON COMMIT DROP`.execute(tx);
  await sql`CREATE TEMP TABLE demo_rollup_history (id bigint GENERATED ALWAYS AS IDENTITY,
    county_code text, case_id bigint, at timestamptz, action text, from_state text, to_state text,
    department_id bigint, on_time boolean) ON COMMIT DROP`.execute(tx);
  await bulkInsert(
    tx,
    'demo_rollup_cases',
    cases.columns,
    caseRows.map((r) => cases.at.map((i) => r[i])),
  );
  await bulkInsert(
    tx,
    'demo_rollup_history',
    steps.columns,
    histRows.map((r) => steps.at.map((i) => r[i])),
    {
      chunk: 50_000,
    },
  );
  await sql`ANALYZE demo_rollup_cases, demo_rollup_history, demo_rollup_kinds`.execute(tx);
  const { rows } = await sql<{ q: string }>`
    SELECT case_rollup_rows_sql(${countyCode}, 'demo_rollup_history', 'demo_rollup_cases', 'demo_rollup_kinds') AS q`.execute(
    tx,
  );
  await sql.raw(`CREATE TEMP TABLE demo_rollup_day ON COMMIT DROP AS ${rows[0]!.q}`).execute(tx);
  const month = await sql<{ q: string }>`SELECT case_rollup_months_sql('demo_rollup_day') AS q`.execute(tx);
  return {
    day: await copyOut(
      tx,
      // in the order of the rollup's lookup index, which the load builds after the rows
      `SELECT county_code, region_code, day, dim, key, metric, n, hours FROM demo_rollup_day
        ORDER BY county_code, region_code, dim, day`,
    ),
    month: await copyOut(tx, `${month.rows[0]!.q} ORDER BY 1, 2, 4, 3`),
  };
}
