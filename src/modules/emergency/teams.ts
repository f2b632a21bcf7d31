import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import type { EmergencyDeps } from './context.js';
import './errors.js'; // registers this module's codes (ADR 0005)

type TeamKind = 'militia' | 'volunteer' | 'vanguard';

/** 应急队伍 of a township or village of the caller's scope. */
export async function createTeam(
  deps: EmergencyDeps,
  actor: Actor,
  input: { regionCode: string; kind: TeamKind; name: string },
  requestId: string,
) {
  return deps.db.transaction().execute(async (tx) => {
    const r = await tx
      .selectFrom('region')
      .select(['code', sql<string>`path::text`.as('path')])
      .where('code', '=', input.regionCode)
      .where('county_code', '=', actor.countyCode)
      .where('level', 'in', ['township', 'village'])
      .where(sql<boolean>`path <@ ${actor.scopePath}::ltree`)
      .executeTakeFirst();
    if (!r) throw new AppError('NOT_FOUND');
    const t = await tx
      .insertInto('emergency_team')
      .values({
        county_code: actor.countyCode,
        region_code: r.code,
        region_path: r.path,
        kind: input.kind,
        name: input.name,
        created_by: actor.accountId,
        created_at: deps.now(),
      })
      .onConflict((oc) => oc.columns(['county_code', 'region_code', 'name']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!t)
      throw new AppError('VALIDATION_FAILED', {
        detail: '同名队伍已存在',
        detailEn: 'a team of this name exists',
      });
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'emergency_team.create',
      entityType: 'emergency_team',
      entityId: Number(t.id),
      after: { region: r.code, kind: input.kind },
      requestId,
    });
    return { id: Number(t.id) };
  });
}

/** A member: a present resident or an active account of the team's region (never a typed-in stranger). */
export async function addMember(
  deps: EmergencyDeps,
  actor: Actor,
  teamId: number,
  input: { residentId?: number; accountId?: number; duty: string },
  requestId: string,
) {
  return deps.db.transaction().execute(async (tx) => {
    const team = await tx
      .selectFrom('emergency_team')
      .select(['id', sql<string>`region_path::text`.as('path')])
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', teamId)
      .where(sql<boolean>`region_path <@ ${actor.scopePath}::ltree`)
      .forUpdate()
      .executeTakeFirst();
    if (!team) throw new AppError('NOT_FOUND');
    const ok =
      input.residentId !== undefined
        ? await tx
            .selectFrom('resident')
            .select('id')
            .where('county_code', '=', actor.countyCode)
            .where('id', '=', input.residentId)
            .where('status', '=', 'present')
            .where(sql<boolean>`grid_path <@ ${team.path}::ltree`)
            .executeTakeFirst()
        : await tx
            .selectFrom('account as u')
            .innerJoin('region as r', 'r.code', 'u.scope_code')
            .select('u.id')
            .where('u.county_code', '=', actor.countyCode)
            .where('u.id', '=', input.accountId!)
            .where('u.disabled', '=', false)
            .where('u.role', '<>', 'resident')
            .where(sql<boolean>`r.path <@ ${team.path}::ltree`)
            .executeTakeFirst();
    if (!ok) throw new AppError('EMERGENCY_MEMBER_INVALID');
    const m = await tx
      .insertInto('emergency_team_member')
      .values({
        county_code: actor.countyCode,
        team_id: teamId,
        resident_id: input.residentId ?? null,
        account_id: input.accountId ?? null,
        duty: input.duty,
        added_at: deps.now(),
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (m)
      await recordAudit(tx, {
        actor,
        countyCode: actor.countyCode,
        action: 'emergency_team.add_member',
        entityType: 'emergency_team',
        entityId: teamId,
        after: { memberId: Number(m.id), from: input.residentId !== undefined ? 'resident' : 'account' },
        requestId,
      });
    return { id: teamId };
  });
}

export async function listTeams(db: DbOrTx, countyCode: string, path: string) {
  const teams = await db
    .selectFrom('emergency_team as t')
    .innerJoin('region as r', 'r.code', 't.region_code')
    .select(['t.id', 't.region_code', 'r.name as region_name', 't.kind', 't.name'])
    .where('t.county_code', '=', countyCode)
    .where(sql<boolean>`t.region_path <@ ${path}::ltree`)
    .orderBy('t.region_code')
    .orderBy('t.id')
    .limit(500)
    .execute();
  const ids = teams.map((t) => Number(t.id));
  const members = ids.length
    ? await db
        .selectFrom('emergency_team_member as m')
        .leftJoin('resident as p', (j) =>
          j.onRef('p.county_code', '=', 'm.county_code').onRef('p.id', '=', 'm.resident_id'),
        )
        .leftJoin('account as u', 'u.id', 'm.account_id')
        .select([
          'm.id',
          'm.team_id',
          'm.duty',
          'm.resident_id',
          sql<string>`coalesce(p.name, u.display_name, '')`.as('name'),
        ])
        .where('m.county_code', '=', countyCode)
        .where('m.team_id', 'in', ids)
        .orderBy('m.id')
        .execute()
    : [];
  return teams.map((t) => ({
    id: Number(t.id),
    regionCode: t.region_code,
    regionName: t.region_name,
    kind: t.kind as TeamKind,
    name: t.name,
    members: members
      .filter((m) => Number(m.team_id) === Number(t.id))
      .map((m) => ({
        id: Number(m.id),
        name: m.name,
        duty: m.duty,
        from: m.resident_id === null ? ('account' as const) : ('resident' as const),
      })),
  }));
}
