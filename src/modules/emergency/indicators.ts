import { sql } from 'kysely';
import { countIndicator, recordsOf, type IndicatorSource } from '../../platform/indicators.js';

/** Checks of declared events in the scope; label without a person's name. */
const declaredChecks = (countyCode: string, path: string, pendingOnly: boolean) =>
  sql<{ id: number; label: string; at: Date | null }>`SELECT c.id, e.title || ' · 核查户 #' || c.id AS label,
      c.reported_at AS at
    FROM emergency_check c JOIN emergency_event e ON e.county_code = c.county_code AND e.id = c.event_id
    WHERE c.county_code = ${countyCode} AND c.grid_path <@ ${path}::ltree AND e.state = 'declared'
      ${pendingOnly ? sql`AND c.status = 'pending'` : sql``}`;

/** 应急 indicators (issue 13), served by the indicators module. */
export const EMERGENCY_INDICATORS: IndicatorSource[] = [
  {
    code: 'emergency.checked',
    nameZh: '应急核查完成率',
    nameEn: 'Emergency checks done',
    formulaZh:
      '进行中的应急事件里，已上报状态（安全、已转移、需救助、联系不上）的重点户数 ÷ 应核查户数 × 100%',
    formulaEn: 'households of declared emergencies with a reported status ÷ all households to check × 100%',
    unit: 'percent',
    direction: 'higher_better',
    group: 'emergency',
    snapshot: true,
    async value(db, s) {
      const { rows } = await sql<{ n: number; done: number }>`SELECT count(*)::int AS n,
          (count(*) FILTER (WHERE c.status <> 'pending'))::int AS done
        FROM emergency_check c JOIN emergency_event e ON e.county_code = c.county_code AND e.id = c.event_id
        WHERE c.county_code = ${s.countyCode} AND c.grid_path <@ ${s.path}::ltree AND e.state = 'declared'`.execute(
        db,
      );
      const r = rows[0];
      if (!r || r.n === 0) return null;
      return Math.round((1000 * r.done) / r.n) / 10;
    },
    // behind the figure: the households not yet reported
    records: (db, s, _w, limit) =>
      recordsOf(db, 'emergency_check', declaredChecks(s.countyCode, s.path, true), limit),
  },
  countIndicator(
    {
      code: 'emergency.help',
      kind: 'case',
      nameZh: '应急求助数',
      nameEn: 'Emergency help requests',
      formulaZh: '期内应急事件中转为特急事件的求助数（需救助的重点户与现场求助）',
      formulaEn: 'requests for help during emergencies in the period (each became an urgent case)',
      direction: 'neutral',
      group: 'emergency',
      snapshot: false,
    },
    (s, w) => sql`SELECT h.case_id AS id, e.title || ' · 求助' AS label, h.asked_at AS at
      FROM emergency_help h JOIN emergency_event e ON e.county_code = h.county_code AND e.id = h.event_id
      WHERE h.county_code = ${s.countyCode} AND h.grid_path <@ ${s.path}::ltree
        AND h.asked_at >= ${w.from} AND h.asked_at < ${w.to}`,
  ),
  {
    code: 'emergency.response',
    nameZh: '应急响应时长',
    nameEn: 'Emergency response time',
    formulaZh: '期内首次上报的重点户，从事件发布到首次上报的平均小时数',
    formulaEn:
      'mean hours from the declaration to a household’s first report, for first reports in the period',
    unit: 'hours',
    direction: 'lower_better',
    group: 'emergency',
    snapshot: false,
    async value(db, s, w) {
      const { rows } = await sql<{ h: number | null }>`SELECT
          round((avg(extract(epoch FROM c.first_reported_at - e.declared_at)) / 3600)::numeric, 1)::float8 AS h
        FROM emergency_check c JOIN emergency_event e ON e.county_code = c.county_code AND e.id = c.event_id
        WHERE c.county_code = ${s.countyCode} AND c.grid_path <@ ${s.path}::ltree
          AND c.first_reported_at >= ${w.from} AND c.first_reported_at < ${w.to}`.execute(db);
      return rows[0]?.h ?? null;
    },
    records: (db, s, w, limit) =>
      recordsOf(
        db,
        'emergency_check',
        sql`SELECT c.id, e.title || ' · 核查户 #' || c.id AS label, c.first_reported_at AS at
          FROM emergency_check c JOIN emergency_event e ON e.county_code = c.county_code AND e.id = c.event_id
          WHERE c.county_code = ${s.countyCode} AND c.grid_path <@ ${s.path}::ltree
            AND c.first_reported_at >= ${w.from} AND c.first_reported_at < ${w.to}`,
        limit,
      ),
  },
];
