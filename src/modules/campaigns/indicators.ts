import { sql } from 'kysely';
import { countIndicator, recordsOf, type IndicatorSource } from '../../platform/indicators.js';

/** Targets of campaigns running now, in the scope; label without a person's name. */
const runningTargets = (countyCode: string, path: string, open: boolean) =>
  sql<{ id: number; label: string; at: Date | null }>`SELECT t.id, c.title || ' · 对象 #' || t.id AS label,
      t.done_at AS at
    FROM campaign_target t JOIN campaign c ON c.county_code = t.county_code AND c.id = t.campaign_id
    WHERE t.county_code = ${countyCode} AND t.grid_path <@ ${path}::ltree AND c.state = 'running'
      ${open ? sql`AND t.state = 'open'` : sql``}`;

/** 上级号召 indicators (issue 13), served by the indicators module. */
export const CAMPAIGN_INDICATORS: IndicatorSource[] = [
  {
    code: 'campaigns.coverage',
    nameZh: '专项任务覆盖率',
    nameEn: 'Campaign coverage',
    formulaZh: '进行中的专项任务里，已完成或核实不适用的对象数 ÷ 对象总数 × 100%（不漏一人）',
    formulaEn: 'targets of running campaigns done or found not applicable ÷ all their targets × 100%',
    unit: 'percent',
    direction: 'higher_better',
    group: 'campaigns',
    snapshot: true,
    async value(db, s) {
      const { rows } = await sql<{ n: number; settled: number }>`
        SELECT count(*)::int AS n, (count(*) FILTER (WHERE x.state IN ('done', 'not_applicable')))::int AS settled
        FROM (SELECT t.state FROM campaign_target t
              JOIN campaign c ON c.county_code = t.county_code AND c.id = t.campaign_id
              WHERE t.county_code = ${s.countyCode} AND t.grid_path <@ ${s.path}::ltree AND c.state = 'running') x`.execute(
        db,
      );
      const r = rows[0];
      if (!r || r.n === 0) return null;
      return Math.round((1000 * r.settled) / r.n) / 10;
    },
    // behind the figure: the targets still open
    records: (db, s, _w, limit) =>
      recordsOf(db, 'campaign_target', runningTargets(s.countyCode, s.path, true), limit),
  },
  countIndicator(
    {
      code: 'campaigns.missed',
      kind: 'campaign_target',
      nameZh: '专项任务漏项',
      nameEn: 'Campaign targets missed',
      formulaZh: '期内结束的专项任务中未完成、也未核实不适用的对象数',
      formulaEn: 'targets left neither done nor found not applicable by campaigns closed in the period',
      direction: 'lower_better',
      group: 'campaigns',
      snapshot: false,
    },
    (s, w) => sql`SELECT t.id, c.title || ' · 对象 #' || t.id AS label, c.closed_at AS at
      FROM campaign_target t JOIN campaign c ON c.county_code = t.county_code AND c.id = t.campaign_id
      WHERE t.county_code = ${s.countyCode} AND t.grid_path <@ ${s.path}::ltree AND t.state = 'missed'
        AND c.closed_at >= ${w.from} AND c.closed_at < ${w.to}`,
  ),
];
