import { sql } from 'kysely';
import {
  countIndicator,
  recordsOf,
  type IndicatorSource,
  type IndicatorScope,
  type IndicatorWindow,
} from '../../platform/indicators.js';

/** The answers departments gave in the window to whistles raised inside the scope. */
const answers = (s: IndicatorScope, w: IndicatorWindow, late?: boolean) => sql<{
  id: number;
  label: string;
  at: Date;
}>`SELECT w.id, w.number || ' ' || d.name AS label, st.at
  FROM whistle_step st
  JOIN whistle w ON w.county_code = st.county_code AND w.id = st.whistle_id
  JOIN department d ON d.county_code = st.county_code AND d.id = st.department_id
  WHERE st.county_code = ${s.countyCode} AND w.region_path <@ ${s.path}::ltree AND st.action = 'answer'
    AND st.at >= ${w.from} AND st.at < ${w.to}
    ${late === undefined ? sql`` : late ? sql`AND st.at > st.due_at` : sql`AND st.at <= st.due_at`}`;

/** 基层请求、部门必应 indicators (issue 13); the per-department comparison is GET /whistles/comparison. */
export const WHISTLE_INDICATORS: IndicatorSource[] = [
  {
    code: 'whistles.on_time_rate',
    nameZh: '部门按时应答率',
    nameEn: 'Requests answered on time',
    formulaZh: '期内部门答复的基层吹哨中，在应答时限（工作日）内答复的 ÷ 答复总数 × 100%',
    formulaEn: 'answers to grassroots requests in the period given within the limit ÷ all answers × 100%',
    unit: 'percent',
    direction: 'higher_better',
    group: 'whistles',
    snapshot: false,
    async value(db, s, w) {
      const { rows } = await sql<{ n: number; ok: number }>`
        SELECT count(*)::int AS n, (count(*) FILTER (WHERE x.at <= x.due_at))::int AS ok FROM (
          SELECT st.at, st.due_at FROM whistle_step st
          JOIN whistle w ON w.county_code = st.county_code AND w.id = st.whistle_id
          WHERE st.county_code = ${s.countyCode} AND w.region_path <@ ${s.path}::ltree AND st.action = 'answer'
            AND st.at >= ${w.from} AND st.at < ${w.to}) x`.execute(db);
      const r = rows[0];
      return !r || r.n === 0 ? null : Math.round((1000 * r.ok) / r.n) / 10;
    },
    // behind the figure: the answers given late
    records: (db, s, w, limit) => recordsOf(db, 'whistle', answers(s, w, true), limit),
  },
  {
    code: 'whistles.response_hours',
    nameZh: '部门平均应答时长',
    nameEn: 'Mean department response time',
    formulaZh: '期内部门答复的基层吹哨，自本部门收到到答复的平均小时数',
    formulaEn: 'mean hours from a department’s receipt of a request to its answer, answers in the period',
    unit: 'hours',
    direction: 'lower_better',
    group: 'whistles',
    snapshot: false,
    async value(db, s, w) {
      const { rows } = await sql<{ h: string | null }>`
        SELECT avg(extract(epoch FROM st.at - st.received_at) / 3600) AS h FROM whistle_step st
        JOIN whistle w ON w.county_code = st.county_code AND w.id = st.whistle_id
        WHERE st.county_code = ${s.countyCode} AND w.region_path <@ ${s.path}::ltree AND st.action = 'answer'
          AND st.at >= ${w.from} AND st.at < ${w.to}`.execute(db);
      const h = rows[0]?.h;
      return h === null || h === undefined ? null : Math.round(Number(h) * 10) / 10;
    },
    records: (db, s, w, limit) => recordsOf(db, 'whistle', answers(s, w), limit),
  },
  countIndicator(
    {
      code: 'whistles.handed_on',
      kind: 'whistle',
      nameZh: '基层吹哨转交次数',
      nameEn: 'Requests handed on',
      formulaZh: '期内部门把基层吹哨转交其他部门的次数（不得退回，只能转交）',
      formulaEn: 'times in the period a department handed a request on to another (it cannot return one)',
      direction: 'lower_better',
      group: 'whistles',
      snapshot: false,
    },
    (s, w) => sql`SELECT w.id, w.number || ' ' || d.name AS label, st.at FROM whistle_step st
      JOIN whistle w ON w.county_code = st.county_code AND w.id = st.whistle_id
      JOIN department d ON d.county_code = st.county_code AND d.id = st.department_id
      WHERE st.county_code = ${s.countyCode} AND w.region_path <@ ${s.path}::ltree AND st.action = 'hand_on'
        AND st.at >= ${w.from} AND st.at < ${w.to}`,
  ),
  countIndicator(
    {
      code: 'whistles.overdue_now',
      kind: 'whistle',
      nameZh: '超时未应答吹哨数',
      nameEn: 'Requests overdue now',
      formulaZh: '已过部门应答时限仍未答复的基层吹哨数',
      formulaEn: 'requests past their department’s limit and still unanswered now',
      direction: 'lower_better',
      group: 'whistles',
      snapshot: true,
    },
    (s, w) => sql`SELECT id, number AS label, due_at AS at FROM whistle
      WHERE county_code = ${s.countyCode} AND region_path <@ ${s.path}::ltree
        AND state = 'raised' AND due_at < ${w.now}`,
  ),
];
