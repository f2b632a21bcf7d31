import { sql, type Expression, type Updateable } from 'kysely';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import type { Meeting, MeetingResolution } from '../../platform/db/schema.js';
import { inSubtree } from '../../platform/db/ltree.js';
import { likePattern, listPage, orderBySort, type SortOf } from '../../platform/lists/index.js';

/** Every query is scoped: the caller's county (the distribution key) and a subtree. */
export type Scope = { countyCode: string; path: string };

/** The columns the meeting list sorts by (the whitelist of its `sort` query). */
export const MEETING_SORT_KEYS = [
  'heldOn',
  'title',
  'kind',
  'region',
  'convener',
  'state',
  'matters',
] as const;
export type MeetingSortKey = (typeof MEETING_SORT_KEYS)[number];
const SORT_COLUMNS: Record<MeetingSortKey, Expression<unknown>> = {
  heldOn: sql`m.held_on`,
  title: sql`m.title`,
  kind: sql`m.kind`,
  region: sql`g.name`,
  convener: sql`m.convener_name`,
  state: sql`m.state`,
  matters: sql`(SELECT count(*) FROM meeting_matter x WHERE x.county_code = m.county_code AND x.meeting_id = m.id)`,
};

export type MeetingFilter = {
  from?: string;
  to?: string;
  kind?: string;
  /** words in the title, the place, the convener's name or the village's name (never a phone) */
  q?: string;
  sort?: SortOf<MeetingSortKey>;
};
export type ListFilter = MeetingFilter & { limit: number; offset: number };

const counts = [
  sql<number>`(SELECT count(*)::int FROM meeting_participant p WHERE p.county_code = m.county_code AND p.meeting_id = m.id)`.as(
    'invited',
  ),
  sql<number>`(SELECT count(*)::int FROM meeting_participant p WHERE p.county_code = m.county_code AND p.meeting_id = m.id AND p.attended)`.as(
    'attended',
  ),
  sql<number>`(SELECT count(*)::int FROM meeting_matter x WHERE x.county_code = m.county_code AND x.meeting_id = m.id)`.as(
    'matters',
  ),
  sql<number>`(SELECT count(*)::int FROM meeting_resolution r WHERE r.county_code = m.county_code AND r.meeting_id = m.id)`.as(
    'resolutions',
  ),
  sql<number>`(SELECT count(*)::int FROM meeting_resolution r WHERE r.county_code = m.county_code AND r.meeting_id = m.id AND r.status = 'done')`.as(
    'resolutions_done',
  ),
] as const;

const visible = (db: DbOrTx, s: Scope) =>
  db
    .selectFrom('meeting as m')
    .innerJoin('region as g', 'g.code', 'm.region_code')
    .where('m.county_code', '=', s.countyCode)
    .where(inSubtree('m.region_path', s.path));

const COLUMNS = [
  'm.id',
  'm.county_code',
  'm.region_code',
  'm.region_path',
  'g.name as region_name',
  'm.kind',
  'm.convener_kind',
  'm.convener_name',
  'm.title',
  'm.held_on',
  'm.place',
  'm.agenda',
  'm.state',
  'm.version',
] as const;

/** The meetings of the scope that match the filter, unordered (the total counts this). */
function matching(db: DbOrTx, s: Scope, f: MeetingFilter) {
  let q = visible(db, s);
  if (f.from) q = q.where('m.held_on', '>=', f.from);
  if (f.to) q = q.where('m.held_on', '<=', f.to);
  if (f.kind) q = q.where('m.kind', '=', f.kind);
  if (f.q) {
    const like = likePattern(f.q);
    q = q.where((eb) =>
      eb.or([
        eb('m.title', 'ilike', like),
        eb('m.place', 'ilike', like),
        eb('m.convener_name', 'ilike', like),
        eb('g.name', 'ilike', like),
      ]),
    );
  }
  return q;
}

