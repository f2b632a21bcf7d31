import { sql } from 'kysely';
import {
  countIndicator,
  recordsOf,
  type IndicatorInfo,
  type IndicatorSource,
  type RowsQuery,
} from '../../platform/indicators.js';
import { OFFICE_LIMITS } from './limits.js';
import { SOLVED_STATES } from './states.js';

const GROUP = { group: 'petitions', snapshot: false } as const;
const label = sql`number || ' ' || left(matter, 20)`;

/** Registrations received in the period (label: number and the matter's start; never the visitor). */
const received: RowsQuery = (s, w) =>
  sql`SELECT id, ${label} AS label, received_at AS at FROM petition
    WHERE county_code = ${s.countyCode} AND region_path <@ ${s.path}::ltree
      AND received_at >= ${w.from} AND received_at < ${w.to}`;

/** Solved (answered on the spot or after acceptance, reviews included) with the first answer in the period. */
const solved =
  (inTime: boolean): RowsQuery =>
  (s, w) =>
    sql`SELECT id, ${label} AS label, answered_at AS at FROM petition
      WHERE county_code = ${s.countyCode} AND region_path <@ ${s.path}::ltree
        AND state IN (${sql.join(SOLVED_STATES)})
        AND answered_at >= ${w.from} AND answered_at < ${w.to}
        ${
          inTime
            ? sql`AND (accepted_at IS NULL OR answered_at < ((((accepted_at AT TIME ZONE 'Asia/Shanghai')::date
                + 61 + coalesce(extended_days, 0))::timestamp) AT TIME ZONE 'Asia/Shanghai'))`
            : sql``
        }`;

const visitorsInfo: IndicatorInfo = {
  code: 'petitions.visitors',
  nameZh: '接待来访群众人次',
  nameEn: 'Visitors received',
  formulaZh: '期内登记来访的人数（集体访按人数计）',
  formulaEn: 'people received in the period (a group visit counts its headcount)',
  unit: 'count',
  direction: 'neutral',
  ...GROUP,
};

/** 信访超市 indicators (issue 10), limits in calendar days as in 信访工作条例. */
export const PETITION_INDICATORS: IndicatorSource[] = [
  {
    ...visitorsInfo,
    async value(db, scope, w) {
      const { rows } = await sql<{ n: string | null }>`SELECT sum(headcount) AS n FROM petition
        WHERE county_code = ${scope.countyCode} AND region_path <@ ${scope.path}::ltree
          AND received_at >= ${w.from} AND received_at < ${w.to}`.execute(db);
      return Number(rows[0]?.n ?? 0);
    },
    records: (db, scope, w, limit) => recordsOf(db, 'petition', received(scope, w), limit),
  },
  countIndicator(
    {
      code: 'petitions.solved',
      kind: 'petition',
      nameZh: '解决群众诉求数',
      nameEn: 'Problems solved',
      formulaZh: '期内作出答复并办结的信访事项数（当场答复、办理答复、复查复核意见）',
      formulaEn: 'matters answered in the period and solved (on the spot, answered, reviewed, re-reviewed)',
      direction: 'higher_better',
      ...GROUP,
    },
    solved(false),
  ),
  countIndicator(
    {
      code: 'petitions.solved_in_time',
      kind: 'petition',
      nameZh: '按期办结数',
      nameEn: 'Solved within limits',
      formulaZh: '期内办结且在受理后60日（延长后期限）内答复的事项数；当场答复计入',
      formulaEn:
        'solved matters answered within 60 days of acceptance (plus any extension); on-the-spot answers count',
      direction: 'higher_better',
      ...GROUP,
    },
    solved(true),
  ),
  countIndicator(
    {
      code: 'petitions.overdue',
      kind: 'petition',
      nameZh: '超期信访事项数',
      nameEn: 'Petitions overdue',
      formulaZh: '当前已超过受理、办结、复查或复核期限而未办的事项数',
      formulaEn: 'matters now past the limit to decide, finish, review or re-review',
      direction: 'lower_better',
      group: 'petitions',
      snapshot: true,
    },
    (s, w) =>
      sql`SELECT id, ${label} AS label, due_at AS at FROM petition
        WHERE county_code = ${s.countyCode} AND region_path <@ ${s.path}::ltree
          AND due_at < ${w.now} AND due_kind IN (${sql.join(OFFICE_LIMITS)})`,
  ),
];
