import { sql } from 'kysely';
import { countIndicator, type IndicatorSource, type RowsQuery } from '../../platform/indicators.js';

type Info = { code: string; nameZh: string; nameEn: string; formulaZh: string; formulaEn: string };
const disputes = (i: Info, rows: RowsQuery, kind = 'dispute') =>
  countIndicator({ ...i, kind, direction: 'neutral', group: 'disputes', snapshot: false }, rows);

/** Disputes of the scope with a column inside the period (label: number and type, never a party). */
const byColumn =
  (column: 'created_at' | 'settled_at', more = sql``): RowsQuery =>
  (s, w) =>
    sql`SELECT id, number || ' ' || type AS label, ${sql.ref(column)} AS at FROM dispute
      WHERE county_code = ${s.countyCode} AND grid_path <@ ${s.path}::ltree
        AND ${sql.ref(column)} >= ${w.from} AND ${sql.ref(column)} < ${w.to} ${more}`;

/** Disputes of the scope with a step of these actions in the period (at: the first such step). */
const stepped =
  (actions: string[]): RowsQuery =>
  (s, w) =>
    sql`SELECT d.id, d.number || ' ' || d.type AS label, min(st.at) AS at
      FROM dispute d JOIN dispute_step st ON st.county_code = d.county_code AND st.dispute_id = d.id
      WHERE d.county_code = ${s.countyCode} AND d.grid_path <@ ${s.path}::ltree
        AND st.action IN (${sql.join(actions)}) AND st.at >= ${w.from} AND st.at < ${w.to}
      GROUP BY d.id, d.number, d.type`;

/** 矛盾纠纷 indicators (issue 10): the same figures as the daily/weekly/monthly reports. */
export const DISPUTE_INDICATORS: IndicatorSource[] = [
  disputes(
    {
      code: 'disputes.screened',
      nameZh: '日排查报告数',
      nameEn: 'Daily screenings filed',
      formulaZh: '期内村级提交的日排查报告数（含“今日无纠纷”）',
      formulaEn: 'village daily screenings filed in the period ("nothing found" included)',
    },
    (s, w) =>
      sql`SELECT id, village_code || ' ' || day::text AS label, created_at AS at FROM dispute_screening
        WHERE county_code = ${s.countyCode} AND village_path <@ ${s.path}::ltree
          AND day >= (${w.from}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date
          AND day < (${w.to}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`,
    'dispute_screening',
  ),
  disputes(
    {
      code: 'disputes.found',
      nameZh: '排查发现纠纷数',
      nameEn: 'Disputes found',
      formulaZh: '期内登记的矛盾纠纷数',
      formulaEn: 'disputes recorded in the period',
    },
    byColumn('created_at'),
  ),
  disputes(
    {
      code: 'disputes.settled',
      nameZh: '化解纠纷数',
      nameEn: 'Disputes settled',
      formulaZh: '期内调解成功的矛盾纠纷数（以最近一次化解时间计）',
      formulaEn: 'disputes settled in the period (their latest settlement)',
    },
    byColumn('settled_at'),
  ),
  disputes(
    {
      code: 'disputes.settled_village',
      nameZh: '村级化解数',
      nameEn: 'Settled at village level',
      formulaZh: '期内在村级化解的矛盾纠纷数（小事不出村）',
      formulaEn: 'disputes settled in the period while held by the village',
    },
    byColumn('settled_at', sql`AND tier = 'village'`),
  ),
  disputes(
    {
      code: 'disputes.escalated',
      nameZh: '上交纠纷数',
      nameEn: 'Disputes escalated',
      formulaZh: '期内上交上一级（手动或到期自动）的矛盾纠纷数',
      formulaEn: 'disputes passed up a tier in the period, by hand or at the end of the tier’s time',
    },
    stepped(['escalate', 'auto_escalate']),
  ),
  {
    ...disputes(
      {
        code: 'disputes.overdue',
        nameZh: '超期纠纷数',
        nameEn: 'Disputes overdue',
        formulaZh: '期内超出本级时限（自动上交或县级标记超期）的矛盾纠纷数',
        formulaEn: 'disputes that ran past a tier’s limit in the period (auto-escalated or marked overdue)',
      },
      stepped(['auto_escalate', 'overdue']),
    ),
    direction: 'lower_better',
  },
];
