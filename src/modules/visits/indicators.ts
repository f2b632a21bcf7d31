import { sql } from 'kysely';
import { countIndicator, type IndicatorSource } from '../../platform/indicators.js';

/** 走访 indicators (issue 11), served by the indicators module. */
export const VISIT_INDICATORS: IndicatorSource[] = [
  countIndicator(
    {
      code: 'visits.made',
      kind: 'visit',
      nameZh: '走访次数',
      nameEn: 'Visits made',
      formulaZh: '期内记录的入户走访次数',
      formulaEn: 'household visits recorded in the period',
      direction: 'higher_better',
      group: 'visits',
      snapshot: false,
    },
    (s, w) => sql`SELECT id, '走访 #' || id AS label, visited_at AS at FROM visit
      WHERE county_code = ${s.countyCode} AND grid_path <@ ${s.path}::ltree
        AND visited_at >= ${w.from} AND visited_at < ${w.to}`,
  ),
  countIndicator(
    {
      code: 'visits.care_made',
      kind: 'visit',
      nameZh: '重点户走访次数',
      nameEn: 'Visits to households in difficulty',
      formulaZh: '期内对带关爱标签（困难、低保、孤寡、失独、残疾、留守等）住户的走访次数',
      formulaEn: 'visits in the period to households with a care tag',
      direction: 'higher_better',
      group: 'visits',
      snapshot: false,
    },
    (s, w) => sql`SELECT v.id, '走访 #' || v.id AS label, v.visited_at AS at FROM visit v
      JOIN household h ON h.county_code = v.county_code AND h.id = v.household_id
      WHERE v.county_code = ${s.countyCode} AND v.grid_path <@ ${s.path}::ltree
        AND v.visited_at >= ${w.from} AND v.visited_at < ${w.to} AND cardinality(h.care_tags) > 0`,
  ),
  countIndicator(
    {
      code: 'visits.households_due',
      kind: 'household',
      nameZh: '应走访户数',
      nameEn: 'Households due a visit',
      formulaZh: '按本县各关爱标签的走访间隔，当前已到期未走访的住户数',
      formulaEn: "households whose visit is due now under the county's interval for their care tags",
      direction: 'lower_better',
      group: 'visits',
      snapshot: true,
    },
    (s, w) => sql`SELECT id, '户 #' || id AS label, visit_due_at AS at FROM household
      WHERE county_code = ${s.countyCode} AND grid_path <@ ${s.path}::ltree AND visit_due_at <= ${w.now}`,
  ),
];