/**
 * The meetings of the scope that match the filter with their counts, in the list's order (newest
 * first by default). The page, its total and the export are built from this one query.
 */
export function filteredMeetings(db: DbOrTx, s: Scope, f: MeetingFilter) {
  const q = matching(db, s, f).select(COLUMNS).select(counts);
  if (f.sort) return orderBySort(q, f.sort, SORT_COLUMNS, sql`m.id`);
  return q.orderBy('m.held_on', 'desc').orderBy('m.id', 'desc');
}

/** A page of the list and the exact total of its filter. */
export function listMeetings(db: DbOrTx, s: Scope, f: ListFilter) {
  return listPage(matching(db, s, f).select('m.id'), filteredMeetings(db, s, f), f.limit, f.offset);
}
export type MeetingRow = Awaited<ReturnType<typeof listMeetings>>['items'][number];

export function findMeeting(db: DbOrTx, s: Scope, id: number) {
  return visible(db, s)
    .select(COLUMNS)
    .select(counts)
    .select('m.minutes')
    .where('m.id', '=', id)
    .executeTakeFirst();
}

/** The meeting locked for a change, when the caller sees it. */
export function lockMeeting(tx: Tx, s: Scope, id: number) {
  return visible(tx, s)
    .select(['m.id', 'm.county_code', 'm.region_code', 'm.region_path', 'm.state', 'm.version'])
    .select(sql<string>`m.held_on::text`.as('held_day'))
    .where('m.id', '=', id)
    .forUpdate('m')
    .executeTakeFirst();
}

export async function participantsOf(db: DbOrTx, countyCode: string, meetingId: number) {
  return db
    .selectFrom('meeting_participant')
    .select(['id', 'kind', 'name', 'attended', 'ref_type', 'ref_id'])
    .where('county_code', '=', countyCode)
    .where('meeting_id', '=', meetingId)
    .orderBy('id')
    .execute();
}

export async function mattersOf(db: DbOrTx, countyCode: string, meetingId: number) {
  return db
    .selectFrom('meeting_matter as x')
    .select(['x.id', 'x.title', 'x.link_type', 'x.link_id'])
    .select(
      sql<boolean>`EXISTS (SELECT 1 FROM meeting_resolution r WHERE r.county_code = x.county_code AND r.matter_id = x.id)
        AND NOT EXISTS (SELECT 1 FROM meeting_resolution r WHERE r.county_code = x.county_code AND r.matter_id = x.id AND r.status NOT IN ('done', 'dropped'))`.as(
        'settled',
      ),
    )
    .where('x.county_code', '=', countyCode)
    .where('x.meeting_id', '=', meetingId)
    .orderBy('x.id')
    .execute();
}

export async function resolutionsOf(db: DbOrTx, countyCode: string, meetingId: number) {
  return db
    .selectFrom('meeting_resolution')
    .select(['id', 'matter_id', 'text', 'responsible', 'due_on', 'status', 'progress', 'done_on', 'version'])
    .where('county_code', '=', countyCode)
    .where('meeting_id', '=', meetingId)
    .orderBy('id')
    .execute();
}

export async function updatesOf(db: DbOrTx, countyCode: string, resolutionIds: number[]) {
  if (resolutionIds.length === 0) return [];
  return db
    .selectFrom('resolution_update')
    .select(['id', 'resolution_id', 'on_date', 'status', 'progress', 'note', 'actor_name'])
    .where('county_code', '=', countyCode)
    .where('resolution_id', '=', sql<number>`any(${resolutionIds}::bigint[])`)
    .orderBy('on_date')
    .orderBy('id')
    .execute();
}

export type NewMeeting = {
  countyCode: string;
  regionCode: string;
  regionPath: string;
  convenerKind: 'grid_party' | 'village';
  kind: string;
  convenerName: string;
  title: string;
  heldOn: string;
  place: string;
  agenda: string[];
  createdBy: number;
  clientRequestId: string | null;
  now: Date;
};

