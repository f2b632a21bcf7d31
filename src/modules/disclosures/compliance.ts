import { sql } from 'kysely';
import type { z } from 'zod';
import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import { rhythmAt } from './rules.js';
import type { ComplianceResponse } from './schemas.js';

type Board = z.infer<typeof ComplianceResponse>;

/**
 * §30's rhythm board: for every village (村; urban communities answer
 * to the residents' committee law) under `path`, the latest published period of
 * each kind and whether this quarter's village affairs and this month's finances
 * are still to be published (Asia/Shanghai calendar, as of `now`).
 */
export async function complianceBoard(
  db: DbOrTx,
  countyCode: string,
  path: string,
  now: Date,
): Promise<Board> {
  const r = rhythmAt(now);
  const latest = (filter: string) =>
    sql<
      string | null
    >`(array_agg(d.period ORDER BY d.published_at DESC) FILTER (WHERE ${sql.raw(filter)} AND NOT d.major))[1]`;
  const rows = await db
    .selectFrom('region as v')
    .innerJoin('region as t', 't.code', 'v.parent_code')
    .leftJoin('disclosure as d', (j) =>
      j
        .on('d.county_code', '=', countyCode)
        .onRef('d.village_code', '=', 'v.code')
        .on('d.status', '=', 'published')
        .on('d.published_at', '<=', now),
    )
    .select([
      'v.code',
      'v.name',
      't.code as township_code',
      't.name as township_name',
      latest(`d.kind = 'village'`).as('latest_village'),
      latest(`d.kind = 'finance'`).as('latest_finance'),
      latest(`d.kind = 'party'`).as('latest_party'),
      sql<Date | null>`max(d.published_at) FILTER (WHERE d.kind = 'village')`.as('village_at'),
      sql<Date | null>`max(d.published_at) FILTER (WHERE d.kind = 'finance')`.as('finance_at'),
      sql<Date | null>`max(d.published_at) FILTER (WHERE d.major)`.as('major_at'),
    ])
    .where('v.county_code', '=', countyCode)
    .where('v.level', '=', 'village')
    .where('v.kind', '=', 'village')
    .where(inSubtree('v.path', path))
    .groupBy(['v.code', 'v.name', 't.code', 't.name'])
    .orderBy('v.code')
    .execute();

  const villages = rows.map((v) => ({
    code: v.code,
    name: v.name,
    townshipCode: v.township_code,
    townshipName: v.township_name,
    latestVillagePeriod: v.latest_village,
    latestFinancePeriod: v.latest_finance,
    latestPartyPeriod: v.latest_party,
    lastVillagePublishedAt: v.village_at?.toISOString() ?? null,
    lastFinancePublishedAt: v.finance_at?.toISOString() ?? null,
    lastMajorPublishedAt: v.major_at?.toISOString() ?? null,
    villageAffairsDue: !v.village_at || v.village_at < r.quarterStart,
    financeDue: !v.finance_at || v.finance_at < r.monthStart,
  }));
  const townships = new Map<string, Board['townships'][number]>();
  for (const v of villages) {
    const t = townships.get(v.townshipCode) ?? {
      code: v.townshipCode,
      name: v.townshipName,
      villages: 0,
      villageAffairsDue: 0,
      financeDue: 0,
    };
    t.villages += 1;
    t.villageAffairsDue += Number(v.villageAffairsDue);
    t.financeDue += Number(v.financeDue);
    townships.set(t.code, t);
  }
  const sum = (k: 'villageAffairsDue' | 'financeDue') => villages.filter((v) => v[k]).length;
  return {
    quarter: r.quarter,
    month: r.month,
    totals: {
      villages: villages.length,
      villageAffairsDue: sum('villageAffairsDue'),
      financeDue: sum('financeDue'),
    },
    townships: [...townships.values()],
    villages,
  };
}
