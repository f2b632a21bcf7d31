import { sql } from 'kysely';
import {
  countIndicator,
  type IndicatorDirection,
  type IndicatorSource,
  type RowsQuery,
} from '../../platform/indicators.js';

type Info = { code: string; nameZh: string; nameEn: string; formulaZh: string; formulaEn: string };
const firms = (i: Info, rows: RowsQuery, snapshot: boolean, kind: string, direction: IndicatorDirection) =>
  countIndicator({ ...i, kind, direction, group: 'enterprises', snapshot }, rows);

const dayOf = (at: Date) => sql`(${at}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`;

/** Enterprises and social organisations of the scope (records: their names, which are public). */
const ledger =
  (more: ReturnType<typeof sql>): RowsQuery =>
  (s) =>
    sql`SELECT e.id, e.name AS label, NULL::timestamptz AS at FROM enterprise e
      WHERE e.county_code = ${s.countyCode} AND e.grid_path <@ ${s.path}::ltree ${more}`;

/** Help given to enterprises of the scope, with the day in the period. */
const helps =
  (column: 'happened_on' | 'solved_on', more: ReturnType<typeof sql>): RowsQuery =>
  (s, w) =>
    sql`SELECT h.id, e.name AS label, ${sql.ref(`h.${column}`)}::timestamptz AS at
      FROM enterprise_help h JOIN enterprise e ON e.county_code = h.county_code AND e.id = h.enterprise_id
      WHERE h.county_code = ${s.countyCode} AND e.grid_path <@ ${s.path}::ltree
        AND ${sql.ref(`h.${column}`)} >= ${dayOf(w.from)} AND ${sql.ref(`h.${column}`)} < ${dayOf(w.to)} ${more}`;

/** 两新组织 indicators (J16): the ledger, party coverage and the help cadres give. */
export const ENTERPRISE_INDICATORS: IndicatorSource[] = [
  firms(
    {
      code: 'enterprises.registered',
      nameZh: '两新组织数',
      nameEn: 'Enterprises and social organisations',
      formulaZh: '台账中的非公企业和社会组织数',
      formulaEn: 'private enterprises and social organisations in the ledger',
    },
    ledger(sql``),
    true,
    'enterprise',
    'neutral',
  ),
  firms(
    {
      code: 'enterprises.with_party_org',
      nameZh: '已建党组织的两新组织数',
      nameEn: 'With a party organisation',
      formulaZh: '台账中关联了党组织的两新组织数（党的组织覆盖）',
      formulaEn: 'organisations in the ledger linked to a party organisation (party coverage)',
    },
    ledger(sql`AND e.party_org_id IS NOT NULL`),
    true,
    'enterprise',
    'higher_better',
  ),
  firms(
    {
      code: 'enterprises.without_helper',
      nameZh: '未落实包联干部的两新组织数',
      nameEn: 'Without a helping cadre',
      formulaZh: '当前没有在岗包联干部的两新组织数',
      formulaEn: 'organisations with no helping cadre assigned now',
    },
    ledger(sql`AND NOT EXISTS (SELECT 1 FROM enterprise_helper x
      WHERE x.county_code = e.county_code AND x.enterprise_id = e.id AND x.ended_on IS NULL)`),
    true,
    'enterprise',
    'lower_better',
  ),
  firms(
    {
      code: 'enterprises.visits',
      nameZh: '走访企业次数',
      nameEn: 'Visits to enterprises',
      formulaZh: '期内包联干部走访企业的记录数',
      formulaEn: 'visits by helping cadres recorded in the period',
    },
    helps('happened_on', sql`AND h.kind = 'visit'`),
    false,
    'enterprise_help',
    'neutral',
  ),
  firms(
    {
      code: 'enterprises.problems',
      nameZh: '企业反映问题数',
      nameEn: 'Problems raised by enterprises',
      formulaZh: '期内记录的企业反映问题数',
      formulaEn: 'problems enterprises raised in the period',
    },
    helps('happened_on', sql`AND h.kind = 'problem'`),
    false,
    'enterprise_help',
    'neutral',
  ),
  firms(
    {
      code: 'enterprises.problems_solved',
      nameZh: '帮助解决问题数',
      nameEn: 'Problems solved',
      formulaZh: '期内由包联干部直接解决的企业问题数（转为事件的另计在事件中）',
      formulaEn:
        'enterprise problems solved by the helping cadre in the period (those raised as cases count there)',
    },
    helps('solved_on', sql`AND h.state = 'solved'`),
    false,
    'enterprise_help',
    'higher_better',
  ),
];
