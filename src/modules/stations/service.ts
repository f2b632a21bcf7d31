import type { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { inScope, type Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import './errors.js';
import * as repo from './repository.js';
import { checked } from './checked.js';
import type { PersonBody, StationBody, StationPatch, StockBody } from './schemas.js';
import { scopeOf } from './scope.js';

type Opts = { requestId?: string };

/**
 * Adds a station: a centre (党群服务中心) at a township or a village/community, a station
 * (网格驿站/便民服务站) at a village or community; the region must lie in the caller's scope (404)
 * and the point inside the county's grids' box (400). Audited (`station.create`).
 */
export async function createStation(db: Db, actor: Actor, b: z.infer<typeof StationBody>, o: Opts = {}) {
  return db.transaction().execute(async (tx) => {
    const region = await repo.regionOf(tx, actor.countyCode, b.regionCode);
    if (!region || !inScope(actor, region.path)) throw new AppError('NOT_FOUND');
    const ok = b.kind === 'centre' ? ['township', 'village'] : ['village'];
    if (!ok.includes(region.level)) throw new AppError('STATION_REGION_LEVEL');
    await assertInCounty(tx, actor.countyCode, b.lng, b.lat);
    const { id } = await repo.insertStation(tx, {
      county_code: actor.countyCode,
      region_code: region.code,
      region_path: region.path,
      kind: b.kind,
      name: b.name,
      address: b.address,
      lng: b.lng,
      lat: b.lat,
      opening_hours: b.openingHours,
      services: [...new Set(b.services)],
      lends: b.lends,
      created_by: actor.accountId,
    });
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'station.create',
      entityType: 'station',
      entityId: id,
      after: { kind: b.kind, regionCode: b.regionCode },
      requestId: o.requestId,
    });
    return Number(id);
  });
}

async function assertInCounty(
  tx: Parameters<typeof repo.countyBox>[0],
  county: string,
  lng: number,
  lat: number,
) {
  const box = await repo.countyBox(tx, county);
  const margin = 0.05;
  if (
    box.min_lng === null ||
    lng < box.min_lng - margin ||
    lng > box.max_lng! + margin ||
    lat < box.min_lat! - margin ||
    lat > box.max_lat! + margin
  )
    throw new AppError('STATION_OUTSIDE_COUNTY');
}

/** Edits a station's name, place, hours, services, lending or whether it is open. Audited with the fields changed. */
export async function patchStation(
  db: Db,
  actor: Actor,
  id: number,
  b: z.infer<typeof StationPatch>,
  o: Opts = {},
) {
  await db.transaction().execute(async (tx) => {
    const row = await repo.lockStation(tx, scopeOf(actor, actor.scopePath), id);
    if (!row) throw new AppError('NOT_FOUND');
    if (b.lng !== undefined || b.lat !== undefined) {
      if (b.lng === undefined || b.lat === undefined)
        throw new AppError('VALIDATION_FAILED', {
          detail: 'lng 与 lat 须同时给出',
          detailEn: 'give both lng and lat',
        });
      await assertInCounty(tx, actor.countyCode, b.lng, b.lat);
    }
    await repo.updateStation(tx, actor.countyCode, id, {
      name: b.name,
      address: b.address,
      lng: b.lng,
      lat: b.lat,
      opening_hours: b.openingHours,
      services: b.services ? [...new Set(b.services)] : undefined,
      lends: b.lends,
      active: b.active,
      updated_at: new Date(),
    });
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'station.update',
      entityType: 'station',
      entityId: id,
      after: { fields: Object.keys(b) },
      requestId: o.requestId,
    });
  });
}

/** Adds a member of staff or a volunteer to a station. Audited (`station.person_add`, no name). */
export async function addPerson(
  db: Db,
  actor: Actor,
  stationId: number,
  b: z.infer<typeof PersonBody>,
  o: Opts = {},
) {
  return db.transaction().execute(async (tx) => {
    const row = await repo.lockStation(tx, scopeOf(actor, actor.scopePath), stationId);
    if (!row) throw new AppError('NOT_FOUND');
    const { id } = await repo.insertPerson(tx, {
      county_code: actor.countyCode,
      station_id: stationId,
      role: b.role,
      name: b.name,
      duty: b.duty,
    });
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'station.person_add',
      entityType: 'station',
      entityId: stationId,
      after: { personId: Number(id), role: b.role },
      requestId: o.requestId,
    });
    return Number(id);
  });
}

/** Takes a member of staff or a volunteer off a station (kept on record, inactive). Audited. */
export async function removePerson(db: Db, actor: Actor, stationId: number, personId: number, o: Opts = {}) {
  await db.transaction().execute(async (tx) => {
    const row = await repo.lockStation(tx, scopeOf(actor, actor.scopePath), stationId);
    if (!row) throw new AppError('NOT_FOUND');
    const r = await repo.retirePerson(tx, actor.countyCode, stationId, personId);
    if (Number(r.numUpdatedRows) === 0) throw new AppError('NOT_FOUND');
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'station.person_remove',
      entityType: 'station',
      entityId: stationId,
      after: { personId },
      requestId: o.requestId,
    });
  });
}

/**
 * Sets how many items of a kind a station keeps. The items out on loan stay out: `on_hand` moves by
 * the change of `total`, in one UPDATE whose CHECK (0 ≤ on_hand ≤ total) refuses a total below the
 * number lent (409 STOCK_IN_USE). Audited with the old and new total.
 */
export async function setStock(
  db: Db,
  actor: Actor,
  stationId: number,
  b: z.infer<typeof StockBody>,
  o: Opts = {},
) {
  await db.transaction().execute(async (tx) => {
    const row = await repo.lockStation(tx, scopeOf(actor, actor.scopePath), stationId);
    if (!row) throw new AppError('NOT_FOUND');
    const before = await tx
      .selectFrom('station_stock')
      .select(['total', 'on_hand'])
      .where('county_code', '=', actor.countyCode)
      .where('station_id', '=', stationId)
      .where('item_kind', '=', b.itemKind)
      .executeTakeFirst();
    const out = before ? before.total - before.on_hand : 0;
    if (b.total < out) throw new AppError('STOCK_IN_USE');
    await checked('station_stock_on_hand', 'STOCK_IN_USE', () =>
      tx
        .insertInto('station_stock')
        .values({
          county_code: actor.countyCode,
          station_id: stationId,
          item_kind: b.itemKind,
          total: b.total,
          on_hand: b.total,
        })
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
        .execute(),
    );
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'station.stock',
      entityType: 'station',
      entityId: stationId,
      before: { itemKind: b.itemKind, total: before?.total ?? 0 },
      after: { itemKind: b.itemKind, total: b.total },
      requestId: o.requestId,
    });
  });
}
