import type { z } from 'zod';
import type { listRedemptions, listWorkers, ledgerOf } from './repository.js';
import type { Duty, Employment, Entry, RedemptionItem, RedemptionStatus, WorkerItem } from './schemas.js';

type WorkerRow = Awaited<ReturnType<typeof listWorkers>>['items'][number];
type EntryRow = Awaited<ReturnType<typeof ledgerOf>>[number];
type RedemptionRow = Awaited<ReturnType<typeof listRedemptions>>['items'][number];
type Names = Map<string, { zh: string; en: string }>;

export const toWorker = (w: WorkerRow): z.infer<typeof WorkerItem> => ({
  id: w.id,
  name: w.name,
  gridCode: w.grid_code,
  gridName: w.grid_name,
  villageName: w.village_name,
  employment: w.employment as z.infer<typeof Employment>,
  duty: w.duty as z.infer<typeof Duty>,
  earnsPoints: w.employment === 'partTime',
  pointsBalance: w.points_balance,
  hasAccount: w.account_id !== null,
  active: w.active,
});

export const toEntry =
  (names: Names) =>
  (e: EntryRow): z.infer<typeof Entry> => ({
    id: e.id,
    delta: e.delta,
    reason: e.reason,
    reasonZh: names.get(e.reason)?.zh ?? e.reason,
    reasonEn: names.get(e.reason)?.en ?? e.reason,
    note: e.note,
    refType: e.ref_type,
    refId: e.ref_id,
    balanceAfter: e.balance_after,
    at: e.at.toISOString(),
  });

export const toRedemption = (x: RedemptionRow): z.infer<typeof RedemptionItem> => ({
  id: x.id,
  workerId: x.worker_id,
  workerName: x.worker_name,
  gridName: x.grid_name,
  goodsId: x.goods_id,
  goodsName: x.goods_name,
  unit: x.unit,
  stockedBy: x.stocked_by,
  quantity: x.quantity,
  points: x.points,
  status: x.status as z.infer<typeof RedemptionStatus>,
  requestedAt: x.requested_at.toISOString(),
  decidedAt: x.decided_at?.toISOString() ?? null,
});
