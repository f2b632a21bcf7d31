import { sql } from 'kysely';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/idempotency.js';
import { inSubtree } from '../../platform/db/ltree.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import './errors.js';
import { checked } from './checked.js';
import { lockStation } from './repository.js';
import { residentInScope } from './residents.js';
import type { ActivityBody } from './schemas.js';
import { scopeOf, type StationScope } from './scope.js';

type Opts = { requestId?: string; now: Date };

function selectActivities(db: DbOrTx, s: StationScope) {
  return db
    .selectFrom('station_activity as a')
    .innerJoin('station as s', (j) =>
      j.onRef('s.county_code', '=', 'a.county_code').onRef('s.id', '=', 'a.station_id'),
    )
    .where('a.county_code', '=', s.countyCode)
    .where(inSubtree('s.region_path', s.path))
    .select([
      'a.id',
      'a.station_id',
      's.name as station_name',
      'a.title',
      'a.service',
      'a.starts_at',
      'a.ends_at',
      'a.capacity',
      'a.booked',
      'a.attended',
      'a.cancelled_at',
    ]);
}
export type ActivityRow = Awaited<ReturnType<typeof findActivity>>;

export async function listActivities(
  db: DbOrTx,
  s: StationScope,
  f: { station?: number; from?: string; to?: string; limit: number; offset: number },
) {
  let q = selectActivities(db, s);
  if (f.station) q = q.where('a.station_id', '=', f.station);
  if (f.from) q = q.where('a.starts_at', '>=', new Date(f.from));
  if (f.to) q = q.where('a.starts_at', '<', new Date(f.to));
  const [items, total] = await Promise.all([
    q.orderBy('a.starts_at', 'desc').orderBy('a.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q
      .clearSelect()
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export function findActivity(db: DbOrTx, s: StationScope, id: number) {
  return selectActivities(db, s).where('a.id', '=', id).executeTakeFirst();
}

export function bookings(db: DbOrTx, countyCode: string, activityId: number) {
  return db
    .selectFrom('activity_booking as b')
    .innerJoin('resident as r', (j) =>
      j.onRef('r.county_code', '=', 'b.county_code').onRef('r.id', '=', 'b.resident_id'),
    )
    .select(['b.id', 'b.resident_id', 'r.name as resident_name', 'b.booked_at', 'b.attended_at'])
    .where('b.county_code', '=', countyCode)
    .where('b.activity_id', '=', activityId)
    .where('b.cancelled_at', 'is', null)
    .orderBy('b.id')
    .execute();
}

/** Schedules an activity at a station the caller manages. Audited (`station_activity.create`). */
export async function createActivity(
  db: Db,
  actor: Actor,
  stationId: number,
  b: z.infer<typeof ActivityBody>,
  o: Opts,
) {
  return db.transaction().execute(async (tx) => {
    const st = await lockStation(tx, scopeOf(actor, actor.scopePath), stationId);
    if (!st) throw new AppError('NOT_FOUND');
    const { id } = await tx
      .insertInto('station_activity')
      .values({
        county_code: actor.countyCode,
        station_id: stationId,
        title: b.title,
        service: b.service,
        starts_at: new Date(b.startsAt),
        ends_at: new Date(b.endsAt),
        capacity: b.capacity,
        created_by: actor.accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'station_activity.create',
      entityType: 'station_activity',
      entityId: id,
      after: { stationId, capacity: b.capacity, startsAt: b.startsAt },
      requestId: o.requestId,
    });
    return Number(id);
  });
}

/**
 * Books a resident of the caller's scope into an activity. The seat is taken by one conditional
 * UPDATE (`booked < capacity`, not started, not cancelled) and the table's CHECK keeps
 * `booked ≤ capacity` whatever the interleaving: two callers racing for the last seat get one
 * booking and one 409 ACTIVITY_FULL. One live booking per resident (unique index → 409).
 */
export async function bookActivity(db: Db, actor: Actor, activityId: number, residentId: number, o: Opts) {
  return db.transaction().execute(async (tx) => {
    const a = await findActivity(tx, scopeOf(actor), activityId);
    if (!a) throw new AppError('NOT_FOUND');
    await residentInScope(tx, actor, residentId);
    if (a.cancelled_at || a.starts_at.getTime() <= o.now.getTime()) throw new AppError('ACTIVITY_CLOSED');
    const seat = await checked('station_activity_capacity', 'ACTIVITY_FULL', () =>
      tx
        .updateTable('station_activity')
        .set((eb) => ({ booked: eb('booked', '+', 1) }))
        .where('county_code', '=', actor.countyCode)
        .where('id', '=', activityId)
        .whereRef('booked', '<', 'capacity')
        .returning('booked')
        .executeTakeFirst(),
    );
    if (!seat) throw new AppError('ACTIVITY_FULL');
    let id: number;
    try {
      const row = await tx
        .insertInto('activity_booking')
        .values({
          county_code: actor.countyCode,
          activity_id: activityId,
          resident_id: residentId,
          booked_by: actor.accountId,
          booked_at: o.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = Number(row.id);
    } catch (err) {
      if (isUniqueViolation(err, 'activity_booking_once')) throw new AppError('ACTIVITY_ALREADY_BOOKED');
      throw err;
    }
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'station_activity.book',
      entityType: 'station_activity',
      entityId: activityId,
      after: { bookingId: id, residentId },
      requestId: o.requestId,
    });
    return id;
  });
}

/** Cancels a live booking before the activity starts; the seat is given back. Audited. */
export async function cancelBooking(db: Db, actor: Actor, activityId: number, bookingId: number, o: Opts) {
  await db.transaction().execute(async (tx) => {
    const a = await findActivity(tx, scopeOf(actor), activityId);
    if (!a) throw new AppError('NOT_FOUND');
    const b = await tx
      .selectFrom('activity_booking')
      .select(['id', 'cancelled_at', 'attended_at', 'resident_id'])
      .where('county_code', '=', actor.countyCode)
      .where('activity_id', '=', activityId)
      .where('id', '=', bookingId)
      .forUpdate()
      .executeTakeFirst();
    if (!b) throw new AppError('NOT_FOUND');
    await residentInScope(tx, actor, Number(b.resident_id));
    if (b.cancelled_at || b.attended_at) throw new AppError('BOOKING_NOT_LIVE');
    if (a.starts_at.getTime() <= o.now.getTime()) throw new AppError('ACTIVITY_CLOSED');
    await tx
      .updateTable('activity_booking')
      .set({ cancelled_at: o.now })
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', bookingId)
      .execute();
    await tx
      .updateTable('station_activity')
      .set((eb) => ({ booked: eb('booked', '-', 1) }))
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', activityId)
      .execute();
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'station_activity.cancel_booking',
      entityType: 'station_activity',
      entityId: activityId,
      after: { bookingId },
      requestId: o.requestId,
    });
  });
}

/**
 * Takes attendance once the activity has started: the listed residents' live bookings are marked
 * attended (a resident without a booking is not added: attendance follows booking). Answers how many
 * were marked now. Audited with the count.
 */
export async function takeAttendance(
  db: Db,
  actor: Actor,
  activityId: number,
  residentIds: number[],
  o: Opts,
) {
  return db.transaction().execute(async (tx) => {
    const a = await findActivity(tx, scopeOf(actor), activityId);
    if (!a) throw new AppError('NOT_FOUND');
    if (a.cancelled_at) throw new AppError('ACTIVITY_CLOSED');
    if (a.starts_at.getTime() > o.now.getTime()) throw new AppError('ACTIVITY_NOT_STARTED');
    const marked = await tx
      .updateTable('activity_booking')
      .set({ attended_at: o.now })
      .where('county_code', '=', actor.countyCode)
      .where('activity_id', '=', activityId)
      .where('resident_id', 'in', [...new Set(residentIds)])
      .where('cancelled_at', 'is', null)
      .where('attended_at', 'is', null)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('resident as r')
            .select('r.id')
            .whereRef('r.county_code', '=', 'activity_booking.county_code')
            .whereRef('r.id', '=', 'activity_booking.resident_id')
            .where(inSubtree('r.grid_path', actor.scopePath)),
        ),
      )
      .returning('id')
      .execute();
    if (marked.length > 0)
      await tx
        .updateTable('station_activity')
        .set((eb) => ({ attended: eb('attended', '+', marked.length) }))
        .where('county_code', '=', actor.countyCode)
        .where('id', '=', activityId)
        .execute();
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'station_activity.attend',
      entityType: 'station_activity',
      entityId: activityId,
      after: { marked: marked.length },
      requestId: o.requestId,
    });
    return marked.length;
  });
}
