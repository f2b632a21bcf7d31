import type { Db } from '../../platform/db/database.js';
import { createOnce } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import { inScope, type Actor } from '../accounts/index.js';
import { notify } from '../notify/index.js';
import { pathOf } from '../regions/index.js';
import { recordWishStep } from './history.js';
import { nextWishNumber, reviewerAccounts } from './repository.js';
import type { CreateWishBody } from './schemas.js';
import './errors.js'; // registers this module's codes (ADR 0005)

/**
 * A wish is made: by a villager for themselves (in their account's grid), or
 * by a grid worker / village staff for a household of their scope, on a visit
 * or not. It waits for review. A retry with the same clientRequestId answers
 * the wish already made.
 */
export async function createWish(db: Db, now: Date, actor: Actor, input: CreateWishBody, requestId?: string) {
  return createOnce({
    requestId: input.clientRequestId,
    find: (rid) => findByClientRequest(db, actor, rid),
    constraint: 'wish_client_request_idx',
    // the same request id for another household is a client's mistake, not a retry
    replay: ({ household_id, ...earlier }) => {
      if (actor.role !== 'resident' && household_id !== input.householdId)
        throw new AppError('REQUEST_ID_REUSED');
      return { ...earlier, replayed: true };
    },
    create: () => makeWish(db, now, actor, input, requestId),
  });
}

async function makeWish(db: Db, now: Date, actor: Actor, input: CreateWishBody, requestId?: string) {
  let gridCode: string;
  let householdId: number | null = null;
  let visitId: number | null = null;
  if (actor.role === 'resident') {
    // a villager's account is scoped to their grid: the wish belongs there
    if (actor.scopeCode.length !== 15)
      throw new AppError('FORBIDDEN', {
        detail: '账号未关联网格',
        detailEn: 'the account is not tied to a grid',
      });
    gridCode = actor.scopeCode;
  } else {
    if (input.householdId === undefined) throw new AppError('WISH_HOUSEHOLD_REQUIRED');
    const h = await db
      .selectFrom('household')
      .select(['id', 'grid_code', 'grid_path'])
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', input.householdId)
      .executeTakeFirst();
    if (!h || !inScope(actor, h.grid_path))
      throw new AppError('NOT_FOUND', {
        detail: '户不存在或不在您的管辖范围内',
        detailEn: 'no such household in your scope',
      });
    gridCode = h.grid_code;
    householdId = h.id;
    if (input.visitId !== undefined) {
      const v = await db
        .selectFrom('visit')
        .select('id')
        .where('county_code', '=', actor.countyCode)
        .where('id', '=', input.visitId)
        .where('household_id', '=', h.id)
        .executeTakeFirst();
      if (!v) throw new AppError('WISH_VISIT_MISMATCH');
      visitId = v.id;
    }
  }
  const source = actor.role === 'resident' ? 'resident' : visitId !== null ? 'visit' : 'staff';

  return db.transaction().execute(async (tx) => {
    const number = await nextWishNumber(tx, now);
    const row = await tx
      .insertInto('wish')
      .values({
        county_code: actor.countyCode,
        number,
        grid_code: gridCode,
        grid_path: pathOf(gridCode),
        household_id: householdId,
        beneficiary: input.beneficiary,
        beneficiary_kind: input.beneficiaryKind,
        title: input.title,
        detail: input.detail ?? '',
        source,
        requester_account_id: actor.accountId,
        visit_id: visitId,
        max_claimers: actor.role === 'resident' ? 1 : (input.maxClaimers ?? 1),
        status: 'submitted',
        client_request_id: input.clientRequestId ?? null,
        created_at: now,
        updated_at: now,
      })
      .returning(['id', 'number'])
      .executeTakeFirstOrThrow();
    await recordWishStep(
      tx,
      {
        countyCode: actor.countyCode,
        wishId: row.id,
        at: now,
        action: 'submit',
        fromStatus: null,
        toStatus: 'submitted',
        actor,
      },
      requestId,
    );
    await notify(tx, {
      countyCode: actor.countyCode,
      accountIds: (await reviewerAccounts(tx, gridCode)).filter((id) => id !== actor.accountId),
      kind: 'wish.submitted',
      about: { type: 'wish', id: row.id },
      title: `新的微心愿 ${row.number}：${input.title}`,
      event: { number: row.number, state: 'submitted' },
    });
    return { id: row.id, number: row.number, status: 'submitted', replayed: false };
  });
}

async function findByClientRequest(db: Db, actor: Actor, clientRequestId: string) {
  return db
    .selectFrom('wish')
    .select(['id', 'number', 'status', 'household_id'])
    .where('county_code', '=', actor.countyCode)
    .where('requester_account_id', '=', actor.accountId)
    .where('client_request_id', '=', clientRequestId)
    .executeTakeFirst();
}
