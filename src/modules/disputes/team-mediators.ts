import type { Tx, DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import { teamMembersFor } from '../teams/index.js';
import { findDispute } from './repository.js';
import './errors.js'; // registers this module's codes (ADR 0005)

const notFound = () =>
  new AppError('NOT_FOUND', {
    detail: '该五加五加N队伍成员不存在或不在您的管辖范围内',
    detailEn: 'no such 5+5+N team member in your scope',
  });

/** The caller's view of a village's teams: a grid worker sees their grid's village (as teams does). */
const teamScope = (actor: Actor, village: string) => ({
  countyCode: actor.countyCode,
  scopePath: actor.scopeCode.length > 12 ? pathOf(village) : actor.scopePath,
});

/**
 * A 5+5+N team member of the village (a mediating team: 纠纷调解会, 姐妹调解团, 法律顾问 …) as the
 * mediator record to register: 404 unless the member belongs to a mediating team of that village
 * inside the caller's scope. `existing` is the mediator already registered for the member, if any.
 */
export async function teamMemberAsMediator(tx: Tx, actor: Actor, village: string, teamMemberId: number) {
  const members = await teamMembersFor(tx, teamScope(actor, village), village, 'mediation');
  const m = members.find((x) => x.id === teamMemberId);
  if (!m) throw notFound();
  return { member: m, existing: await teamMediatorId(tx, actor, teamMemberId) };
}

/** The mediator registered for a team member, if any (at most one: migration 0087's unique index). */
export async function teamMediatorId(tx: Tx, actor: Actor, teamMemberId: number): Promise<number | null> {
  const row = await tx
    .selectFrom('mediator')
    .select('id')
    .where('county_code', '=', actor.countyCode)
    .where('team_member_id', '=', teamMemberId)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * The participants a mediation session of this dispute can draw on besides the registered mediators:
 * the mediating 5+5+N team members of the dispute's village, each with its mediator id once registered.
 */
export async function disputeTeamMembers(db: DbOrTx, actor: Actor, disputeId: number) {
  const d = await findDispute(db, actor, disputeId);
  if (!d) throw new AppError('NOT_FOUND');
  const village = d.grid_code.slice(0, 12);
  // the dispute is visible to the caller, so its village's teams are too
  const members = await teamMembersFor(
    db,
    { countyCode: actor.countyCode, scopePath: pathOf(village) },
    village,
    'mediation',
  );
  const ids = members.map((m) => m.id);
  const registered =
    ids.length === 0
      ? []
      : await db
          .selectFrom('mediator')
          .select(['id', 'team_member_id'])
          .where('county_code', '=', actor.countyCode)
          .where('team_member_id', 'in', ids)
          .where('active', '=', true)
          .execute();
  const byMember = new Map(registered.map((r) => [Number(r.team_member_id), r.id]));
  return {
    villageCode: village,
    items: members.map((m) => ({ ...m, mediatorId: byMember.get(m.id) ?? null })),
  };
}
