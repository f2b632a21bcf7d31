import type { z } from 'zod';
import type { Db, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { openMissingStints } from './edit-repository.js';
import { MEMBER_KINDS } from './kinds.js';
import * as repo from './member-repository.js';
import { notFuture, openOrg, scopeOfActor } from './org-edit.js';
import type { OrgKind } from './schemas.js';
import type { History, MemberMove, TransferIn, TransferOut } from './schemas-edit.js';
import './errors.js';

type Ctx = { db: Db; now: () => Date };

/** An active member of the caller's subtree with their open stay (made from joined_on when missing). */
async function activeMember(tx: Tx, actor: Actor, id: number) {
  const m = await repo.lockMember(tx, scopeOfActor(actor), id);
  if (!m) throw new AppError('NOT_FOUND');
  if (m.left_on !== null) throw new AppError('PARTY_MEMBER_LEFT');
  await openMissingStints(tx, actor.countyCode, { memberId: id });
  const stint = await repo.openStint(tx, actor.countyCode, id);
  if (!stint) throw new Error(`party member ${id} has no open stay`);
  return { ...m, stint };
}

async function memberOrg(tx: Tx, actor: Actor, orgId: number) {
  const org = await openOrg(tx, actor, orgId);
  if (!MEMBER_KINDS.includes(org.kind as OrgKind)) throw new AppError('PARTY_MEMBER_ORG_KIND');
  return org;
}

/** Moves a member to another branch or group of the caller's subtree from a day; history kept. */
export async function moveMember(
  ctx: Ctx,
  actor: Actor,
  id: number,
  input: z.infer<typeof MemberMove>,
  requestId?: string,
) {
  notFuture(ctx, input.on);
  await ctx.db.transaction().execute(async (tx) => {
    const m = await activeMember(tx, actor, id);
    const org = await memberOrg(tx, actor, input.orgId);
    if (org.id === m.org_id) throw new AppError('PARTY_SAME_ORG');
    if (m.stint.started_on !== null && input.on < m.stint.started_on)
      throw new AppError('PARTY_DATE_INVALID');
    await repo.endStint(tx, actor.countyCode, m.stint.id, { on: input.on, reason: 'moved' });
    await repo.startStint(tx, {
      countyCode: actor.countyCode,
      memberId: id,
      orgId: org.id,
      on: input.on,
      reason: 'moved',
      note: input.reason,
      actorId: actor.accountId,
    });
    await repo.setMember(tx, actor.countyCode, id, { org_id: org.id });
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'party_member.move',
      entityType: 'party_member',
      entityId: id,
      before: { orgId: m.org_id },
      after: { orgId: org.id, on: input.on },
      reason: input.reason ?? null,
      requestId,
    });
  });
}

/**
 * 组织关系转出: the member's relation goes to an organisation elsewhere on a day. The record stays
 * (with its history); the households they looked after are left without a linked member.
 */
export async function transferOut(
  ctx: Ctx,
  actor: Actor,
  id: number,
  input: z.infer<typeof TransferOut>,
  requestId?: string,
) {
  notFuture(ctx, input.on);
  return ctx.db.transaction().execute(async (tx) => {
    const m = await activeMember(tx, actor, id);
    if (m.stint.started_on !== null && input.on < m.stint.started_on)
      throw new AppError('PARTY_DATE_INVALID');
    await repo.endStint(tx, actor.countyCode, m.stint.id, {
      on: input.on,
      reason: 'transfer_out',
      wentTo: input.to,
    });
    await repo.setMember(tx, actor.countyCode, id, { left_on: input.on, left_to: input.to });
    const unlinked = await repo.unlinkAll(tx, actor.countyCode, id);
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'party_member.transfer_out',
      entityType: 'party_member',
      entityId: id,
      before: { orgId: m.org_id },
      after: { leftOn: input.on, householdsUnlinked: unlinked },
      reason: input.reason ?? null,
      requestId,
    });
    return { id, householdsUnlinked: unlinked };
  });
}

/**
 * 组织关系转入: a resident of the caller's subtree joins a branch or group from an organisation
 * elsewhere on a day: a new member, or the same record again for one who had transferred out.
 */
export async function transferIn(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof TransferIn>,
  requestId?: string,
) {
  notFuture(ctx, input.on);
  if (input.joinedOn !== undefined && input.joinedOn > input.on) throw new AppError('PARTY_DATE_INVALID');
  return ctx.db.transaction().execute(async (tx) => {
    const person = await repo.residentInScope(tx, scopeOfActor(actor), input.residentId);
    if (!person) throw new AppError('NOT_FOUND');
    const org = await memberOrg(tx, actor, input.orgId);
    let id: number;
    if (person.member_id !== null) {
      if (person.left_on === null) throw new AppError('PARTY_MEMBER_ACTIVE');
      if (input.on < person.left_on) throw new AppError('PARTY_DATE_INVALID');
      id = person.member_id;
      await repo.setMember(tx, actor.countyCode, id, {
        org_id: org.id,
        left_on: null,
        left_to: null,
        region_path: person.grid_path,
      });
    } else {
      id = await repo.insertMember(tx, {
        countyCode: actor.countyCode,
        residentId: person.id,
        orgId: org.id,
        path: person.grid_path,
        joinedOn: input.joinedOn ?? null,
      });
    }
    await repo.startStint(tx, {
      countyCode: actor.countyCode,
      memberId: id,
      orgId: org.id,
      on: input.on,
      reason: 'transfer_in',
      cameFrom: input.from,
      actorId: actor.accountId,
    });
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'party_member.transfer_in',
      entityType: 'party_member',
      entityId: id,
      after: { orgId: org.id, on: input.on, residentId: person.id, returning: person.member_id !== null },
      requestId,
    });
    return { id };
  });
}

/** A member's organisations over time; one who has no recorded stay shows their present one. */
export async function memberHistory(db: Db, actor: Actor, id: number): Promise<z.infer<typeof History>> {
  const head = await repo.memberHead(db, scopeOfActor(actor), id);
  if (!head) throw new AppError('NOT_FOUND');
  const rows = await repo.stints(db, actor.countyCode, id);
  const items: z.infer<typeof History>['items'] = rows.map((s) => ({
    orgId: s.org_id,
    orgName: s.org_name,
    orgClosedOn: s.closed_on,
    startedOn: s.started_on,
    startReason: s.start_reason as 'enrolled',
    cameFrom: s.came_from,
    endedOn: s.ended_on,
    endReason: s.end_reason as 'moved' | null,
    wentTo: s.went_to,
    note: s.note,
  }));
  if (items.length === 0)
    items.push({
      orgId: head.org_id,
      orgName: head.org_name,
      orgClosedOn: head.closed_on,
      startedOn: head.joined_on,
      startReason: 'enrolled',
      cameFrom: null,
      endedOn: null,
      endReason: null,
      wentTo: null,
      note: null,
    });
  return { memberId: head.id, name: head.name, leftOn: head.left_on, leftTo: head.left_to, items };
}
