import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import type { Actor } from '../accounts/index.js';
import type { RawCounts } from './repository.js';

/** The counties under a city node (the territory's `county` level below its path). */
export async function countiesOf(db: DbOrTx, cityPath: string) {
  return db
    .selectFrom('region')
    .select(['code', 'name', sql<string>`path::text`.as('path')])
    .where('level', '=', 'county')
    .where(sql<boolean>`path <@ ${cityPath}::ltree`)
    .orderBy('code')
    .execute();
}

const HEADER = [
  'h.id',
  'h.city_code',
  'h.title',
  'h.template_key',
  'h.rule',
  'h.checklist',
  'h.supervising',
  sql<string>`h.starts_on::text`.as('starts_on'),
  sql<string>`h.ends_on::text`.as('ends_on'),
  'h.state',
  'h.version',
  'h.close_reason',
  'h.closed_at',
] as const;

/** A city's campaign, visible only to the centre of that city (its scope is the city node): else undefined → 404. */
export const findCityCampaign = (db: DbOrTx, actor: Actor, id: number) =>
  db
    .selectFrom('city_campaign as h')
    .select(HEADER)
    .where('h.city_code', '=', actor.scopeCode)
    .where('h.id', '=', id)
    .executeTakeFirst();

export const lockCityCampaign = async (tx: Tx, actor: Actor, id: number) => {
  const row = await tx
    .selectFrom('city_campaign as h')
    .select(HEADER)
    .where('h.city_code', '=', actor.scopeCode)
    .where('h.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  // the workflow runner's row: the city's code stands in the county's place (its audit rows carry it)
  return row && { ...row, id: Number(row.id), county_code: row.city_code };
};
export type CityCampaignRow = NonNullable<Awaited<ReturnType<typeof findCityCampaign>>>;
export type CityRow = NonNullable<Awaited<ReturnType<typeof lockCityCampaign>>>;

export async function listCityCampaigns(
  db: DbOrTx,
  actor: Actor,
  q: { state?: string; limit: number; offset: number },
) {
  let base = db.selectFrom('city_campaign as h').where('h.city_code', '=', actor.scopeCode);
  if (q.state) base = base.where('h.state', '=', q.state);
  const [items, total] = await Promise.all([
    base
      .select(HEADER)
      .orderBy('h.state', 'desc')
      .orderBy('h.id', 'desc')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** The county parts of city campaigns (their county and campaign ids). */
export async function partsOf(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('campaign')
    .select(['county_code', 'id', 'city_campaign_id', 'region_path', 'state', 'version'])
    .where('city_campaign_id', 'in', ids)
    .orderBy('county_code')
    .execute();
}

const COUNTS = sql<RawCounts>`count(t.id)::int AS targets,
  (count(t.id) FILTER (WHERE t.state = 'done'))::int AS done,
  (count(t.id) FILTER (WHERE t.state = 'not_applicable'))::int AS na,
  (count(t.id) FILTER (WHERE t.state = 'open'))::int AS open,
  (count(t.id) FILTER (WHERE t.state = 'missed'))::int AS missed`;

/**
 * Progress of city campaigns by county: every county under the city, with the counts of its part
 * (zero where the rule selected nobody there). Counts only: no target's name or address.
 */
export async function byCounty(db: DbOrTx, cityPath: string, ids: number[]) {
  if (ids.length === 0) return [];
  const { rows } = await sql<RawCounts & { city_campaign_id: number; code: string; name: string }>`
    SELECT h.id AS city_campaign_id, r.code, r.name, ${COUNTS}
    FROM city_campaign h
    JOIN region r ON r.level = 'county' AND r.path <@ ${cityPath}::ltree
    LEFT JOIN campaign c ON c.county_code = r.code AND c.city_campaign_id = h.id
    LEFT JOIN campaign_target t ON t.county_code = c.county_code AND t.campaign_id = c.id
    WHERE h.id = ANY(${ids}::bigint[])
    GROUP BY h.id, r.code, r.name ORDER BY h.id, r.code`.execute(db);
  return rows;
}
