import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../platform/db/database.js';

/** What a piece of recognised work is: the rule it earns by and the thing it was. */
export type AwardInput = {
  countyCode: string;
  /** the account of the grid worker who did the work */
  workerAccountId: number;
  /** a points_rule code: 'visit', 'case_reported', 'case_on_spot' … */
  rule: string;
  refType: string;
  refId: string | number;
  at: Date;
  note?: string;
};

export type Award = { workerId: number; points: number; balance: number } | null;

/**
 * Credits a part-time grid worker for recognised work, inside the caller's
 * transaction. Nothing happens (null) when the account is not a part-time
 * worker (full-time workers are paid), when the rule is missing or inactive,
 * when the day's cap is reached, or when this very piece of work already earned
 * (a unique index makes "never twice" hold under concurrency too).
 */
export async function awardPoints(tx: Tx, a: AwardInput): Promise<Award> {
  const worker = await tx
    .selectFrom('grid_worker')
    .select(['id', 'grid_path'])
    .where('county_code', '=', a.countyCode)
    .where('account_id', '=', a.workerAccountId)
    .where('employment', '=', 'partTime')
    .where('active', '=', true)
    .forUpdate()
    .executeTakeFirst();
  if (!worker) return null;
  const rule = await tx
    .selectFrom('points_rule')
    .select(['points', 'daily_cap'])
    .where('county_code', '=', a.countyCode)
    .where('code', '=', a.rule)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!rule) return null;
  let points = rule.points;
  if (rule.daily_cap !== null) {
    // the worker's row is locked above, so two awards of one day cannot both pass the cap
    const { earned } = await tx
      .selectFrom('points_entry')
      .select(sql<number>`coalesce(sum(delta), 0)::int`.as('earned'))
      .where('county_code', '=', a.countyCode)
      .where('worker_id', '=', worker.id)
      .where('reason', '=', a.rule)
      .where(
        sql<boolean>`(at AT TIME ZONE 'Asia/Shanghai')::date = (${a.at.toISOString()}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`,
      )
      .executeTakeFirstOrThrow();
    points = Math.min(points, rule.daily_cap - earned);
    if (points <= 0) return null;
  }
  const entry = await tx
    .insertInto('points_entry')
    .values((eb) => ({
      county_code: a.countyCode,
      worker_id: worker.id,
      grid_path: worker.grid_path,
      delta: points,
      reason: a.rule,
      ref_type: a.refType,
      ref_id: String(a.refId),
      note: a.note ?? null,
      balance_after: eb
        .selectFrom('grid_worker')
        .select(sql<number>`points_balance + ${points}`.as('b'))
        .where('county_code', '=', a.countyCode)
        .where('id', '=', worker.id),
      at: a.at,
    }))
    .onConflict((oc) =>
      oc
        .columns(['county_code', 'worker_id', 'reason', 'ref_type', 'ref_id'])
        .where('ref_id', 'is not', null)
        .doNothing(),
    )
    .returning('balance_after')
    .executeTakeFirst();
  if (!entry) return null;
  await tx
    .updateTable('grid_worker')
    .set({ points_balance: entry.balance_after })
    .where('county_code', '=', a.countyCode)
    .where('id', '=', worker.id)
    .execute();
  return { workerId: worker.id, points, balance: entry.balance_after };
}

/** Whether this account is an active part-time grid worker (the only ones who earn points). */
export async function earnsPoints(db: DbOrTx, countyCode: string, accountId: number): Promise<boolean> {
  const w = await db
    .selectFrom('grid_worker')
    .select('id')
    .where('county_code', '=', countyCode)
    .where('account_id', '=', accountId)
    .where('employment', '=', 'partTime')
    .where('active', '=', true)
    .executeTakeFirst();
  return w !== undefined;
}
