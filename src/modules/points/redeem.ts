import type { Db, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { inScope, type Actor } from '../accounts/index.js';
import { notify } from '../notify/index.js';
import { lockWorker, postEntry } from './ledger.js';
import './errors.js'; // registers this module's codes (ADR 0005)

export type RedeemInput = { goodsId: number; quantity: number; clientRequestId: string };

/**
 * A part-time worker exchanges points for goods stocked on the path above their
 * grid. One transaction: the worker's row is locked first (two exchanges at once
 * queue behind each other and the second sees the first's balance), then the
 * goods; points and stock go down together or not at all. A retry with the same
 * clientRequestId answers the exchange already made.
 */
export async function redeemGoods(
  db: Db,
  actor: Actor,
  input: RedeemInput,
  now: Date,
): Promise<{ id: number; replayed: boolean }> {
  return db.transaction().execute(async (tx) => {
    const w = await lockWorker(tx, actor.countyCode, { accountId: actor.accountId });
    if (!w || w.employment !== 'partTime') throw new AppError('POINTS_NOT_PART_TIME');
    const earlier = await tx
      .selectFrom('redemption')
      .select(['id', 'goods_id', 'quantity'])
      .where('county_code', '=', w.countyCode)
      .where('worker_id', '=', w.id)
      .where('client_request_id', '=', input.clientRequestId)
      .executeTakeFirst();
    if (earlier) {
      if (earlier.goods_id !== input.goodsId || earlier.quantity !== input.quantity)
        throw new AppError('CLIENT_REQUEST_REUSED');
      return { id: earlier.id, replayed: true };
    }
    const goods = await tx
      .selectFrom('goods')
      .select(['id', 'name', 'unit', 'points_cost', 'stock', 'active', 'region_code', 'region_path'])
      .where('county_code', '=', w.countyCode)
      .where('id', '=', input.goodsId)
      .forUpdate()
      .executeTakeFirst();
    // goods of another township are invisible to this worker
    if (!goods || !(w.gridPath === goods.region_path || w.gridPath.startsWith(`${goods.region_path}.`)))
      throw new AppError('NOT_FOUND');
    if (!goods.active) throw new AppError('GOODS_INACTIVE');
    if (goods.stock < input.quantity)
      throw new AppError('GOODS_OUT_OF_STOCK', {
        detail: `还剩 ${goods.stock}${goods.unit}`,
        detailEn: `${goods.stock} left`,
      });
    const points = goods.points_cost * input.quantity;
    if (w.balance < points)
      throw new AppError('POINTS_INSUFFICIENT', {
        detail: `需要 ${points} 分，现有 ${w.balance} 分`,
        detailEn: `${points} needed, ${w.balance} held`,
      });

    const row = await tx
      .insertInto('redemption')
      .values({
        county_code: w.countyCode,
        worker_id: w.id,
        goods_id: goods.id,
        grid_path: w.gridPath,
        quantity: input.quantity,
        points,
        status: 'requested',
        requested_at: now,
        client_request_id: input.clientRequestId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await postEntry(
      tx,
      w,
      {
        delta: -points,
        reason: 'redeem',
        refType: 'redemption',
        refId: row.id,
        note: `${goods.name} × ${input.quantity}`,
        actorAccountId: actor.accountId,
        at: now,
      },
      'POINTS_INSUFFICIENT',
    );
    await tx
      .updateTable('goods')
      .set({ stock: goods.stock - input.quantity })
      .where('county_code', '=', w.countyCode)
      .where('id', '=', goods.id)
      .execute();
    await notify(tx, {
      countyCode: w.countyCode,
      accountIds: await exchangeKeepers(tx, w.gridCode, goods.region_code),
      kind: 'points.redeemed',
      about: { type: 'redemption', id: row.id },
      title: `积分兑换待交付：${goods.name} × ${input.quantity}${goods.unit}`,
    });
    return { id: row.id, replayed: false };
  });
}

/** The staff who hand goods over to this grid's workers: its village, and the township when it stocks them. */
async function exchangeKeepers(tx: Tx, gridCode: string, goodsRegion: string): Promise<number[]> {
  const rows = await tx
    .selectFrom('account')
    .select('id')
    .where('disabled', '=', false)
    .where((eb) =>
      eb.or([
        eb.and([eb('role', '=', 'village_staff'), eb('scope_code', '=', gridCode.slice(0, 12))]),
        eb.and([eb('role', '=', 'township_centre'), eb('scope_code', '=', goodsRegion)]),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}

async function lockRedemption(tx: Tx, countyCode: string, id: number) {
  return tx
    .selectFrom('redemption as x')
    .innerJoin('goods as o', (j) =>
      j.onRef('o.county_code', '=', 'x.county_code').onRef('o.id', '=', 'x.goods_id'),
    )
    .innerJoin('grid_worker as w', (j) =>
      j.onRef('w.county_code', '=', 'x.county_code').onRef('w.id', '=', 'x.worker_id'),
    )
    .select([
      'x.id',
      'x.worker_id',
      'x.goods_id',
      'x.grid_path',
      'x.quantity',
      'x.points',
      'x.status',
      'o.name as goods_name',
      'o.unit',
      'w.account_id',
    ])
    .where('x.county_code', '=', countyCode)
    .where('x.id', '=', id)
    .forUpdate('x')
    .executeTakeFirst();
}

/** Staff hand the goods over: the exchange is done. */
export async function handOver(db: Db, actor: Actor, id: number, now: Date, requestId?: string) {
  return db.transaction().execute(async (tx) => {
    const x = await lockRedemption(tx, actor.countyCode, id);
    if (!x || !inScope(actor, x.grid_path)) throw new AppError('NOT_FOUND');
    if (x.status !== 'requested') throw new AppError('REDEMPTION_NOT_REQUESTED');
    await tx
      .updateTable('redemption')
      .set({ status: 'handed_over', decided_at: now, decided_by: actor.accountId })
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'redemption.hand_over',
      entityType: 'redemption',
      entityId: id,
      before: { status: x.status },
      after: { status: 'handed_over' },
      requestId,
    });
    if (x.account_id) {
      await notify(tx, {
        countyCode: actor.countyCode,
        accountIds: [x.account_id],
        kind: 'points.handed_over',
        about: { type: 'redemption', id: x.id },
        title: `兑换的物品已交付：${x.goods_name} × ${x.quantity}${x.unit}`,
      });
    }
    return { id, status: 'handed_over' as const };
  });
}

/**
 * Cancels an exchange not yet handed over — by the worker who asked, or by staff
 * of the place — and gives back the points (a 'refund' ledger row) and the stock.
 */
export async function cancelRedemption(db: Db, actor: Actor, id: number, now: Date, requestId?: string) {
  return db.transaction().execute(async (tx) => {
    const x = await lockRedemption(tx, actor.countyCode, id);
    const own = x !== undefined && x.account_id === actor.accountId;
    const staff = actor.role !== 'grid_worker';
    // a worker cancels their own exchange even after moving grid; staff only inside their scope
    if (!x || !(own || (staff && inScope(actor, x.grid_path)))) throw new AppError('NOT_FOUND');
    if (x.status !== 'requested') throw new AppError('REDEMPTION_NOT_REQUESTED');
    const w = await lockWorker(tx, actor.countyCode, { id: x.worker_id });
    if (!w) throw new AppError('NOT_FOUND');
    await tx
      .updateTable('redemption')
      .set({ status: 'cancelled', decided_at: now, decided_by: actor.accountId })
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', id)
      .execute();
    await postEntry(
      tx,
      w,
      {
        delta: x.points,
        reason: 'refund',
        refType: 'redemption',
        refId: id,
        note: `${x.goods_name} × ${x.quantity}`,
        actorAccountId: actor.accountId,
        at: now,
      },
      'POINTS_BELOW_ZERO',
    );
    await tx
      .updateTable('goods')
      .set((eb) => ({ stock: eb('stock', '+', x.quantity) }))
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', x.goods_id)
      .execute();
    if (staff) {
      await recordAudit(tx, {
        actor,
        countyCode: actor.countyCode,
        action: 'redemption.cancel',
        entityType: 'redemption',
        entityId: id,
        before: { status: x.status },
        after: { status: 'cancelled', refunded: x.points },
        requestId,
      });
      if (x.account_id)
        await notify(tx, {
          countyCode: actor.countyCode,
          accountIds: [x.account_id],
          kind: 'points.cancelled',
          about: { type: 'redemption', id: x.id },
          title: `兑换已取消，${x.points} 分已退回：${x.goods_name}`,
        });
    }
    return { id, status: 'cancelled' as const };
  });
}
