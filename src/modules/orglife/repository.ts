import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import { DEFAULT_RHYTHM, DEFAULT_SINCE, holderOf, LIFE_KINDS, type LifeKind, type Period } from './rules.js';
import type { Scope } from './scope.js';

export type RhythmRow = { kind: LifeKind; period: Period; since: string };

/** The county's rhythm per kind: its own settings, the usual rhythm for kinds it has not set. */
export async function rhythmOf(db: DbOrTx, countyCode: string): Promise<RhythmRow[]> {
  const rows = await db
    .selectFrom('org_life_rhythm')
    .select(['kind', 'period', sql<string>`since::text`.as('since')])
    .where('county_code', '=', countyCode)
    .execute();
  return LIFE_KINDS.map((kind) => {
    const r = rows.find((x) => x.kind === kind);
    return r
      ? { kind, period: r.period as Period, since: r.since }
      : { kind, period: DEFAULT_RHYTHM[kind], since: DEFAULT_SINCE };
  });
}

export async function upsertRhythm(db: DbOrTx, countyCode: string, items: RhythmRow[], now: Date) {
  await db
    .insertInto('org_life_rhythm')
    .values(
      items.map((i) => ({
        county_code: countyCode,
        kind: i.kind,
        period: i.period,
        since: i.since,
        updated_at: now,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['county_code', 'kind']).doUpdateSet((eb) => ({
        period: eb.ref('excluded.period'),
        since: eb.ref('excluded.since'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

/**
 * Every branch and party group of the scope with the day it last held each kind due of it (up to `today`):
 * one index probe per organisation and kind.
 */
export function lastHeld(db: DbOrTx, scope: Scope, today: string, kind?: LifeKind) {
  const kinds = (kind ? [kind] : [...LIFE_KINDS]).map((k) => sql`(${k}::text, ${holderOf(k)}::text)`);
  return sql<{
    org_id: number;
    org_name: string;
    region_code: string;
    region_name: string;
    kind: LifeKind;
    last_held: string | null;
  }>`
    SELECT o.id AS org_id, o.name AS org_name, o.region_code, r.name AS region_name, k.kind,
      (SELECT max(m.held_on)::text FROM org_life_meeting m
        WHERE m.county_code = o.county_code AND m.org_id = o.id AND m.kind = k.kind AND m.held_on <= ${today}::date) AS last_held
    FROM party_org o
    JOIN region r ON r.code = o.region_code
    JOIN (VALUES ${sql.join(kinds)}) AS k(kind, holder) ON k.holder = o.kind
    WHERE o.county_code = ${scope.countyCode} AND o.region_path <@ ${scope.path}::ltree
    ORDER BY o.region_code, o.id`
    .execute(db)
    .then((r) => r.rows);
}

export type MeetingFilter = {
  orgId?: number;
  kind?: LifeKind;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
};

function meetings(db: DbOrTx, scope: Scope) {
  return db
    .selectFrom('org_life_meeting as m')
    .innerJoin('party_org as o', (j) =>
      j.onRef('o.county_code', '=', 'm.county_code').onRef('o.id', '=', 'm.org_id'),
    )
    .where('m.county_code', '=', scope.countyCode)
    .where(inSubtree('m.region_path', scope.path));
}

const COLUMNS = [
  'm.id',
  'm.org_id',
  'o.name as org_name',
  'm.kind',
  sql<string>`m.held_on::text`.as('held_on'),
  'm.topic',
  'm.present',
  'm.members_total',
] as const;

export async function listMeetings(db: DbOrTx, scope: Scope, f: MeetingFilter) {
  let q = meetings(db, scope);
  if (f.orgId) q = q.where('m.org_id', '=', f.orgId);
  if (f.kind) q = q.where('m.kind', '=', f.kind);
  if (f.from) q = q.where('m.held_on', '>=', f.from);
  if (f.to) q = q.where('m.held_on', '<=', f.to);
  const [items, total] = await Promise.all([
    q
      .select(COLUMNS)
      .orderBy('m.held_on', 'desc')
      .orderBy('m.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export const findMeeting = (db: DbOrTx, scope: Scope, id: number) =>
  meetings(db, scope).select(COLUMNS).select('m.minutes').where('m.id', '=', id).executeTakeFirst();

export function attendanceOf(db: DbOrTx, countyCode: string, meetingId: number) {
  return db
    .selectFrom('org_life_attendance as a')
    .innerJoin('party_member as pm', (j) =>
      j.onRef('pm.county_code', '=', 'a.county_code').onRef('pm.id', '=', 'a.member_id'),
    )
    .innerJoin('resident as r', (j) =>
      j.onRef('r.county_code', '=', 'pm.county_code').onRef('r.id', '=', 'pm.resident_id'),
    )
    .select(['a.member_id', 'r.name', 'a.status'])
    .where('a.county_code', '=', countyCode)
    .where('a.meeting_id', '=', meetingId)
    .orderBy('a.member_id')
    .execute();
}

export const findByRequest = (db: DbOrTx, countyCode: string, accountId: number, rid: string) =>
  db
    .selectFrom('org_life_meeting')
    .select(['id', 'org_id', 'kind', sql<string>`held_on::text`.as('held_on')])
    .where('county_code', '=', countyCode)
    .where('created_by', '=', accountId)
    .where('client_request_id', '=', rid)
    .executeTakeFirst();

export type NewMeeting = {
  countyCode: string;
  orgId: number;
  regionPath: string;
  kind: LifeKind;
  heldOn: string;
  topic: string;
  minutes: string;
  attendance: { memberId: number; status: string }[];
  createdBy: number;
  clientRequestId: string | null;
};

/** The meeting and its whole attendance sheet (one row per member of the organisation). */
export async function insertMeeting(tx: DbOrTx, m: NewMeeting) {
  const made = await tx
    .insertInto('org_life_meeting')
    .values({
      county_code: m.countyCode,
      org_id: m.orgId,
      region_path: m.regionPath,
      kind: m.kind,
      held_on: m.heldOn,
      topic: m.topic,
      minutes: m.minutes,
      present: m.attendance.filter((a) => a.status === 'present').length,
      members_total: m.attendance.length,
      created_by: m.createdBy,
      client_request_id: m.clientRequestId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(made.id);
  if (m.attendance.length > 0)
    await tx
      .insertInto('org_life_attendance')
      .values(
        m.attendance.map((a) => ({
          county_code: m.countyCode,
          meeting_id: id,
          member_id: a.memberId,
          status: a.status,
        })),
      )
      .execute();
  return id;
}
