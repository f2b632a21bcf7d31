import { sql } from 'kysely';
import { countIndicator, type IndicatorSource, type RowsQuery } from '../../platform/indicators.js';

type Info = { code: string; nameZh: string; nameEn: string; formulaZh: string; formulaEn: string };
const cadres = (i: Info, rows: RowsQuery, snapshot: boolean, kind = 'cadre') =>
  countIndicator({ ...i, kind, direction: 'neutral', group: 'cadres', snapshot }, rows);

/** The local (UTC+8) day of an instant, in SQL. */
const dayOf = (at: Date) => sql`(${at}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`;

/** Cadres of the scope (records: register numbers, never a name — no one is ranked). */
const register =
  (more: ReturnType<typeof sql>): RowsQuery =>
  (s) =>
    sql`SELECT c.id, '干部 #' || c.id AS label, NULL::timestamptz AS at FROM cadre c
      JOIN region r ON r.code = c.region_code
      WHERE c.county_code = ${s.countyCode} AND c.region_path <@ ${s.path}::ltree ${more}`;

/** 干部队伍 indicators (J16): the register's counts as the organisation department reports them. */
export const CADRE_INDICATORS: IndicatorSource[] = [
  cadres(
    {
      code: 'cadres.committee_members',
      nameZh: '村（社区）两委成员数',
      nameEn: 'Village/community committee members',
      formulaZh: '登记在村（社区）、担任两委职务的干部人数',
      formulaEn: 'cadres of a village or community holding a committee post',
    },
    register(sql`AND r.level = 'village' AND cardinality(c.posts) > 0`),
    true,
  ),
  cadres(
    {
      code: 'cadres.one_shoulder',
      nameZh: '书记主任“一肩挑”人数',
      nameEn: 'Secretaries who are also directors',
      formulaZh: '同时担任村（社区）党组织书记和村（居）委会主任的干部人数',
      formulaEn: 'village or community cadres holding both the secretary’s and the director’s post',
    },
    register(sql`AND r.level = 'village' AND c.posts @> ARRAY['secretary', 'director']::text[]`),
    true,
  ),
  cadres(
    {
      code: 'cadres.reserve',
      nameZh: '后备干部数',
      nameEn: 'Reserve cadres',
      formulaZh: '登记为后备干部的人数',
      formulaEn: 'cadres registered as reserve cadres',
    },
    register(sql`AND c.reserve`),
    true,
  ),
  cadres(
    {
      code: 'cadres.first_secretaries',
      nameZh: '在岗驻村第一书记数',
      nameEn: 'First secretaries in post',
      formulaZh: '当日在岗（已到任、未离任）的驻村第一书记人数',
      formulaEn: 'first secretaries in post on the day asked (started, not ended)',
    },
    (s, w) =>
      sql`SELECT f.id, '第一书记 #' || f.id AS label, NULL::timestamptz AS at FROM first_secretary f
        WHERE f.county_code = ${s.countyCode} AND f.village_path <@ ${s.path}::ltree
          AND f.started_on <= ${dayOf(w.now)} AND (f.ended_on IS NULL OR f.ended_on >= ${dayOf(w.now)})`,
    true,
    'first_secretary',
  ),
  cadres(
    {
      code: 'cadres.trainings',
      nameZh: '干部培训人次',
      nameEn: 'Cadre trainings attended',
      formulaZh: '期内举办日期落在期内的干部培训记录数（一人一次计一）',
      formulaEn: 'training records with their date in the period (one per cadre per course)',
    },
    (s, w) =>
      sql`SELECT t.id, t.title AS label, t.held_on::timestamptz AS at FROM cadre_training t
        JOIN cadre c ON c.county_code = t.county_code AND c.id = t.cadre_id
        WHERE t.county_code = ${s.countyCode} AND c.region_path <@ ${s.path}::ltree
          AND t.held_on >= ${dayOf(w.from)} AND t.held_on < ${dayOf(w.to)}`,
    false,
    'cadre_training',
  ),
];
