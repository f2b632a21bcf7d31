import { sql } from 'kysely';
import { countIndicator, type IndicatorSource } from '../../platform/indicators.js';

/** Beijing midnight of a local date, as the instant a meeting or a resolution counts on. */
const at = (column: string) => sql`(${sql.ref(column)}::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/** The deliberation hall's counts for any scope (issue 14, J11: "20+ meetings solved 30+ hard problems"). */
export const MEETING_INDICATORS: IndicatorSource[] = [
  countIndicator(
    {
      code: 'meetings.held',
      kind: 'meeting',
      nameZh: '议事会议数',
      nameEn: 'Meetings held',
      formulaZh: '本期召开（已登记出席）的议事会议数',
      formulaEn: 'deliberation meetings held (attendance recorded) in the period',
      direction: 'higher_better',
      group: 'party',
      snapshot: false,
    },
    (s, w) => sql`SELECT id, title AS label, ${at('held_on')} AS at FROM meeting
      WHERE county_code = ${s.countyCode} AND region_path <@ ${s.path}::ltree AND state = 'held'
        AND ${at('held_on')} >= ${w.from} AND ${at('held_on')} < ${w.to}`,
  ),
  countIndicator(
    {
      code: 'meetings.matters_settled',
      kind: 'meeting_matter',
      nameZh: '议事解决难题数',
      nameEn: 'Hard problems settled by meetings',
      formulaZh: '本期议事议题中，决议全部落实完成的议题数（按最后一项决议完成日计）',
      formulaEn: 'matters of meetings whose resolutions are all done, counted on the day the last was done',
      direction: 'higher_better',
      group: 'party',
      snapshot: false,
    },
    (
      s,
      w,
    ) => sql`SELECT x.id, x.title AS label, (max(r.done_on)::timestamp AT TIME ZONE 'Asia/Shanghai') AS at
      FROM meeting_matter x
      JOIN meeting m ON m.county_code = x.county_code AND m.id = x.meeting_id
      JOIN meeting_resolution r ON r.county_code = x.county_code AND r.matter_id = x.id
      WHERE x.county_code = ${s.countyCode} AND m.region_path <@ ${s.path}::ltree
      GROUP BY x.id, x.title
      HAVING bool_and(r.status IN ('done', 'dropped')) AND bool_or(r.status = 'done')
        AND (max(r.done_on)::timestamp AT TIME ZONE 'Asia/Shanghai') >= ${w.from}
        AND (max(r.done_on)::timestamp AT TIME ZONE 'Asia/Shanghai') < ${w.to}`,
  ),
  countIndicator(
    {
      code: 'meetings.resolutions_open',
      kind: 'meeting_resolution',
      nameZh: '待落实决议数',
      nameEn: 'Resolutions still open',
      formulaZh: '议事决议中尚未完成（未开始或推进中）的数量',
      formulaEn: 'resolutions of meetings not started or in progress now',
      direction: 'lower_better',
      group: 'party',
      snapshot: true,
    },
    (s) => sql`SELECT r.id, left(r.text, 40) AS label, NULL::timestamptz AS at FROM meeting_resolution r
      JOIN meeting m ON m.county_code = r.county_code AND m.id = r.meeting_id
      WHERE r.county_code = ${s.countyCode} AND m.region_path <@ ${s.path}::ltree
        AND r.status IN ('not_started', 'in_progress')`,
  ),
  countIndicator(
    {
      code: 'meetings.major_matters_published',
      kind: 'major_matter',
      nameZh: '四议两公开办结数',
      nameEn: 'Major matters through 四议两公开',
      formulaZh: '本期结果已公开的重大事项数',
      formulaEn: 'major matters whose result was published in the period',
      direction: 'neutral',
      group: 'party',
      snapshot: false,
    },
    (s, w) => sql`SELECT id, title AS label, updated_at AS at FROM major_matter
      WHERE county_code = ${s.countyCode} AND village_path <@ ${s.path}::ltree AND state = 'result_published'
        AND updated_at >= ${w.from} AND updated_at < ${w.to}`,
  ),
];
