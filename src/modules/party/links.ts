import { sql } from 'kysely';
import type { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import { createOnce } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import { exportList, totalOf, type XlsxColumn } from '../../platform/lists/index.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import * as repo from './links-repository.js';
import type { Scope } from './repository.js';
import type { LinkBatch, LinkGrids, LinkHousehold, LinkResult } from './schemas-edit.js';
import './errors.js';

type Ctx = { db: Db };
type Result = z.infer<typeof LinkResult>;

/**
 * 党员联系户 in bulk: the chosen households of the caller's subtree → one member of it, all or
 * nothing (one household beyond the subtree refuses the whole batch with 404), once per
 * clientRequestId (a resend answers the first result, even after later changes).
 */
export async function assignHouseholds(
  ctx: Ctx,
  actor: Actor,
  scope: Scope,
  input: z.infer<typeof LinkBatch>,
  requestId?: string,
): Promise<Result> {
  return createOnce<NonNullable<Awaited<ReturnType<typeof repo.findBatch>>>, Result>({
    requestId: input.clientRequestId,
    find: (rid) => repo.findBatch(ctx.db, actor.countyCode, actor.accountId, rid),
    constraint: 'party_link_batch_request_idx',
    replay: (b) => {
      const same =
        b.member_id === input.memberId &&
        b.household_ids.length === input.householdIds.length &&
        b.household_ids.every((h) => input.householdIds.includes(Number(h)));
      if (!same) throw new AppError('REQUEST_ID_REUSED');
      return { memberId: b.member_id, linked: b.household_ids.length, relinked: b.relinked };
    },
    create: () =>
      ctx.db.transaction().execute(async (tx) => {
        if (!(await repo.activeMemberInScope(tx, scope, input.memberId))) throw new AppError('NOT_FOUND');
        const found = await repo.householdsInScope(tx, scope, input.householdIds);
        if (found !== input.householdIds.length) throw new AppError('NOT_FOUND');
        const relinked = await repo.linkHouseholds(tx, actor.countyCode, input.memberId, input.householdIds);
        await repo.insertBatch(tx, {
          countyCode: actor.countyCode,
          requestId: input.clientRequestId,
          memberId: input.memberId,
          ids: input.householdIds,
          relinked,
          actorId: actor.accountId,
        });
        await recordAudit(tx, {
          actor,
          countyCode: actor.countyCode,
          action: 'party_link.assign',
          entityType: 'party_member',
          entityId: input.memberId,
          after: { householdIds: input.householdIds, relinked },
          requestId,
        });
        return { memberId: input.memberId, linked: input.householdIds.length, relinked };
      }),
  });
}

/** The grids of a region with households nobody looks after counted; the worst first. */
export async function linkGrids(
  db: Db,
  scope: Scope,
  q: { unlinkedOnly: 'true' | 'false'; limit: number; offset: number },
): Promise<z.infer<typeof LinkGrids>> {
  const base = db.selectFrom(repo.gridLinkRows(db, scope).as('x')).selectAll();
  const filtered = q.unlinkedOnly === 'true' ? base.where('x.unlinked', '>', 0) : base;
  const [items, totals] = await Promise.all([
    filtered.orderBy('x.unlinked', 'desc').orderBy('x.code').limit(q.limit).offset(q.offset).execute(),
    db
      .selectFrom(repo.gridLinkRows(db, scope).as('x'))
      .select([
        sql<number>`count(*)::int`.as('grids'),
        sql<number>`(count(*) filter (where x.unlinked > 0))::int`.as('with_unlinked'),
        sql<number>`coalesce(sum(x.households), 0)::int`.as('households'),
        sql<number>`coalesce(sum(x.unlinked), 0)::int`.as('unlinked'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: items.map((r) => ({
      code: r.code,
      name: r.name,
      households: r.households ?? 0,
      unlinked: r.unlinked ?? 0,
      members: r.members ?? 0,
    })),
    total: q.unlinkedOnly === 'true' ? totals.with_unlinked : totals.grids,
    households: totals.households,
    unlinked: totals.unlinked,
    gridsWithUnlinked: totals.with_unlinked,
  };
}

type Row = Awaited<ReturnType<ReturnType<typeof repo.orderedHouseholdLinks>['execute']>>[number];
const toItem = (r: Row): z.infer<typeof LinkHousehold> => ({
  id: r.id,
  address: r.address,
  gridCode: r.grid_code,
  gridName: r.grid_name,
  memberCount: r.member_count,
  careTags: r.care_tags,
  memberId: r.member_id,
  memberName: r.member_name,
});

export async function linkHouseholdList(
  db: Db,
  scope: Scope,
  q: { unlinked: 'true' | 'false'; limit: number; offset: number },
) {
  const unlinked = q.unlinked === 'true';
  const [rows, total] = await Promise.all([
    repo.orderedHouseholdLinks(db, scope, unlinked).limit(q.limit).offset(q.offset).execute(),
    totalOf(repo.householdLinkRows(db, scope, unlinked).select('h.id')),
  ]);
  return { items: rows.map(toItem), total };
}

const COLUMNS: readonly XlsxColumn<Row>[] = [
  { header: '户编号 Household', width: 12, cell: (r) => r.id },
  { header: '网格 Grid', width: 18, cell: (r) => r.grid_code },
  { header: '网格名称 Grid name', width: 20, cell: (r) => r.grid_name },
  { header: '门牌 Address', width: 30, cell: (r) => r.address },
  { header: '人数 Members', cell: (r) => r.member_count },
  { header: '关爱标签 Care tags', width: 24, cell: (r) => r.care_tags.join('、') },
  { header: '联系党员 Linked member', width: 14, cell: (r) => r.member_name ?? '' },
];

/** The household list of the board as .xlsx (addresses, no ID numbers or phones), audited first. */
export function exportHouseholdLinks(
  db: Db,
  actor: Actor,
  scope: Scope,
  unlinked: boolean,
  filter: Record<string, unknown>,
  requestId: string,
  /** where the rows are streamed from (a read replica, docs/replica.md); the count and audit stay on `db` */
  rowsDb: Db = db,
) {
  return exportList(
    db,
    {
      count: (tx) => totalOf(repo.householdLinkRows(tx, scope, unlinked).select('h.id')),
      audit: (tx, rows) =>
        recordAudit(tx, {
          actor,
          countyCode: actor.countyCode,
          action: 'party_link.export',
          entityType: 'household',
          entityId: null,
          after: { rows, filter },
          requestId,
        }),
      query: repo.orderedHouseholdLinks(db, scope, unlinked),
      sheet: '党员联系户 Linked households',
      columns: COLUMNS,
    },
    rowsDb,
  );
}
