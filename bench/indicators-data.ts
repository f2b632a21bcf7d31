/**
 * The synthetic county of `bench/indicators.ts`: cases spread over the demo territory's grids and
 * 13 months, and each case's history, generated set-based with `generate_series`. A bulk load:
 * the secondary indexes of `cases` and `case_history` are dropped during it and built once at the
 * end, and the per-statement triggers whose work is redone or not wanted (the rollup's pending
 * notes — the rollup is rebuilt from the whole history afterwards —, live events, the exchange's
 * changes, the unit link of cases without a point) are off during it.
 */
import { sql } from 'kysely';
import type { Db } from '../src/platform/db/database.js';
import { fmt } from './machine.js';

export const COUNTY = '211221';

const TRIGGERS: Array<[string, string]> = [
  ['cases', 'case_unit_link'],
  ['case_history', 'case_history_rollup'],
  ['case_history', 'case_history_live'],
  ['case_history', 'case_history_exchange'],
];

/** Runs `load` with the tables' secondary indexes dropped and the triggers off, then restores both. */
export async function bulkLoad<T>(db: Db, load: () => Promise<T>, log: (s: string) => void): Promise<T> {
  const { rows: indexes } = await sql<{ name: string; def: string }>`
    SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
    FROM pg_index i
    WHERE i.indrelid IN ('cases'::regclass, 'case_history'::regclass) AND NOT i.indisunique
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`.execute(db);
  for (const i of indexes) await sql`DROP INDEX ${sql.raw(i.name)}`.execute(db);
  for (const [t, g] of TRIGGERS)
    await sql`ALTER TABLE ${sql.raw(t)} DISABLE TRIGGER ${sql.raw(g)}`.execute(db);
  try {
    return await load();
  } finally {
    for (const [t, g] of TRIGGERS)
      await sql`ALTER TABLE ${sql.raw(t)} ENABLE TRIGGER ${sql.raw(g)}`.execute(db);
    const t0 = performance.now();
    await sql`SET maintenance_work_mem = '512MB'`.execute(db);
    for (const i of indexes) await sql.raw(i.def).execute(db);
    log(`  ${indexes.length} indexes built again in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}

/** Cases spread over the county's grids and 13 months; their outcome follows from a hash of the id. */
export async function generateCases(db: Db, now: Date, cases: number) {
  await sql`
    WITH g AS (
      SELECT array_agg(code ORDER BY code) AS codes, array_agg(path ORDER BY code) AS paths, count(*)::int AS n
      FROM region WHERE county_code = ${COUNTY} AND level = 'grid'
    ), c AS (
      SELECT array_agg(code ORDER BY code) AS codes, count(*)::int AS n FROM category WHERE active
    ), d AS (
      SELECT array_agg(id ORDER BY id) AS ids, count(*)::int AS n FROM department WHERE county_code = ${COUNTY}
    )
    INSERT INTO cases (county_code, number, source, category_code, state, tier, holder_code, description,
                       grid_code, grid_path, tier_entered_at, reported_at, evaluation, department_id, deadline_at)
    SELECT ${COUNTY}, 'B' || i,
           (ARRAY['resident_app', 'patrol', 'patrol', 'hotline', 'resident_app', 'grassroots_request', 'petition', 'enterprise'])[1 + i % 8],
           c.codes[1 + (i * 7) % c.n], 'closed', 'village', left(g.codes[1 + (i * 13) % g.n], 12), 'bench',
           g.codes[1 + (i * 13) % g.n], g.paths[1 + (i * 13) % g.n], t.at, t.at,
           (ARRAY['satisfied', 'satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied'])[1 + i % 5],
           CASE WHEN d.n > 0 THEN d.ids[1 + (i * 3) % d.n] END, t.at + interval '5 days'
    FROM generate_series(1, ${cases}) i, g, c, d,
         LATERAL (SELECT ${now}::timestamptz - make_interval(secs => (abs(hashint4(i)) % (395 * 86400))) AS at) t`.execute(
    db,
  );
}

/** Each case's history, one month of reports per statement. */
export async function generateHistory(db: Db, now: Date, log: (s: string) => void): Promise<number> {
  let rows = 0;
  for (let m = 13; m >= 0; m--) {
    const r = await sql`
      INSERT INTO case_history (county_code, case_id, at, action, from_state, to_state, tier, department_id, on_time)
      SELECT c.county_code, c.id, c.reported_at + make_interval(hours => s.h), s.action, s.f, s.t, 'village',
             c.department_id, s.on_time
      FROM cases c
      CROSS JOIN LATERAL (SELECT abs(hashint8(c.id)) % 1000 AS u) x
      CROSS JOIN LATERAL (VALUES
        (0,   'report',        NULL,         'reported',  NULL::boolean, true),
        (1,   'file',          'reported',   'filed',     true,  x.u < 970),
        (1,   'reject',        'reported',   'not_filed', true,  x.u >= 970 AND x.u < 985),
        (1,   'merge',         'reported',   'merged',    true,  x.u >= 985),
        (30,  'auto_escalate', 'filed',      'filed',     false, x.u < 970 AND x.u % 10 = 0),
        (32,  'dispatch',      'filed',      'dispatched', true, x.u < 970),
        (33,  'return',        'dispatched', 'filed',     true,  x.u < 970 AND x.u % 20 = 1),
        (34,  'dispatch',      'filed',      'dispatched', true, x.u < 970 AND x.u % 20 = 1),
        (35,  'approve_delay', 'dispatched', 'dispatched', NULL, x.u < 970 AND x.u % 30 = 2),
        (36,  'accept',        'dispatched', 'accepted',  true,  x.u < 970),
        (60 + x.u % 50, 'handle', 'accepted', 'handled', x.u % 100 < 88, x.u < 970),
        (61 + x.u % 50, 'rework', 'handled',  'accepted', true,  x.u < 970 AND x.u % 25 = 3),
        (70 + x.u % 50, 'handle', 'accepted', 'handled', true,  x.u < 970 AND x.u % 25 = 3),
        (72 + x.u % 60, 'close',  'handled',  'closed',  x.u % 100 < 90, x.u < 970),
        (80 + x.u % 60, 'evaluate', 'closed', 'closed',  NULL,  x.u < 970 AND x.u % 3 = 0)
      ) s (h, action, f, t, on_time, hit)
      WHERE c.county_code = ${COUNTY} AND c.description = 'bench'
        AND c.reported_at >= ${now}::timestamptz - make_interval(months => ${m + 1})
        AND c.reported_at < ${now}::timestamptz - make_interval(months => ${m})
        AND s.hit AND c.reported_at + make_interval(hours => s.h) <= ${now}`.execute(db);
    rows += Number(r.numAffectedRows ?? 0);
    log(`  history: ${m} months back, ${fmt(rows)} rows`);
  }
  // cases whose steps are still ahead are open
  await sql`UPDATE cases SET state = 'accepted'
    WHERE county_code = ${COUNTY} AND description = 'bench' AND reported_at > ${now}::timestamptz - interval '6 days'`.execute(
    db,
  );
  return rows;
}
