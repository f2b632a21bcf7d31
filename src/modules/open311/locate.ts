import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { badRequest } from './format.js';

/**
 * Where a request without coordinates is. `address_id` is our addressing system's id:
 * a grid code (15 digits, as returned in a request's address_id). An `address_string`
 * alone is matched against the county's grid and village names (e.g. "新兴社区第1网格",
 * "张家村"): the most specific unique match wins (a grid, else a village, which is then
 * placed in its first grid); names shared by several places need the township name too.
 */
export async function gridOfAddressId(db: DbOrTx, countyCode: string, addressId: string): Promise<string> {
  const ok =
    /^\d{15}$/.test(addressId) &&
    (await db
      .selectFrom('region')
      .select('code')
      .where('code', '=', addressId)
      .where('level', '=', 'grid')
      .where('county_code', '=', countyCode)
      .executeTakeFirst());
  if (!ok)
    throw badRequest(
      `address_id ${addressId} is not a grid of jurisdiction ${countyCode} (use a 15-digit grid code as returned in address_id)`,
    );
  return addressId;
}

// "张家村民委员会" is written "张家村" in an address; "新兴社区居民委员会" → "新兴社区".
const SHORT = sql<string>`regexp_replace(r.name, '(村民委员会|村委会|居民委员会|居委会)$', '')`;

export async function gridOfAddressString(db: DbOrTx, countyCode: string, address: string): Promise<string> {
  const text = address.slice(0, 500);
  const matches = await db
    .selectFrom('region as r')
    .innerJoin('region as t', (j) => j.on(sql<boolean>`t.code = substr(r.code, 1, 9)`))
    .select(['r.code', 'r.level', 't.name as township', sql<number>`length(${SHORT})`.as('len')])
    .where('r.county_code', '=', countyCode)
    .where('r.level', 'in', ['grid', 'village'])
    .where(sql<boolean>`length(${SHORT}) >= 2 AND strpos(${text}, ${SHORT}) > 0`)
    .execute();
  const pick = (level: string) => {
    const at = matches.filter((m) => m.level === level);
    const longest = Math.max(0, ...at.map((m) => m.len));
    let best = at.filter((m) => m.len === longest);
    if (best.length > 1) best = best.filter((m) => text.includes(m.township));
    return best.length === 1 ? best[0]!.code : best.length > 1 ? 'ambiguous' : null;
  };
  const found = pick('grid') ?? pick('village');
  if (found === null || found === 'ambiguous') {
    throw badRequest(
      found === 'ambiguous'
        ? 'address_string names several places; add the township or send lat/long or address_id'
        : 'address_string could not be located in this jurisdiction; send lat/long (WGS-84) or address_id (a grid code)',
    );
  }
  if (found.length === 15) return found;
  const first = await db
    .selectFrom('region')
    .select('code')
    .where('parent_code', '=', found)
    .where('level', '=', 'grid')
    .orderBy('code')
    .executeTakeFirst();
  if (!first) throw badRequest('address_string names a village without grids; send lat/long (WGS-84)');
  return first.code;
}
