import { sql } from 'kysely';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import type { EmergencyDeps } from './context.js';
import * as repo from './repository.js';
import './errors.js'; // registers this module's codes (ADR 0005)

/**
 * Location sharing (国办函〔2026〕12号: no tracking outside security and emergency use). A field
 * worker's position is kept only while the event is declared, only for workers of its area, only
 * after their explicit consent, only when the position lies in the area; consent can be withdrawn
 * at any time (their positions go with it) and ends by itself when the event closes (close.ts
 * deletes every position of the event). Every rule is checked here, on the server, on each call.
 */
async function sharedEvent(deps: EmergencyDeps, actor: Actor, id: number) {
  const e = await repo.findEvent(deps.db, repo.scopeOf(actor), id);
  if (!e) throw new AppError('NOT_FOUND');
  if (!(await repo.inArea(deps.db, actor.countyCode, id, actor.scopePath)))
    throw new AppError('EMERGENCY_NOT_IN_AREA');
  if (e.state !== 'declared') throw new AppError('EMERGENCY_CLOSED');
  return e;
}

export async function consentToShare(deps: EmergencyDeps, actor: Actor, id: number, requestId: string) {
  await sharedEvent(deps, actor, id);
  const now = deps.now();
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('emergency_location_consent')
      .values({ county_code: actor.countyCode, event_id: id, account_id: actor.accountId, consented_at: now })
      .onConflict((oc) =>
        oc
          .columns(['county_code', 'event_id', 'account_id'])
          .doUpdateSet({ consented_at: now, stopped_at: null }),
      )
      .execute();
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'emergency_event.share_location',
      entityType: 'emergency_event',
      entityId: id,
      after: { sharing: 'on' },
      requestId,
    });
  });
  return { sharing: 'on' as const };
}

/** The worker stops sharing: the consent ends and their positions of the event are deleted. */
export async function stopSharing(deps: EmergencyDeps, actor: Actor, id: number, requestId: string) {
  const e = await repo.findEvent(deps.db, repo.scopeOf(actor), id);
  if (!e) throw new AppError('NOT_FOUND');
  const now = deps.now();
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .deleteFrom('emergency_position')
      .where('county_code', '=', actor.countyCode)
      .where('event_id', '=', id)
      .where('account_id', '=', actor.accountId)
      .execute();
    const u = await tx
      .updateTable('emergency_location_consent')
      .set({ stopped_at: now })
      .where('county_code', '=', actor.countyCode)
      .where('event_id', '=', id)
      .where('account_id', '=', actor.accountId)
      .where('stopped_at', 'is', null)
      .executeTakeFirst();
    if (Number(u.numUpdatedRows) > 0)
      await recordAudit(tx, {
        actor,
        countyCode: actor.countyCode,
        action: 'emergency_event.stop_location',
        entityType: 'emergency_event',
        entityId: id,
        after: { sharing: 'off' },
        requestId,
      });
  });
  return { sharing: 'off' as const };
}

/**
 * One position from the phone: refused (nothing kept) when the event is closed, without a live
 * consent, for a worker outside the area, or at a point outside the area's grids.
 */
export async function sharePosition(
  deps: EmergencyDeps,
  actor: Actor,
  id: number,
  p: { lng: number; lat: number; at?: string },
) {
  await sharedEvent(deps, actor, id);
  const now = deps.now();
  const at = p.at ? new Date(p.at) : now;
  if (at.getTime() > now.getTime() + 5 * 60_000 || at.getTime() < now.getTime() - 3_600_000)
    throw new AppError('EMERGENCY_TIME_INVALID');
  const grid = await deps.grids.locate(p.lng, p.lat);
  const inside =
    grid !== null &&
    (await deps.db
      .selectFrom('emergency_area')
      .select('grid_code')
      .where('county_code', '=', actor.countyCode)
      .where('event_id', '=', id)
      .where('grid_code', '=', grid)
      .executeTakeFirst()) !== undefined;
  if (!inside || grid === null) throw new AppError('EMERGENCY_POSITION_OUTSIDE');
  // the consent and the event's state are re-checked in the INSERT itself (a close racing this call)
  const made = await sql<{
    id: string;
  }>`INSERT INTO emergency_position (county_code, event_id, account_id, lng, lat, grid_code, at)
    SELECT ${actor.countyCode}, ${id}, ${actor.accountId}, ${p.lng}, ${p.lat}, ${grid}, ${at}
    FROM emergency_location_consent c JOIN emergency_event e ON e.county_code = c.county_code AND e.id = c.event_id
    WHERE c.county_code = ${actor.countyCode} AND c.event_id = ${id} AND c.account_id = ${actor.accountId}
      AND c.stopped_at IS NULL AND e.state = 'declared'
    FOR SHARE OF e
    RETURNING id`.execute(deps.db);
  if (made.rows.length === 0) throw new AppError('EMERGENCY_NO_CONSENT');
  return { gridCode: grid, at: at.toISOString() };
}

/** The caller's sharing for an event (for the phone's indicator). */
export async function sharingOf(deps: EmergencyDeps, actor: Actor, e: { id: number; state: string }) {
  if (!(await repo.inArea(deps.db, actor.countyCode, e.id, actor.scopePath)) || e.state !== 'declared')
    return 'not_in_area' as const;
  const c = await deps.db
    .selectFrom('emergency_location_consent')
    .select('stopped_at')
    .where('county_code', '=', actor.countyCode)
    .where('event_id', '=', e.id)
    .where('account_id', '=', actor.accountId)
    .executeTakeFirst();
  return c && c.stopped_at === null ? ('on' as const) : ('off' as const);
}

/** The latest position of each sharing worker below a node — none once the event is closed. */
export async function latestPositions(
  deps: EmergencyDeps,
  countyCode: string,
  eventId: number,
  path: string,
) {
  const { rows } = await sql<{
    account_id: string;
    name: string;
    lng: number;
    lat: number;
    at: Date;
    grid_code: string;
  }>`
    SELECT DISTINCT ON (p.account_id) p.account_id, u.display_name AS name, p.lng, p.lat, p.at, p.grid_code
    FROM emergency_position p
    JOIN emergency_event e ON e.county_code = p.county_code AND e.id = p.event_id AND e.state = 'declared'
    JOIN emergency_location_consent c ON c.county_code = p.county_code AND c.event_id = p.event_id
      AND c.account_id = p.account_id AND c.stopped_at IS NULL
    JOIN account u ON u.id = p.account_id
    JOIN region g ON g.code = p.grid_code
    WHERE p.county_code = ${countyCode} AND p.event_id = ${eventId} AND g.path <@ ${path}::ltree
    ORDER BY p.account_id, p.at DESC`.execute(deps.db);
  return rows.map((r) => ({
    accountId: Number(r.account_id),
    name: r.name,
    lng: r.lng,
    lat: r.lat,
    at: r.at.toISOString(),
    gridCode: r.grid_code,
  }));
}
