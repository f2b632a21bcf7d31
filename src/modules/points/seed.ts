import type { Pii } from '../../platform/crypto.js';
import type { Tx } from '../../platform/db/database.js';
import { awardPoints } from './award.js';
import { lockWorker, postEntry } from './ledger.js';

/**
 * What recognised work earns by default (administrators change it). Reports
 * and on-the-spot fixes count more than a visit because they take more; every
 * rule has a daily cap, so points follow real work and not busywork.
 * Other modules award with exactly these codes.
 */
export const DEFAULT_RULES = [
  { code: 'visit', name_zh: '入户走访', name_en: 'Door-to-door visit', points: 1, daily_cap: 5 },
  {
    code: 'case_reported',
    name_zh: '上报问题被立案',
    name_en: 'Reported problem filed',
    points: 2,
    daily_cap: 10,
  },
  {
    code: 'case_on_spot',
    name_zh: '就地处置问题',
    name_en: 'Problem fixed on the spot',
    points: 3,
    daily_cap: 15,
  },
  {
    code: 'wish_collected',
    name_zh: '收集微心愿（审核发布）',
    name_en: 'Micro-wish collected (published)',
    points: 2,
    daily_cap: 6,
  },
  { code: 'errand_done', name_zh: '代办完成', name_en: 'Errand done', points: 2, daily_cap: 10 },
] as const;

export async function seedPointsConfig(tx: Tx, countyCode: string): Promise<void> {
  await tx
    .insertInto('points_rule')
    .values(DEFAULT_RULES.map((r) => ({ county_code: countyCode, ...r })))
    .onConflict((oc) => oc.columns(['county_code', 'code']).doNothing())
    .execute();
}

/** Everyday goods a township keeps for exchange: [name, unit, points, stock]. */
const DEMO_GOODS: Array<[string, string, number, number]> = [
  ['香皂', '块', 5, 120],
  ['牙膏', '支', 8, 100],
  ['毛巾', '条', 10, 100],
  ['洗洁精', '瓶', 12, 60],
  ['洗衣粉', '袋', 20, 60],
  ['大米（5公斤）', '袋', 60, 30],
  ['食用油（5升）', '桶', 80, 20],
];

const DAY = 86_400_000;

/**
 * Goods stocked by every township of the county, and an opening history for the
 * demo part-time worker ('parttime') so the screen is not empty: their seeded
 * visits earn by the 'visit' rule (with its cap), a few other pieces of work
 * are dated over the last month, and one exchange was handed over. The ledger is
 * kept in time order, so balance_after chains to the balance.
 */
