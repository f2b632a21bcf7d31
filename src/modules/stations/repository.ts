import { sql, type Insertable, type Updateable } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import { inSubtree } from '../../platform/db/ltree.js';
import type { StationKind } from './kinds.js';
import type { StationScope } from './scope.js';

function selectStations(db: DbOrTx, s: StationScope) {
  return db
    .selectFrom('station as s')
    .innerJoin('region as r', 'r.code', 's.region_code')
    .where('s.county_code', '=', s.countyCode)
    .where(inSubtree('s.region_path', s.path))
    .select([
      's.county_code',
      's.id',
      's.kind',
      's.name',
      's.region_code',
      'r.name as region_name',
      's.region_path',
      's.address',
      's.lng',
      's.lat',
      's.opening_hours',
      's.services',
      's.lends',
      's.active',
      sql<number>`(SELECT count(*) FILTER (WHERE p.role = 'staff')::int FROM station_person p
                    WHERE p.county_code = s.county_code AND p.station_id = s.id AND p.active)`.as('staff'),
      sql<number>`(SELECT count(*) FILTER (WHERE p.role = 'volunteer')::int FROM station_person p
                    WHERE p.county_code = s.county_code AND p.station_id = s.id AND p.active)`.as(
        'volunteers',
      ),
    ]);
}
export type StationRow = NonNullable<Awaited<ReturnType<typeof findStation>>>;

export async function listStations(
  db: DbOrTx,
  s: StationScope,
  f: { kind?: StationKind; limit: number; offset: number },
) {
  let q = selectStations(db, s);
  if (f.kind) q = q.where('s.kind', '=', f.kind);
  const [items, total] = await Promise.all([
    q.orderBy('s.region_code').orderBy('s.kind').orderBy('s.id').limit(f.limit).offset(f.offset).execute(),
    q
      .clearSelect()
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export function findStation(db: DbOrTx, s: StationScope, id: number) {
  return selectStations(db, s).where('s.id', '=', id).executeTakeFirst();
}

/** The station row locked for a change (stock, activities), only when the caller sees it. */
export function lockStation(db: DbOrTx, s: StationScope, id: number) {
  return db
    .selectFrom('station')
    .select(['county_code', 'id', 'region_path', 'name', 'active', 'lends'])
    .where('county_code', '=', s.countyCode)
    .where(inSubtree('region_path', s.path))
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function insertStation(db: DbOrTx, row: Insertable<DB['station']>) {
  return db.insertInto('station').values(row).returning('id').executeTakeFirstOrThrow();
}

export function updateStation(db: DbOrTx, countyCode: string, id: number, set: Updateable<DB['station']>) {
  return db
    .updateTable('station')
    .set(set)
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function people(db: DbOrTx, countyCode: string, stationId: number) {
  return db
    .selectFrom('station_person')
    .select(['id', 'role', 'name', 'duty'])
    .where('county_code', '=', countyCode)
    .where('station_id', '=', stationId)
    .where('active', '=', true)
    .orderBy('role')
    .orderBy('id')
    .execute();
}

export function insertPerson(
  db: DbOrTx,
  row: { county_code: string; station_id: number; role: string; name: string; duty: string },
) {
  return db.insertInto('station_person').values(row).returning('id').executeTakeFirstOrThrow();
}

export function retirePerson(db: DbOrTx, countyCode: string, stationId: number, personId: number) {
  return db
    .updateTable('station_person')
    .set({ active: false })
    .where('county_code', '=', countyCode)
    .where('station_id', '=', stationId)
    .where('id', '=', personId)
    .where('active', '=', true)
    .executeTakeFirst();
}

export function stock(db: DbOrTx, countyCode: string, stationId: number) {
  return db
    .selectFrom('station_stock')
    .select(['item_kind', 'total', 'on_hand'])
    .where('county_code', '=', countyCode)
    .where('station_id', '=', stationId)
    .orderBy('item_kind')
    .execute();
}

/** One kind's stock of a station (undefined: the station keeps none of it yet). */
export function stockOf(db: DbOrTx, countyCode: string, stationId: number, itemKind: string) {
  return db
    .selectFrom('station_stock')
    .select(['total', 'on_hand'])
    .where('county_code', '=', countyCode)
    .where('station_id', '=', stationId)
    .where('item_kind', '=', itemKind)
    .executeTakeFirst();
}

/** Sets a kind's total; `on_hand` moves by the change of `total` (the items out stay out). */
export function upsertStock(
  db: DbOrTx,
  countyCode: string,
  stationId: number,
  itemKind: string,
  total: number,
) {
  return db
    .insertInto('station_stock')
    .values({ county_code: countyCode, station_id: stationId, item_kind: itemKind, total, on_hand: total })
    .onConflict((oc) =>
      oc.columns(['county_code', 'station_id', 'item_kind']).doUpdateSet((eb) => ({
        total: eb.ref('excluded.total'),
        on_hand: eb(
          'station_stock.on_hand',
          '+',
          eb(eb.ref('excluded.total'), '-', eb.ref('station_stock.total')),
        ),
      })),
    )
    .execute();
}

/** The region a new station belongs to, with its level (null: no such region in this county). */
export function regionOf(db: DbOrTx, countyCode: string, code: string) {
  return db
    .selectFrom('region')
    .select(['code', 'path', 'level', 'min_lng', 'max_lng', 'min_lat', 'max_lat'])
    .where('code', '=', code)
    .where('county_code', '=', countyCode)
    .executeTakeFirst();
}

export function countyBox(db: DbOrTx, countyCode: string) {
  return db
    .selectFrom('region')
    .select([
      sql<number | null>`min(min_lng)`.as('min_lng'),
      sql<number | null>`max(max_lng)`.as('max_lng'),
      sql<number | null>`min(min_lat)`.as('min_lat'),
      sql<number | null>`max(max_lat)`.as('max_lat'),
    ])
    .where('county_code', '=', countyCode)
    .where('level', '=', 'grid')
    .executeTakeFirstOrThrow();
}
