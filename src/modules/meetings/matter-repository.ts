import { sql, type Updateable } from 'kysely';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import type { MajorMatter } from '../../platform/db/schema.js';
import { inSubtree } from '../../platform/db/ltree.js';
import type { Scope } from './repository.js';

const visible = (db: DbOrTx, s: Scope) =>
  db
    .selectFrom('major_matter as x')
    .innerJoin('region as v', 'v.code', 'x.village_code')
    .where('x.county_code', '=', s.countyCode)
    .where(inSubtree('x.village_path', s.path));

const COLUMNS = [
  'x.id',
  'x.county_code',
  'x.village_code',
  'x.village_path',
  'v.name as village_name',
  'x.title',
  'x.proposal',
  'x.state',
  'x.members_total',
  'x.members_present',
  'x.members_for',
  'x.assembly_kind',
  'x.assembly_total',
  'x.assembly_present',
  'x.households_total',
  'x.households_present',
  'x.assembly_for',
  'x.resolution_text',
  'x.result_text',
  'x.resolution_disclosure_id',
  'x.result_disclosure_id',
  'x.version',
  'x.created_at',
  'x.updated_at',
] as const;

export async function listMatters(
  db: DbOrTx,
  s: Scope,
  f: { state?: string; limit: number; offset: number },
) {
  let q = visible(db, s);
  if (f.state) q = q.where('x.state', '=', f.state);
  const [items, total] = await Promise.all([
    q
      .select(COLUMNS)
      .orderBy('x.updated_at', 'desc')
      .orderBy('x.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}
export type MatterRow = Awaited<ReturnType<typeof listMatters>>['items'][number];

export const findMatter = (db: DbOrTx, s: Scope, id: number) =>
  visible(db, s).select(COLUMNS).where('x.id', '=', id).executeTakeFirst();

export const lockMatter = (tx: Tx, s: Scope, id: number) =>
  visible(tx, s).select(COLUMNS).where('x.id', '=', id).forUpdate('x').executeTakeFirst();

export function stepsOf(db: DbOrTx, countyCode: string, matterId: number) {
  return db
    .selectFrom('major_matter_step as s')
    .leftJoin('meeting as m', (j) =>
      j.onRef('m.county_code', '=', 's.county_code').onRef('m.id', '=', 's.meeting_id'),
    )
    .select(['s.id', 's.action', 's.from_state', 's.to_state', 's.actor_name', 's.note', 's.at'])
    .select([
      's.meeting_id',
      'm.title as meeting_title',
      sql<string | null>`m.held_on::text`.as('meeting_held_on'),
    ])
    .where('s.county_code', '=', countyCode)
    .where('s.matter_id', '=', matterId)
    .orderBy('s.at')
    .orderBy('s.id')
    .execute();
}

export async function insertMatter(
  tx: Tx,
  m: {
    countyCode: string;
    villageCode: string;
    villagePath: string;
    title: string;
    proposal: string;
    createdBy: number;
    clientRequestId: string | null;
    now: Date;
  },
) {
  return tx
    .insertInto('major_matter')
    .values({
      county_code: m.countyCode,
      village_code: m.villageCode,
      village_path: m.villagePath,
      title: m.title,
      proposal: m.proposal,
      created_by: m.createdBy,
      client_request_id: m.clientRequestId,
      created_at: m.now,
      updated_at: m.now,
    })
    .returning(['id', 'state', 'version'])
    .executeTakeFirstOrThrow();
}

export function matterByRequest(db: DbOrTx, countyCode: string, accountId: number, requestId: string) {
  return db
    .selectFrom('major_matter')
    .select(['id', 'state', 'version', 'title'])
    .where('county_code', '=', countyCode)
    .where('created_by', '=', accountId)
    .where('client_request_id', '=', requestId)
    .executeTakeFirst();
}

export async function updateMatter(
  tx: Tx,
  countyCode: string,
  id: number,
  set: Updateable<MajorMatter>,
  now: Date,
) {
  return tx
    .updateTable('major_matter')
    .set({ ...set, version: sql`version + 1`, updated_at: now })
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .returning(['id', 'state', 'version', 'resolution_disclosure_id', 'result_disclosure_id'])
    .executeTakeFirstOrThrow();
}

export async function addStep(
  tx: Tx,
  s: {
    countyCode: string;
    matterId: number;
    action: string;
    fromState: string;
    toState: string;
    actorId: number;
    actorName: string;
    note: string | null;
    meetingId: number | null;
    at: Date;
  },
) {
  await tx
    .insertInto('major_matter_step')
    .values({
      county_code: s.countyCode,
      matter_id: s.matterId,
      action: s.action,
      from_state: s.fromState,
      to_state: s.toState,
      actor_account_id: s.actorId,
      actor_name: s.actorName,
      note: s.note,
      meeting_id: s.meetingId,
      at: s.at,
    })
    .execute();
}