export async function seedPointsDemo(tx: Tx, countyCode: string, _pii: Pii): Promise<void> {
  const townships = await tx
    .selectFrom('region')
    .select(['code', 'path'])
    .where('county_code', '=', countyCode)
    .where('level', '=', 'township')
    .orderBy('code')
    .execute();
  if (townships.length === 0) return;
  await tx
    .insertInto('goods')
    .values(
      townships.flatMap((t) =>
        DEMO_GOODS.map(([name, unit, cost, stock]) => ({
          county_code: countyCode,
          region_code: t.code,
          region_path: t.path,
          name,
          unit,
          points_cost: cost,
          stock,
        })),
      ),
    )
    .execute();

  const account = await tx
    .selectFrom('account')
    .select(['id', 'scope_code'])
    .where('county_code', '=', countyCode)
    .where('username', '=', 'parttime')
    .executeTakeFirst();
  if (!account) return;
  const w = await lockWorker(tx, countyCode, { accountId: account.id });
  if (!w) return;
  const now = Date.now();
  const visits = await tx
    .selectFrom('visit')
    .select(['id', 'visited_at'])
    .where('county_code', '=', countyCode)
    .where('worker_account_id', '=', account.id)
    .execute();
  type Step = { at: Date; run: () => Promise<unknown> };
  const work = (daysAgo: number, reason: string, delta: number, note: string): Step => {
    const at = new Date(now - daysAgo * DAY);
    return { at, run: () => postEntry(tx, w, { delta, reason, note, at }, 'POINTS_BELOW_ZERO') };
  };
  const handedBy = await tx
    .selectFrom('account')
    .select('id')
    .where('county_code', '=', countyCode)
    .where('username', '=', 'village')
    .executeTakeFirst();
  const towel = await tx
    .selectFrom('goods')
    .select(['id', 'points_cost'])
    .where('county_code', '=', countyCode)
    .where('region_code', '=', w.gridCode.slice(0, 9))
    .where('name', '=', '毛巾')
    .executeTakeFirstOrThrow();
  // one exchange, handed over the same day: a towel from the worker's township
  const exchange = (daysAgo: number): Step => {
    const at = new Date(now - daysAgo * DAY);
    return {
      at,
      run: async () => {
        const x = await tx
          .insertInto('redemption')
          .values({
            county_code: countyCode,
            worker_id: w.id,
            goods_id: towel.id,
            grid_path: w.gridPath,
            quantity: 1,
            points: towel.points_cost,
            status: 'handed_over',
            requested_at: at,
            decided_at: new Date(at.getTime() + DAY / 4),
            decided_by: handedBy?.id ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await postEntry(
          tx,
          w,
          {
            delta: -towel.points_cost,
            reason: 'redeem',
            refType: 'redemption',
            refId: x.id,
            note: '毛巾 × 1',
            actorAccountId: account.id,
            at,
          },
          'POINTS_INSUFFICIENT',
        );
        await tx
          .updateTable('goods')
          .set((eb) => ({ stock: eb('stock', '-', 1) }))
          .where('county_code', '=', countyCode)
          .where('id', '=', towel.id)
          .execute();
      },
    };
  };
  const steps: Step[] = [
    work(32, 'adjust', 10, '参加村屯环境整治义务劳动'),
    work(20, 'case_reported', 2, '上报路灯损坏，已立案'),
    work(12, 'case_on_spot', 3, '劝离占道堆放的柴草'),
    work(8, 'wish_collected', 2, '为独居老人收集微心愿：助听器'),
    exchange(5),
    work(2, 'errand_done', 2, '帮王大爷代缴电费'),
    ...visits.map((v) => ({
      at: v.visited_at,
      run: async () => {
        const a = await awardPoints(tx, {
          countyCode,
          workerAccountId: account.id,
          rule: 'visit',
          refType: 'visit',
          refId: v.id,
          at: v.visited_at,
        });
        if (a) w.balance = a.balance;
      },
    })),
  ];
  steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const s of steps) await s.run();
  await inTimeOrder(tx, countyCode, w.id);
}

/**
 * Rewrites one demo worker's ledger in time order (other modules' demo seeds may
 * have awarded with earlier dates before or after this one), recomputing
 * balance_after, so the ledger reads as it happened and chains to the balance.
 * Left as it is if time order would ever dip below zero.
 */
async function inTimeOrder(tx: Tx, countyCode: string, workerId: number): Promise<void> {
  const rows = await tx
    .selectFrom('points_entry')
    .selectAll()
    .where('county_code', '=', countyCode)
    .where('worker_id', '=', workerId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  let balance = 0;
  const chained = rows.map(({ id: _, ...e }) => ({ ...e, balance_after: (balance += e.delta) }));
  if (chained.some((e) => e.balance_after < 0) || chained.length === 0) return;
  await tx
    .deleteFrom('points_entry')
    .where('county_code', '=', countyCode)
    .where('worker_id', '=', workerId)
    .execute();
  await tx.insertInto('points_entry').values(chained).execute();
  await tx
    .updateTable('grid_worker')
    .set({ points_balance: balance })
    .where('county_code', '=', countyCode)
    .where('id', '=', workerId)
    .execute();
}
