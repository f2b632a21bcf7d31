import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { inScope, type Actor } from '../accounts/index.js';
import { noticeBody, notify } from '../notify/index.js';
import { pathOf } from '../regions/index.js';
import { lockWorker, postEntry } from './ledger.js';
import './errors.js'; // registers this module's codes (ADR 0005)

/**
 * Staff recognise work by hand, or correct a balance, with a reason: an 'adjust'
 * ledger row, audited, and the worker is told. Only part-time workers hold
 * points; a deduction below zero is refused and changes nothing.
 */
export async function adjustPoints(
  db: Db,
  actor: Actor,
  workerId: number,
  input: { delta: number; reason: string },
  now: Date,
  requestId?: string,
) {
  return db.transaction().execute(async (tx) => {
    const w = await lockWorker(tx, actor.countyCode, { id: workerId });
    if (!w || !inScope(actor, w.gridPath)) throw new AppError('NOT_FOUND');
    if (w.employment !== 'partTime') throw new AppError('POINTS_NOT_PART_TIME');
    const before = w.balance;
    const balance = await postEntry(
      tx,
      w,
      { delta: input.delta, reason: 'adjust', note: input.reason, actorAccountId: actor.accountId, at: now },
      'POINTS_BELOW_ZERO',
    );
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'points.adjust',
      entityType: 'grid_worker',
      entityId: w.id,
      before: { balance: before },
      after: { balance, delta: input.delta },
      reason: input.reason,
      requestId,
    });
    if (w.accountId) {
      const sign = input.delta > 0 ? `+${input.delta}` : String(input.delta);
      await notify(tx, {
        countyCode: actor.countyCode,
        accountIds: [w.accountId],
        kind: 'points.adjusted',
        about: { type: 'points', id: w.id },
        title: `积分 ${sign}：${input.reason}`,
        ...noticeBody('balance', { balance }),
      });
    }
    return { workerId: w.id, balance };
  });
}

export type GoodsInput = {
  regionCode: string;
  name: string;
  unit: string;
  pointsCost: number;
  stock: number;
  active: boolean;
};
export type GoodsChange = Partial<Omit<GoodsInput, 'regionCode'>>;

/** A township or village in scope stocks new goods for exchange. */
export async function createGoods(db: Db, actor: Actor, g: GoodsInput, requestId?: string) {
  if (!g.regionCode.startsWith(actor.countyCode)) throw new AppError('NOT_FOUND');
  const path = pathOf(g.regionCode);
  if (!inScope(actor, path)) throw new AppError('NOT_FOUND');
  return db.transaction().execute(async (tx) => {
    const region = await tx
      .selectFrom('region')
      .select(['code', 'level'])
      .where('code', '=', g.regionCode)
      .executeTakeFirst();
    if (!region) throw new AppError('NOT_FOUND');
    if (region.level !== 'township' && region.level !== 'village') throw new AppError('GOODS_REGION_INVALID');
    const row = await tx
      .insertInto('goods')
      .values({
        county_code: actor.countyCode,
        region_code: g.regionCode,
        region_path: path,
        name: g.name,
        unit: g.unit,
        points_cost: g.pointsCost,
        stock: g.stock,
        active: g.active,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'goods.create',
      entityType: 'goods',
      entityId: row.id,
      after: { ...g },
      requestId,
    });
    return row.id;
  });
}

/** Changes goods stocked inside the caller's scope (row-locked against exchanges under way). */
export async function updateGoods(db: Db, actor: Actor, id: number, change: GoodsChange, requestId?: string) {
  return db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('goods')
      .select(['name', 'unit', 'points_cost', 'stock', 'active', 'region_path'])
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!before || !inScope(actor, before.region_path)) throw new AppError('NOT_FOUND');
    await tx
      .updateTable('goods')
      .set({
        name: change.name,
        unit: change.unit,
        points_cost: change.pointsCost,
        stock: change.stock,
        active: change.active,
      })
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', id)
      .execute();
    const { region_path: _, ...old } = before;
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'goods.update',
      entityType: 'goods',
      entityId: id,
      before: old,
      after: { ...change },
      requestId,
    });
  });
}
