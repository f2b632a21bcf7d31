import { sql, type RawBuilder, type Updateable } from 'kysely';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../accounts/index.js';
import { can } from './abilities.js';

/**
 * Which calls (aliased `c`) the caller sees: their own, and — for staff who read the log —
 * every call with a party inside their subtree. Always within the caller's county.
 */
export function visibleTo(a: Actor): RawBuilder<boolean> {
  const own = sql`(c.caller_id = ${a.accountId} OR c.callee_id = ${a.accountId})`;
  if (!can(a, 'calls.read')) return sql<boolean>`${own}`;
  return sql<boolean>`(${own} OR c.caller_path <@ ${a.scopePath}::ltree OR c.callee_path <@ ${a.scopePath}::ltree)`;
}

export const CALL_COLUMNS = [
  'c.county_code',
  'c.id',
  'c.caller_id',
  'c.callee_id',
  'c.media',
  'c.purpose',
  'c.about_type',
  'c.about_id',
  'c.about_code',
  'c.state',
  'c.outcome',
  'c.version',
  'c.started_at',
  'c.ring_until',
  'c.answered_at',
  'c.ended_at',
  'c.client_request_id',
] as const;

export async function lockCall(tx: Tx, actor: Actor, id: number) {
  return tx
    .selectFrom('call as c')
    .select(CALL_COLUMNS)
    .where('c.county_code', '=', actor.countyCode)
    .where('c.id', '=', id)
    .where(visibleTo(actor))
    .forUpdate()
    .executeTakeFirst();
}
export type CallRow = NonNullable<Awaited<ReturnType<typeof lockCall>>>;

/** A party's phone, masked (a grid worker's, from the archive); staff accounts have none. */
const partyPhone = (account: 'c.caller_id' | 'c.callee_id') =>
  sql<string | null>`(SELECT r.phone_masked FROM grid_worker w
    JOIN resident r ON r.county_code = w.county_code AND r.id = w.resident_id
    WHERE w.county_code = c.county_code AND w.account_id = ${sql.ref(account)}
    ORDER BY w.active DESC, w.id LIMIT 1)`;

/** The calls the caller sees, with the parties' names and masked phones (every list of calls starts here). */
export function visibleCalls(db: DbOrTx, actor: Actor) {
  return db
    .selectFrom('call as c')
    .innerJoin('account as ca', 'ca.id', 'c.caller_id')
    .innerJoin('account as ce', 'ce.id', 'c.callee_id')
    .select(CALL_COLUMNS)
    .select(['ca.display_name as caller_name', 'ca.role as caller_role'])
    .select(['ce.display_name as callee_name', 'ce.role as callee_role'])
    .select([partyPhone('c.caller_id').as('caller_phone'), partyPhone('c.callee_id').as('callee_phone')])
    .where('c.county_code', '=', actor.countyCode)
    .where(visibleTo(actor));
}

/** The calls the caller sees, newest first, with the parties' names. */
export async function selectCalls(
  db: DbOrTx,
  actor: Actor,
  f: { id?: number; aboutType?: string; aboutId?: number; beforeId?: number; limit: number },
) {
  let q = visibleCalls(db, actor);
  if (f.id !== undefined) q = q.where('c.id', '=', f.id);
  if (f.aboutType) q = q.where('c.about_type', '=', f.aboutType);
  if (f.aboutId !== undefined) q = q.where('c.about_id', '=', f.aboutId);
  if (f.beforeId !== undefined) q = q.where('c.id', '<', f.beforeId);
  return q.orderBy('c.id', 'desc').limit(f.limit).execute();
}
export type CallListRow = Awaited<ReturnType<typeof selectCalls>>[number];

/** Calls ringing for me now (the field app asks when it opens, in case it missed the ring). */
export async function ringingFor(db: DbOrTx, actor: Actor, now: Date) {
  const rows = await db
    .selectFrom('call as c')
    .select('c.id')
    .where('c.county_code', '=', actor.countyCode)
    .where('c.callee_id', '=', actor.accountId)
    .where('c.state', '=', 'ringing')
    .where('c.ring_until', '>', now)
    .orderBy('c.id', 'desc')
    .execute();
  return rows.map((r) => r.id);
}

/** Whether the account is in a call now (ringing or active) other than `except`. */
export async function busy(db: DbOrTx, countyCode: string, accountId: number, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('call as c')
    .select('c.id')
    .where('c.county_code', '=', countyCode)
    .where((eb) => eb.or([eb('c.caller_id', '=', accountId), eb('c.callee_id', '=', accountId)]))
    .where((eb) =>
      eb.or([
        eb('c.state', '=', 'active'),
        eb.and([eb('c.state', '=', 'ringing'), eb('c.ring_until', '>', now)]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

export async function updateCall(
  tx: Tx,
  row: { county_code: string; id: number },
  set: Updateable<DB['call']>,
) {
  await tx
    .updateTable('call')
    .set(set)
    .where('county_code', '=', row.county_code)
    .where('id', '=', row.id)
    .execute();
}

export type SignalKind =
  'ring' | 'offer' | 'answer' | 'ice' | 'answered' | 'declined' | 'hangup' | 'missed' | 'cancelled';

/** One message for one party of a call; it is also that party's live event (live.ts). */
export async function insertSignal(
  tx: DbOrTx,
  s: {
    countyCode: string;
    callId: number;
    fromId: number | null;
    toId: number;
    kind: SignalKind;
    payload?: Record<string, unknown> | null;
    at: Date;
  },
): Promise<number> {
  const row = await tx
    .insertInto('call_signal')
    .values({
      county_code: s.countyCode,
      call_id: s.callId,
      from_id: s.fromId,
      to_id: s.toId,
      kind: s.kind,
      payload: s.payload ? JSON.stringify(s.payload) : null,
      at: s.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The messages of one call addressed to me, after `after`. */
export async function signalsFor(db: DbOrTx, actor: Actor, callId: number, after: number) {
  return db
    .selectFrom('call_signal as s')
    .select(['s.id', 's.call_id', 's.kind', 's.from_id', 's.payload', 's.at'])
    .where('s.county_code', '=', actor.countyCode)
    .where('s.call_id', '=', callId)
    .where('s.to_id', '=', actor.accountId)
    .where('s.id', '>', after)
    .orderBy('s.id')
    .limit(500)
    .execute();
}