export async function insertMeeting(tx: Tx, m: NewMeeting) {
  return tx
    .insertInto('meeting')
    .values({
      county_code: m.countyCode,
      region_code: m.regionCode,
      region_path: m.regionPath,
      convener_kind: m.convenerKind,
      kind: m.kind,
      convener_name: m.convenerName,
      title: m.title,
      held_on: m.heldOn,
      place: m.place,
      agenda: m.agenda,
      created_by: m.createdBy,
      client_request_id: m.clientRequestId,
      created_at: m.now,
      updated_at: m.now,
    })
    .returning(['id', 'state', 'version'])
    .executeTakeFirstOrThrow();
}

export function findByRequest(db: DbOrTx, countyCode: string, accountId: number, requestId: string) {
  return db
    .selectFrom('meeting')
    .select(['id', 'state', 'version', 'title'])
    .where('county_code', '=', countyCode)
    .where('created_by', '=', accountId)
    .where('client_request_id', '=', requestId)
    .executeTakeFirst();
}

export async function insertParticipants(
  tx: Tx,
  countyCode: string,
  meetingId: number,
  ps: { kind: string; name: string; refType: string | null; refId: number | null }[],
) {
  if (ps.length === 0) return;
  await tx
    .insertInto('meeting_participant')
    .values(
      ps.map((p) => ({
        county_code: countyCode,
        meeting_id: meetingId,
        kind: p.kind,
        name: p.name,
        ref_type: p.refType,
        ref_id: p.refId,
      })),
    )
    .execute();
}

export async function insertMatters(
  tx: Tx,
  countyCode: string,
  meetingId: number,
  ms: { title: string; linkType: 'case' | 'dispute' | 'wish' | null; linkId: number | null }[],
) {
  if (ms.length === 0) return;
  await tx
    .insertInto('meeting_matter')
    .values(
      ms.map((m) => ({
        county_code: countyCode,
        meeting_id: meetingId,
        title: m.title,
        link_type: m.linkType,
        link_id: m.linkId,
      })),
    )
    .execute();
}

export async function updateMeeting(
  tx: Tx,
  countyCode: string,
  id: number,
  set: Updateable<Meeting>,
  now: Date,
) {
  return tx
    .updateTable('meeting')
    .set({ ...set, version: sql`version + 1`, updated_at: now })
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .returning(['id', 'state', 'version'])
    .executeTakeFirstOrThrow();
}

/** Attendance: the listed participants came, the others of the meeting did not. */
export async function setAttendance(tx: Tx, countyCode: string, meetingId: number, attended: number[]) {
  await tx
    .updateTable('meeting_participant')
    .set({ attended: sql<boolean>`id = any(${attended}::bigint[])` })
    .where('county_code', '=', countyCode)
    .where('meeting_id', '=', meetingId)
    .execute();
}

export async function insertResolution(
  tx: Tx,
  r: {
    countyCode: string;
    meetingId: number;
    matterId: number | null;
    text: string;
    responsible: string;
    dueOn: string | null;
    now: Date;
  },
) {
  return tx
    .insertInto('meeting_resolution')
    .values({
      county_code: r.countyCode,
      meeting_id: r.meetingId,
      matter_id: r.matterId,
      text: r.text,
      responsible: r.responsible,
      due_on: r.dueOn,
      created_at: r.now,
      updated_at: r.now,
    })
    .returning(['id', 'status', 'progress', 'version'])
    .executeTakeFirstOrThrow();
}

/** A resolution locked for an update, when its meeting lies in the scope. */
export function lockResolution(tx: Tx, s: Scope, id: number) {
  return tx
    .selectFrom('meeting_resolution as r')
    .innerJoin('meeting as m', (j) =>
      j.onRef('m.county_code', '=', 'r.county_code').onRef('m.id', '=', 'r.meeting_id'),
    )
    .select(['r.id', 'r.county_code', 'r.meeting_id', 'r.status', 'r.progress', 'r.version'])
    .where('r.county_code', '=', s.countyCode)
    .where('r.id', '=', id)
    .where(inSubtree('m.region_path', s.path))
    .forUpdate('r')
    .executeTakeFirst();
}

