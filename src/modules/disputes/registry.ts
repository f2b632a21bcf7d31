import { sql } from 'kysely';
import type { Db, DbOrTx, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { inScope, type Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import './errors.js'; // registers this module's codes (ADR 0005)
import type { z } from 'zod';
import type { MediatorBody, PlaceBody } from './mediation-schemas.js';
import { teamMediatorId, teamMemberAsMediator } from './team-mediators.js';

/** Registry rows under the path, and those above it (a village sees its township's and county's centres). */
const near = (alias: string, path: string) =>
  sql<boolean>`(${sql.ref(`${alias}.region_path`)} <@ ${path}::ltree OR ${sql.ref(`${alias}.region_path`)} @> ${path}::ltree)`;

const LEVEL_OF_KIND: Record<string, readonly string[]> = {
  village_point: ['village'],
  room: ['county', 'township', 'village'],
  township_centre: ['township'],
  county_centre: ['county'],
};

async function regionInScope(db: DbOrTx, actor: Actor, code: string) {
  const r = await db
    .selectFrom('region')
    .select(['code', 'path', 'level'])
    .where('code', '=', code)
    .where('county_code', '=', actor.countyCode)
    .executeTakeFirst();
  if (!r || !inScope(actor, r.path)) throw new AppError('NOT_FOUND');
  return r;
}

export async function listPlaces(db: DbOrTx, actor: Actor, path: string) {
  return db
    .selectFrom('mediation_place as p')
    .innerJoin('region as r', 'r.code', 'p.region_code')
    .leftJoin('mediator as m', (j) =>
      j.onRef('m.id', '=', 'p.mediator_id').onRef('m.county_code', '=', 'p.county_code'),
    )
    .select([
      'p.id',
      'p.kind',
      'p.name',
      'p.region_code',
      'r.name as region_name',
      'p.address',
      'p.mediator_id',
      'm.name as mediator_name',
      'p.video',
      sql<number>`(SELECT count(*)::int FROM mediation_session s WHERE s.county_code = p.county_code AND s.place_id = p.id)`.as(
        'sessions',
      ),
    ])
    .where('p.county_code', '=', actor.countyCode)
    .where('p.active', '=', true)
    .where(near('p', path))
    .orderBy('p.region_code')
    .orderBy('p.id')
    .execute();
}

export async function listMediators(db: DbOrTx, actor: Actor, path: string) {
  return db
    .selectFrom('mediator as m')
    .innerJoin('region as r', 'r.code', 'm.region_code')
    .select([
      'm.id',
      'm.name',
      'm.source',
      'm.region_code',
      'r.name as region_name',
      'm.team_member_id',
      'm.title',
      sql<number>`(SELECT count(*)::int FROM mediation_session s WHERE s.county_code = m.county_code AND m.id = ANY(s.mediator_ids) AND s.outcome = 'agreed')`.as(
        'settled',
      ),
    ])
    .where('m.county_code', '=', actor.countyCode)
    .where('m.active', '=', true)
    .where(near('m', path))
    .orderBy('m.region_code')
    .orderBy('m.id')
    .execute();
}

/** A mediator the caller sees (their subtree or above it), or 400. */
export async function visibleMediator(db: DbOrTx, actor: Actor, id: number) {
  const m = await db
    .selectFrom('mediator as m')
    .select(['m.id', 'm.region_path'])
    .where('m.county_code', '=', actor.countyCode)
    .where('m.id', '=', id)
    .where('m.active', '=', true)
    .where(near('m', actor.scopePath))
    .executeTakeFirst();
  if (!m) throw new AppError('MEDIATION_PLACE_INVALID');
  return m;
}

export async function addPlace(
  db: Db,
  now: Date,
  actor: Actor,
  b: z.infer<typeof PlaceBody>,
  requestId?: string,
) {
  return db.transaction().execute(async (tx) => {
    const r = await regionInScope(tx, actor, b.regionCode ?? actor.scopeCode);
    if (!LEVEL_OF_KIND[b.kind]!.includes(r.level)) throw new AppError('MEDIATION_PLACE_INVALID');
    if (b.mediatorId !== undefined) await visibleMediator(tx, actor, b.mediatorId);
    const row = await tx
      .insertInto('mediation_place')
      .values({
        county_code: actor.countyCode,
        region_code: r.code,
        region_path: r.path,
        kind: b.kind,
        name: b.name,
        address: b.address ?? null,
        mediator_id: b.mediatorId ?? null,
        video: b.video,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['county_code', 'region_code', 'name']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row)
      throw new AppError('CONFLICT', { detail: '同名场所已存在', detailEn: 'a place of that name exists' });
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'mediation.place_add',
      entityType: 'mediation_place',
      entityId: row.id,
      before: null,
      after: { kind: b.kind, region: r.code },
      requestId,
    });
    return row;
  });
}

/** A mediator registered from a 5+5+N team member: the member's village (the one named, or the
 * caller's), name and team; the mediator already registered for the member is returned as is. */
async function fromTeam(tx: Tx, actor: Actor, b: z.infer<typeof MediatorBody>, teamMemberId: number) {
  const code = b.regionCode ?? actor.scopeCode.slice(0, 12);
  if (code.length !== 12) throw new AppError('MEDIATION_PLACE_INVALID');
  const region = await regionInScope(tx, actor, code).catch(async (e: unknown) => {
    // a grid worker registers from their own village's teams
    if (actor.scopeCode.startsWith(code))
      return tx
        .selectFrom('region')
        .select(['code', 'path', 'level'])
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
    throw e;
  });
  const { member, existing } = await teamMemberAsMediator(tx, actor, code, teamMemberId);
  return { region, member, existing };
}

export async function addMediator(
  db: Db,
  now: Date,
  actor: Actor,
  b: z.infer<typeof MediatorBody>,
  requestId?: string,
) {
  return db.transaction().execute((tx) => addMediatorInTx(tx, now, actor, b, requestId));
}

/** `addMediator` inside the caller's transaction (a record sheet registers its team members so). */
export async function addMediatorInTx(
  tx: Tx,
  now: Date,
  actor: Actor,
  b: z.infer<typeof MediatorBody>,
  requestId?: string,
): Promise<{ id: number }> {
  {
    const from = b.teamMemberId === undefined ? null : await fromTeam(tx, actor, b, b.teamMemberId);
    if (from?.existing) return { id: from.existing };
    const r = from?.region ?? (await regionInScope(tx, actor, b.regionCode ?? actor.scopeCode));
    const row = await tx
      .insertInto('mediator')
      .values({
        county_code: actor.countyCode,
        region_code: r.code,
        region_path: r.path,
        name: from?.member.name ?? b.name ?? '',
        source: from ? 'team' : (b.source ?? 'other'),
        team_member_id: b.teamMemberId ?? null,
        title:
          b.title ||
          (from
            ? `${from.member.teamName}${from.member.title ? ` ${from.member.title}` : ''}`.slice(0, 60)
            : null),
        created_at: now,
      })
      // the same member registered twice at the same moment: the second waits for the first and
      // gets its mediator (the partial unique index of migration 0087), never a 500
      .onConflict((oc) =>
        oc.columns(['county_code', 'team_member_id']).where('team_member_id', 'is not', null).doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    if (!row) return { id: (await teamMediatorId(tx, actor, b.teamMemberId!))! };
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'mediation.mediator_add',
      entityType: 'mediator',
      entityId: row.id,
      before: null,
      after: {
        source: from ? 'team' : (b.source ?? 'other'),
        region: r.code,
        teamMemberId: b.teamMemberId ?? null,
      },
      requestId,
    });
    return row;
  }
}
