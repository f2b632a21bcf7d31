import { sql } from 'kysely';
import { countIndicator, type IndicatorSource } from '../../platform/indicators.js';

/**
 * Members of a scope: those of its party organisations (party_org.region_path), wherever they live —
 * as the organisation tree and the party summary count them (a branch's member living in another
 * village counts for the branch's village, not their home's).
 */
const membersOf = (s: { countyCode: string; path: string }) => sql`
  SELECT m.id FROM party_member m
  JOIN party_org o ON o.county_code = m.county_code AND o.id = m.org_id
  WHERE m.county_code = ${s.countyCode} AND m.left_on IS NULL AND o.region_path <@ ${s.path}::ltree`;

/** Party indicators over the grids (issue 11): members, members per grid, households without a linked member. */
export const PARTY_INDICATORS: IndicatorSource[] = [
  countIndicator(
    {
      code: 'party.members',
      kind: 'party_member',
      nameZh: '党员数',
      nameEn: 'Party members',
      formulaZh: '当前编入本区域党组织的党员数（按所在党组织计，不按居住地）',
      formulaEn: 'party members now in the organisations of the region (by organisation, not by home)',
      direction: 'neutral',
      group: 'party',
      snapshot: true,
    },
    (s) => sql`SELECT id, '党员 #' || id AS label, NULL::timestamptz AS at FROM (${membersOf(s)}) m`,
  ),
  {
    code: 'party.members_per_grid',
    nameZh: '每网格党员数',
    nameEn: 'Party members per grid',
    formulaZh: '本区域党组织的党员数 ÷ 网格数',
    formulaEn: 'party members of the region’s organisations ÷ grids',
    unit: 'ratio',
    direction: 'higher_better',
    group: 'party',
    snapshot: true,
    async value(db, s) {
      const { rows } = await sql<{ m: string; g: string }>`
        SELECT (SELECT count(*) FROM (${membersOf(s)}) x) AS m,
               (SELECT count(*) FROM region WHERE county_code = ${s.countyCode} AND level = 'grid' AND path <@ ${s.path}::ltree) AS g`.execute(
        db,
      );
      const g = Number(rows[0]?.g ?? 0);
      return g === 0 ? null : Math.round((100 * Number(rows[0]?.m ?? 0)) / g) / 100;
    },
    async records(db, s, _w, limit) {
      const { rows } = await sql<{ code: string; name: string; total: string }>`
        SELECT code, name, count(*) OVER () AS total FROM region
        WHERE county_code = ${s.countyCode} AND level = 'grid' AND path <@ ${s.path}::ltree ORDER BY code LIMIT ${limit}`.execute(
        db,
      );
      return {
        total: Number(rows[0]?.total ?? 0),
        items: rows.map((r) => ({ kind: 'grid', id: Number(r.code), label: r.name, at: null })),
      };
    },
  },
  countIndicator(
    {
      code: 'party.households_unlinked',
      kind: 'household',
      nameZh: '未联系户数',
      nameEn: 'Households without a linked member',
      formulaZh: '没有党员联系（党员联系户）的住户数',
      formulaEn: 'households no party member is linked to',
      direction: 'lower_better',
      group: 'party',
      snapshot: true,
    },
    (s) => sql`SELECT h.id, '户 #' || h.id AS label, NULL::timestamptz AS at FROM household h
      WHERE h.county_code = ${s.countyCode} AND h.grid_path <@ ${s.path}::ltree
        AND NOT EXISTS (SELECT 1 FROM party_member_household l
                        WHERE l.county_code = h.county_code AND l.household_id = h.id)`,
  ),
];
