import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { Tier } from './states.js';

const NEXT: Record<Tier, Tier | null> = { village: 'township', township: 'county', county: null };

/**
 * 三级联动: where a case goes from `fromTier`. The most specific active rule wins
 * (category before any category, urgency before any urgency); with no rule the
 * next tier up. Also answers who is copied (抄送): roles at the case's township or
 * county, or department codes.
 */
export async function escalationTarget(
  db: DbOrTx,
  countyCode: string,
  categoryCode: string,
  urgency: string,
  fromTier: Tier,
) {
  if (fromTier === 'county') return null;
  const rule = await db
    .selectFrom('escalation_rule')
    .select(['to_tier', 'cc'])
    .where('county_code', '=', countyCode)
    .where('from_tier', '=', fromTier)
    .where('active', '=', true)
    .where((eb) => eb.or([eb('category_code', '=', categoryCode), eb('category_code', 'is', null)]))
    .where((eb) => eb.or([eb('urgency', '=', urgency), eb('urgency', 'is', null)]))
    .orderBy(sql`category_code IS NULL`)
    .orderBy(sql`urgency IS NULL`)
    .orderBy('id')
    .executeTakeFirst();
  const toTier = (rule?.to_tier as Tier | undefined) ?? NEXT[fromTier];
  if (!toTier) return null;
  const cc = rule?.cc ?? [];
  return {
    toTier,
    cc,
    ccAccounts: (gridCode: string) => ccAccounts(db, countyCode, cc, gridCode),
  };
}

async function ccAccounts(db: DbOrTx, countyCode: string, cc: string[], gridCode: string): Promise<number[]> {
  if (cc.length === 0) return [];
  // the two centres are roles (accounts scoped to the township / county); the rest department codes
  const isCentre = (x: string) => x === 'township_centre' || x === 'county_centre';
  const roles = cc.filter(isCentre);
  const depts = cc.filter((x) => !isCentre(x));
  const ids: number[] = [];
  for (const role of roles) {
    const scope = role === 'township_centre' ? gridCode.slice(0, 9) : gridCode.slice(0, 6);
    const rows = await db
      .selectFrom('account')
      .select('id')
      .where('role', '=', role)
      .where('scope_code', '=', scope)
      .where('disabled', '=', false)
      .execute();
    ids.push(...rows.map((r) => r.id));
  }
  if (depts.length) {
    const rows = await db
      .selectFrom('account as a')
      .innerJoin('department as d', (j) =>
        j.onRef('d.id', '=', 'a.department_id').onRef('d.county_code', '=', 'a.county_code'),
      )
      .select('a.id')
      .where('d.county_code', '=', countyCode)
      .where('d.code', 'in', depts)
      .where('d.region_code', 'in', [gridCode.slice(0, 9), gridCode.slice(0, 6)])
      .where('a.disabled', '=', false)
      .execute();
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}
