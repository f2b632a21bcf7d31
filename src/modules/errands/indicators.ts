import { sql } from 'kysely';
import { countIndicator, type IndicatorSource } from '../../platform/indicators.js';

/** 微代办 indicators (issue 11). */
export const ERRAND_INDICATORS: IndicatorSource[] = [
  countIndicator(
    {
      code: 'errands.done',
      kind: 'errand',
      nameZh: '代办完成数',
      nameEn: 'Errands done',
      formulaZh: '期内办结的代办事项数',
      formulaEn: 'errands done in the period',
      direction: 'higher_better',
      group: 'errands',
      snapshot: false,
    },
    (s, w) => sql`SELECT id, number AS label, done_at AS at FROM errand
      WHERE county_code = ${s.countyCode} AND grid_path <@ ${s.path}::ltree
        AND done_at >= ${w.from} AND done_at < ${w.to}`,
  ),
  countIndicator(
    {
      code: 'errands.overdue_now',
      kind: 'errand',
      nameZh: '代办超期数',
      nameEn: 'Errands overdue now',
      formulaZh: '已受理或待受理、已过承诺时限仍未办结的代办数',
      formulaEn: 'errands requested or accepted and past their promised date now',
      direction: 'lower_better',
      group: 'errands',
      snapshot: true,
    },
    (s, w) => sql`SELECT id, number AS label, due_at AS at FROM errand
      WHERE county_code = ${s.countyCode} AND grid_path <@ ${s.path}::ltree
        AND status IN ('requested', 'accepted') AND due_at < ${w.now}`,
  ),
];
