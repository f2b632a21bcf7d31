import { sql } from 'kysely';
import { countIndicator, type IndicatorSource } from '../../platform/indicators.js';

/** Beijing midnight of a local date. */
const at = (column: string) => sql`(${sql.ref(column)}::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/**
 * Organisational life for any scope (issue 14). Counts of meetings held and lessons delivered — never
 * study time or who watched most (国办函〔2026〕12号: study time is no assessment metric).
 */
export const ORGLIFE_INDICATORS: IndicatorSource[] = [
  countIndicator(
    {
      code: 'orglife.meetings_held',
      kind: 'org_life_meeting',
      nameZh: '三会一课及主题党日次数',
      nameEn: 'Meetings of organisational life held',
      formulaZh: '本期党组织召开的支部党员大会、支委会、党小组会、党课和主题党日次数',
      formulaEn: 'branch assemblies, committees, group meetings, lessons and theme days held in the period',
      direction: 'higher_better',
      group: 'party',
      snapshot: false,
    },
    (s, w) => sql`SELECT id, topic AS label, ${at('held_on')} AS at FROM org_life_meeting
      WHERE county_code = ${s.countyCode} AND region_path <@ ${s.path}::ltree
        AND ${at('held_on')} >= ${w.from} AND ${at('held_on')} < ${w.to}`,
  ),
  countIndicator(
    {
      code: 'orglife.lessons_delivered',
      kind: 'lesson_order',
      nameZh: '党课配送数',
      nameEn: 'Ordered lessons delivered',
      formulaZh: '本期按支部点单送达（已记录出席）的党课数',
      formulaEn: 'lessons ordered by branches and delivered (attendance recorded) in the period',
      direction: 'higher_better',
      group: 'party',
      snapshot: false,
    },
    (s, w) => sql`SELECT o.id, l.topic AS label, ${at('m.held_on')} AS at
      FROM lesson_order o
      JOIN party_lesson l ON l.county_code = o.county_code AND l.id = o.lesson_id
      JOIN org_life_meeting m ON m.county_code = o.county_code AND m.id = o.meeting_id
      WHERE o.county_code = ${s.countyCode} AND o.region_path <@ ${s.path}::ltree AND o.state = 'delivered'
        AND ${at('m.held_on')} >= ${w.from} AND ${at('m.held_on')} < ${w.to}`,
  ),
  countIndicator(
    {
      code: 'orglife.lesson_orders_waiting',
      kind: 'lesson_order',
      nameZh: '待配送党课数',
      nameEn: 'Lesson orders waiting',
      formulaZh: '支部已点单、尚未送达的党课数（已点单或已排课）',
      formulaEn: 'lessons ordered by branches not yet delivered (ordered or scheduled) now',
      direction: 'lower_better',
      group: 'party',
      snapshot: true,
    },
    (s) => sql`SELECT o.id, l.topic AS label, o.created_at AS at
      FROM lesson_order o JOIN party_lesson l ON l.county_code = o.county_code AND l.id = o.lesson_id
      WHERE o.county_code = ${s.countyCode} AND o.region_path <@ ${s.path}::ltree AND o.state IN ('ordered', 'scheduled')`,
  ),
];
