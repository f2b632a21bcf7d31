import type { z } from 'zod';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { inScope, type Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import './errors.js';
import * as repo from './repository.js';
import { checked } from './checked.js';
import type { PersonBody, StationBody, StationPatch, StockBody } from './schemas.js';
import { scopeOf } from './scope.js';

type Opts = { requestId?: string };
type Audited<R> = { result: R; before?: Record<string, unknown>; after: Record<string, unknown> };

/**
 * The one shape of every change to an existing station: in a transaction, lock the station when
 * the caller sees it (404 otherwise), make the change, and audit it on the station with what the
 * change reports (ids and field names only).
 */
async function onStation<R>(
  db: Db,
  actor: Actor,
  stationId: number,
  action: string,
  o: Opts,
  change: (tx: DbOrTx) => Promise<Audited<R>>,
): Promise<R> {
  return db.transaction().execute(async (tx) => {
    const row = await repo.lockStation(tx, scopeOf(actor, actor.scopePath), stationId);
    if (!row) throw new AppError('NOT_FOUND');
    const { result, before, after } = await change(tx);
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action,
      entityType: 'station',
      entityId: stationId,
      before,
      after,
      requestId: o.requestId,
    });
    return result;
  });
}

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

async function assertInCounty(tx: DbOrTx, county: string, lng: number, lat: number) {
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
  await onStation(db, actor, id, 'station.update', o, async (tx) => {
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
    return { result: undefined, after: { fields: Object.keys(b) } };
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
  return onStation(db, actor, stationId, 'station.person_add', o, async (tx) => {
    const { id } = await repo.insertPerson(tx, {
      county_code: actor.countyCode,
      station_id: stationId,
      role: b.role,
      name: b.name,
      duty: b.duty,
    });
    return { result: Number(id), after: { personId: Number(id), role: b.role } };
  });
}

/** Takes a member of staff or a volunteer off a station (kept on record, inactive). Audited. */
export async function removePerson(db: Db, actor: Actor, stationId: number, personId: number, o: Opts = {}) {
  await onStation(db, actor, stationId, 'station.person_remove', o, async (tx) => {
    const r = await repo.retirePerson(tx, actor.countyCode, stationId, personId);
    if (Number(r.numUpdatedRows) === 0) throw new AppError('NOT_FOUND');
    return { result: undefined, after: { personId } };
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
  await onStation(db, actor, stationId, 'station.stock', o, async (tx) => {
    const before = await repo.stockOf(tx, actor.countyCode, stationId, b.itemKind);
    const out = before ? before.total - before.on_hand : 0;
    if (b.total < out) throw new AppError('STOCK_IN_USE');
    await checked('station_stock_on_hand', 'STOCK_IN_USE', () =>
      repo.upsertStock(tx, actor.countyCode, stationId, b.itemKind, b.total),
    );
    return {
      result: undefined,
      before: { itemKind: b.itemKind, total: before?.total ?? 0 },
      after: { itemKind: b.itemKind, total: b.total },
    };
  });
}
