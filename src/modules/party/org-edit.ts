import type { z } from 'zod';
import type { Db, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import * as repo from './edit-repository.js';
import { chinaToday, levelAllowed, parentAllowed } from './kinds.js';
import type { OrgKind } from './schemas.js';
import type { OrgCreate, OrgMerge, OrgRename } from './schemas-edit.js';
import './errors.js';

type Ctx = { db: Db; now: () => Date };
export const scopeOfActor = (a: Actor) => ({ countyCode: a.countyCode, path: a.scopePath });

/** An open organisation of the caller's subtree, locked; another subtree's is 404, a closed one 409. */
export async function openOrg(tx: Tx, actor: Actor, id: number) {
  const org = await repo.lockOrg(tx, scopeOfActor(actor), id);
  if (!org) throw new AppError('NOT_FOUND');
  if (org.closed_on !== null) throw new AppError('PARTY_ORG_CLOSED');
  return org;
}

/** A day not after today (China). */
export function notFuture(ctx: Ctx, day: string) {
  if (day > chinaToday(ctx.now())) throw new AppError('PARTY_DATE_INVALID');
}

/** Creates an organisation under a parent of the caller's subtree, on a region inside the parent's. */
export async function createOrg(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof OrgCreate>,
  requestId?: string,
) {
  return ctx.db.transaction().execute(async (tx) => {
    const parent = await openOrg(tx, actor, input.parentId);
    const region = await repo.regionOf(tx, input.regionCode);
    // a region beyond the caller's county or subtree is not theirs to see
    if (!region || region.county_code !== actor.countyCode || !isWithin(region.path, actor.scopePath))
      throw new AppError('NOT_FOUND');
    if (!parentAllowed(input.kind, parent.kind as OrgKind)) throw new AppError('PARTY_ORG_PARENT_KIND');
    if (!levelAllowed(input.kind, region.level) || !isWithin(region.path, parent.region_path))
      throw new AppError('PARTY_ORG_REGION');
    const { id } = await repo.insertOrg(tx, {
      countyCode: actor.countyCode,
      parentId: parent.id,
      kind: input.kind,
      name: input.name,
      regionCode: region.code,
      path: region.path,
    });
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'party_org.create',
      entityType: 'party_org',
      entityId: id,
      after: { parentId: parent.id, kind: input.kind, regionCode: region.code },
      requestId,
    });
    return { id };
  });
}

export async function renameOrg(
  ctx: Ctx,
  actor: Actor,
  id: number,
  input: z.infer<typeof OrgRename>,
  requestId?: string,
) {
  await ctx.db.transaction().execute(async (tx) => {
    const org = await openOrg(tx, actor, id);
    await repo.updateOrg(tx, actor.countyCode, id, { name: input.name });
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'party_org.rename',
      entityType: 'party_org',
      entityId: id,
      before: { name: org.name },
      after: { name: input.name },
      reason: input.reason ?? null,
      requestId,
    });
  });
}

/**
 * Merges one organisation into another of the same kind (撤并): its members (each with a dated stay
 * in their history) and its child organisations move to the survivor; it closes on the day, kept.
 */
export async function mergeOrg(
  ctx: Ctx,
  actor: Actor,
  id: number,
  input: z.infer<typeof OrgMerge>,
  requestId?: string,
) {
  notFuture(ctx, input.on);
  return ctx.db.transaction().execute(async (tx) => {
    // lock both in id order, so two merges crossing each other cannot deadlock
    const [a, b] = id < input.intoId ? [id, input.intoId] : [input.intoId, id];
    const first = await openOrg(tx, actor, a);
    const second = a === b ? first : await openOrg(tx, actor, b);
    const from = first.id === id ? first : second;
    const into = first.id === id ? second : first;
    if (from.id === into.id || from.kind !== into.kind || from.kind === 'county_committee')
      throw new AppError('PARTY_MERGE_INVALID');
    if (await repo.isBelow(tx, actor.countyCode, from.id, into.id)) throw new AppError('PARTY_MERGE_INVALID');
    await repo.openMissingStints(tx, actor.countyCode, { orgId: from.id });
    const latest = await repo.latestOpenStart(tx, actor.countyCode, from.id);
    if (latest !== null && input.on < latest) throw new AppError('PARTY_DATE_INVALID');
    const moved = await repo.mergeOrgRows(tx, actor.countyCode, from.id, into.id, input.on, actor.accountId);
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'party_org.merge',
      entityType: 'party_org',
      entityId: from.id,
      after: {
        intoId: into.id,
        closedOn: input.on,
        membersMoved: moved.members,
        childrenMoved: moved.children,
      },
      reason: input.reason,
      requestId,
    });
    return { id: from.id, intoId: into.id, membersMoved: moved.members, childrenMoved: moved.children };
  });
}

/** ltree containment of two dotted paths, in code: `path <@ root`. */
export const isWithin = (path: string, root: string) => path === root || path.startsWith(`${root}.`);
