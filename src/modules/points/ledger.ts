import type { DbOrTx, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';

/** A grid worker row locked for a balance change. */
export type LockedWorker = {
  countyCode: string;
  id: number;
  gridPath: string;
  gridCode: string;
  employment: string;
  accountId: number | null;
  balance: number;
};

/**
 * Locks a worker's row (FOR UPDATE): every change of a balance goes through this
 * lock, so two requests at once are applied one after the other and the second
 * sees the first's balance. `where` picks the worker by id or by account.
 */
export async function lockWorker(
  tx: Tx,
  countyCode: string,
  where: { id: number } | { accountId: number },
): Promise<LockedWorker | null> {
  let q = tx
    .selectFrom('grid_worker')
    .select(['id', 'grid_path', 'grid_code', 'employment', 'account_id', 'points_balance'])
    .where('county_code', '=', countyCode)
    .where('active', '=', true);
  q = 'id' in where ? q.where('id', '=', where.id) : q.where('account_id', '=', where.accountId);
  const w = await q.forUpdate().executeTakeFirst();
  return w
    ? {
        countyCode,
        id: w.id,
        gridPath: w.grid_path,
        gridCode: w.grid_code,
        employment: w.employment,
        accountId: w.account_id,
        balance: w.points_balance,
      }
    : null;
}

export type Posting = {
  delta: number;
  /** a rule code, 'redeem', 'refund' or 'adjust' */
  reason: string;
  refType?: string;
  refId?: string | number;
  note?: string | null;
  actorAccountId?: number | null;
  at: Date;
};

/**
 * Appends one ledger row and moves the balance with it, on a worker locked by
 * lockWorker. A change that would take the balance below zero is refused with
 * `belowZero` (the CHECK on the column would refuse it anyway).
 */
export async function postEntry(
  tx: Tx,
  w: LockedWorker,
  p: Posting,
  belowZero: 'POINTS_INSUFFICIENT' | 'POINTS_BELOW_ZERO',
): Promise<number> {
  const balance = w.balance + p.delta;
  if (balance < 0)
    throw new AppError(belowZero, {
      detail: `现有 ${w.balance} 分`,
      detailEn: `the balance is ${w.balance}`,
    });
  await tx
    .insertInto('points_entry')
    .values({
      county_code: w.countyCode,
      worker_id: w.id,
      grid_path: w.gridPath,
      delta: p.delta,
      reason: p.reason,
      ref_type: p.refType ?? null,
      ref_id: p.refId === undefined ? null : String(p.refId),
      note: p.note ?? null,
      balance_after: balance,
      actor_account_id: p.actorAccountId ?? null,
      at: p.at,
    })
    .execute();
  await tx
    .updateTable('grid_worker')
    .set({ points_balance: balance })
    .where('county_code', '=', w.countyCode)
    .where('id', '=', w.id)
    .execute();
  w.balance = balance;
  return balance;
}

/** Reasons that are not rules, in both languages. */
export const FIXED_REASONS: Record<string, { zh: string; en: string }> = {
  redeem: { zh: '兑换物品', en: 'Exchanged for goods' },
  refund: { zh: '兑换取消，积分退回', en: 'Exchange cancelled, points returned' },
  adjust: { zh: '人工调整', en: 'Manual adjustment' },
};

/** The zh/en name of every reason a ledger row may carry in this county. */
export async function reasonNames(
  db: DbOrTx,
  countyCode: string,
): Promise<Map<string, { zh: string; en: string }>> {
  const rules = await db
    .selectFrom('points_rule')
    .select(['code', 'name_zh', 'name_en'])
    .where('county_code', '=', countyCode)
    .execute();
  const m = new Map(Object.entries(FIXED_REASONS));
  for (const r of rules) m.set(r.code, { zh: r.name_zh, en: r.name_en });
  return m;
}