export async function updateResolution(
  tx: Tx,
  countyCode: string,
  id: number,
  set: Updateable<MeetingResolution>,
  now: Date,
) {
  return tx
    .updateTable('meeting_resolution')
    .set({ ...set, version: sql`version + 1`, updated_at: now })
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .returning(['id', 'status', 'progress', 'done_on', 'version'])
    .executeTakeFirstOrThrow();
}

export async function insertUpdate(
  tx: Tx,
  u: {
    countyCode: string;
    resolutionId: number;
    onDate: string;
    status: string;
    progress: number;
    note: string;
    actorId: number;
    actorName: string;
    at: Date;
  },
) {
  await tx
    .insertInto('resolution_update')
    .values({
      county_code: u.countyCode,
      resolution_id: u.resolutionId,
      on_date: u.onDate,
      status: u.status,
      progress: u.progress,
      note: u.note,
      actor_account_id: u.actorId,
      actor_name: u.actorName,
      at: u.at,
    })
    .execute();
}

/** Whether a case, dispute or wish lies in the village (or grid) the meeting is held in. */
export async function linkVisible(
  db: DbOrTx,
  countyCode: string,
  path: string,
  type: 'case' | 'dispute' | 'wish',
  id: number,
): Promise<boolean> {
  const q =
    type === 'case'
      ? sql`SELECT 1 FROM cases WHERE county_code = ${countyCode} AND id = ${id} AND grid_path <@ ${path}::ltree`
      : type === 'dispute'
        ? sql`SELECT 1 FROM dispute WHERE county_code = ${countyCode} AND id = ${id} AND grid_path <@ ${path}::ltree`
        : sql`SELECT 1 FROM wish WHERE county_code = ${countyCode} AND id = ${id} AND grid_path <@ ${path}::ltree`;
  const { rows } = await q.execute(db);
  return rows.length > 0;
}

/** The hall's counts over a subtree: meetings held, matters settled, resolutions done and open. */
export async function countsIn(db: DbOrTx, s: Scope, from: string | null, to: string | null) {
  const { rows } = await sql<{
    meetings: number;
    held: number;
    matters: number;
    settled: number;
    done: number;
    open: number;
  }>`
    WITH m AS (
      SELECT county_code, id, state FROM meeting
      WHERE county_code = ${s.countyCode} AND region_path <@ ${s.path}::ltree
        AND (${from}::date IS NULL OR held_on >= ${from}::date) AND (${to}::date IS NULL OR held_on <= ${to}::date)
    ), x AS (
      SELECT x.id,
        EXISTS (SELECT 1 FROM meeting_resolution r WHERE r.county_code = x.county_code AND r.matter_id = x.id)
        AND NOT EXISTS (SELECT 1 FROM meeting_resolution r WHERE r.county_code = x.county_code AND r.matter_id = x.id
                        AND r.status NOT IN ('done', 'dropped')) AS settled
      FROM meeting_matter x JOIN m ON m.county_code = x.county_code AND m.id = x.meeting_id
    ), r AS (
      SELECT r.status FROM meeting_resolution r JOIN m ON m.county_code = r.county_code AND m.id = r.meeting_id
    )
    SELECT (SELECT count(*)::int FROM m) AS meetings,
           (SELECT count(*)::int FROM m WHERE state = 'held') AS held,
           (SELECT count(*)::int FROM x) AS matters,
           (SELECT count(*)::int FROM x WHERE settled) AS settled,
           (SELECT count(*)::int FROM r WHERE status = 'done') AS done,
           (SELECT count(*)::int FROM r WHERE status IN ('not_started', 'in_progress')) AS open`.execute(db);
  return rows[0]!;
}
