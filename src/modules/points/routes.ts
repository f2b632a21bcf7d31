import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { actorOf, narrowScope, type Actor } from '../accounts/index.js';
import type { PointsDeps } from './context.js';
import { authorize } from './abilities.js';
import { pathOf } from '../regions/index.js';
import { goodsRoutes } from './goods-routes.js';
import { ledgerRoutes } from './ledger-routes.js';
import { reasonNames } from './ledger.js';
import { redemptionRoutes } from './redemption-routes.js';
import * as repo from './repository.js';
import { rulesRoutes } from './rules-routes.js';
import {
  AdjustBody,
  Duty,
  Employment,
  Entry,
  IdParams,
  RedemptionItem,
  Within,
  WorkerItem,
} from './schemas.js';
import { adjustPoints } from './service.js';
import { toEntry, toRedemption, toWorker } from './view.js';

const scopeOf = (actor: Actor, within?: string) => ({
  countyCode: actor.countyCode,
  path: narrowScope(actor, within, pathOf),
});

/** Grid workers (J3) and their points (J4): my points, the roster, a worker's ledger, manual awards. */
export const pointsRoutes =
  (ctx: PointsDeps): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(goodsRoutes(ctx));
    await app.register(redemptionRoutes(ctx));
    await app.register(rulesRoutes(ctx));
    await app.register(ledgerRoutes(ctx));

    app.get(
      '/points/me',
      {
        schema: {
          tags: ['points'],
          summary: '我的积分 My balance, what earned it, and my exchanges',
          response: {
            200: z.object({
              earnsPoints: z
                .boolean()
                .describe('false for full-time workers: they are paid and earn no points'),
              employment: Employment.nullable(),
              gridName: z.string().nullable(),
              balance: z.number().int(),
              entries: z.array(Entry),
              redemptions: z.array(RedemptionItem),
            }),
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'points.redeem');
        const w = await repo.findWorkerByAccount(ctx.db, actor.countyCode, actor.accountId);
        if (!w)
          return {
            earnsPoints: false,
            employment: null,
            gridName: null,
            balance: 0,
            entries: [],
            redemptions: [],
          };
        const [names, entries, redemptions] = await Promise.all([
          reasonNames(ctx.db, actor.countyCode),
          repo.ledgerOf(ctx.db, actor.countyCode, w.id, 30),
          // one's own exchanges wherever they were made (a worker who moved grid keeps them)
          repo.listRedemptions(
            ctx.db,
            { countyCode: actor.countyCode, path: pathOf(actor.countyCode) },
            { workerId: w.id, limit: 30, offset: 0 },
          ),
        ]);
        return {
          earnsPoints: w.employment === 'partTime',
          employment: w.employment as z.infer<typeof Employment>,
          gridName: w.grid_name,
          balance: w.points_balance,
          entries: entries.map(toEntry(names)),
          redemptions: redemptions.items.map(toRedemption),
        };
      },
    );

    app.get(
      '/workers',
      {
        schema: {
          tags: ['points'],
          summary: '网格员名册 Grid workers in my scope, by place and name (never ranked by points)',
          querystring: z.object({
            within: Within,
            employment: Employment.optional(),
            duty: Duty.optional(),
            q: z.string().trim().min(1).max(20).optional().describe('part of the name'),
            limit: z.coerce.number().int().min(1).max(500).default(50),
            offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
          }),
          response: { 200: z.object({ items: z.array(WorkerItem), total: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'workers.read');
        const { items, total } = await repo.listWorkers(ctx.db, scopeOf(actor, req.query.within), req.query);
        return { items: items.map(toWorker), total };
      },
    );

    app.get(
      '/workers/:id',
      {
        schema: {
          tags: ['points'],
          summary: '网格员详情 A grid worker with their points ledger and exchanges',
          params: IdParams,
          response: {
            200: WorkerItem.extend({ entries: z.array(Entry), redemptions: z.array(RedemptionItem) }),
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'workers.read');
        const scope = scopeOf(actor);
        const w = await repo.findWorker(ctx.db, scope, req.params.id);
        if (!w) throw new AppError('NOT_FOUND');
        const [names, entries, redemptions] = await Promise.all([
          reasonNames(ctx.db, actor.countyCode),
          repo.ledgerOf(ctx.db, actor.countyCode, w.id, 100),
          repo.listRedemptions(ctx.db, scope, { workerId: w.id, limit: 50, offset: 0 }),
        ]);
        return {
          ...toWorker(w),
          entries: entries.map(toEntry(names)),
          redemptions: redemptions.items.map(toRedemption),
        };
      },
    );

    app.post(
      '/workers/:id/points',
      {
        schema: {
          tags: ['points'],
          summary:
            '人工加减积分 Award points by hand or correct a balance (part-time workers; reason required; audited)',
          params: IdParams,
          body: AdjustBody,
          response: { 200: z.object({ workerId: z.number().int(), balance: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'points.award');
        return adjustPoints(ctx.db, actor, req.params.id, req.body, ctx.now(), req.id);
      },
    );
  };
