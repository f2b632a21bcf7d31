import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import { likePattern, orderBySort, totalOf, type SortOf } from '../../platform/lists/index.js';
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

export const CITY_SORT_KEYS = ['title', 'startsOn', 'endsOn', 'state', 'targets', 'coverage'] as const;
export type CityFilter = {
  state?: string;
  /** words in the title */
  q?: string;
  sort?: SortOf<(typeof CITY_SORT_KEYS)[number]>;
};

/** The city's campaigns that match the filter: only its own (one WHERE for the page, its total and the export). */
function matchingCity(db: DbOrTx, actor: Actor, f: CityFilter) {
  let q = db.selectFrom('city_campaign as h').where('h.city_code', '=', actor.scopeCode);
  if (f.state) q = q.where('h.state', '=', f.state);
  if (f.q) q = q.where('h.title', 'ilike', likePattern(f.q));
  return q;
}

/**
 * The city's campaigns with their counts over the city's own counties (a part in a county outside the
 * city's node is never counted), in the list's order (running first, newest first by default).
 */
export function filteredCityCampaigns(db: DbOrTx, actor: Actor, f: CityFilter) {
  const q = matchingCity(db, actor, f)
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('campaign as c')
          .innerJoin('region as r', (j) =>
            j
              .onRef('r.code', '=', 'c.county_code')
              .on('r.level', '=', 'county')
              .on(sql<boolean>`r.path <@ ${actor.scopePath}::ltree`),
          )
          .innerJoin('campaign_target as t', (j) =>
            j.onRef('t.county_code', '=', 'c.county_code').onRef('t.campaign_id', '=', 'c.id'),
          )
          .whereRef('c.city_campaign_id', '=', 'h.id')
          .select([
            sql<number>`count(t.id)::int`.as('targets'),
            sql<number>`(count(t.id) FILTER (WHERE t.state = 'done'))::int`.as('done'),
            sql<number>`(count(t.id) FILTER (WHERE t.state = 'not_applicable'))::int`.as('na'),
            sql<number>`(count(t.id) FILTER (WHERE t.state = 'open'))::int`.as('open'),
            sql<number>`(count(t.id) FILTER (WHERE t.state = 'missed'))::int`.as('missed'),
          ])
          .as('k'),
      (j) => j.onTrue(),
    )
    .select(HEADER)
    .select(['k.targets', 'k.done', 'k.na', 'k.open', 'k.missed']);
  if (f.sort)
    return orderBySort(
      q,
      f.sort,
      {
        title: sql`h.title`,
        startsOn: sql`h.starts_on`,
        endsOn: sql`h.ends_on`,
        state: sql`h.state`,
        targets: sql`k.targets`,
        coverage: sql`(k.done + k.na)::numeric / nullif(k.targets, 0)`,
      },
      sql`h.id`,
    );
  return q.orderBy('h.state', 'desc').orderBy('h.id', 'desc');
}

/** A page of the city's campaigns and the exact total of the filter. */
export async function listCityCampaigns(
  db: DbOrTx,
  actor: Actor,
  f: CityFilter & { limit: number; offset: number },
) {
  const [items, total] = await Promise.all([
    filteredCityCampaigns(db, actor, f).limit(f.limit).offset(f.offset).execute(),
    totalOf(matchingCity(db, actor, f)),
  ]);
  return { items, total };
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
