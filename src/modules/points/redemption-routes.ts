import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, narrowScope } from '../accounts/index.js';
import type { PointsDeps } from './context.js';
import { authorize } from './abilities.js';
import { pathOf } from '../regions/index.js';
import { cancelRedemption, handOver, redeemGoods } from './redeem.js';
import * as repo from './repository.js';
import { IdParams, RedeemBody, RedemptionItem, RedemptionStatus, Within } from './schemas.js';
import { toRedemption } from './view.js';

const Done = z.object({ id: z.number().int(), status: RedemptionStatus });

/** Exchanges of points for goods: ask (worker), hand over (staff), cancel (either), list. */
export const redemptionRoutes =
  (ctx: PointsDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/redemptions',
      {
        schema: {
          tags: ['points'],
          summary:
            '积分兑换 Exchange points for goods (part-time grid workers; a retry with the same clientRequestId answers the same exchange)',
          body: RedeemBody,
          response: {
            201: z.object({ id: z.number().int() }),
            200: z
              .object({ id: z.number().int() })
              .describe('already made by an earlier request with the same clientRequestId'),
          },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'points.redeem');
        const { id, replayed } = await redeemGoods(ctx.db, actor, req.body, ctx.now());
        return reply.code(replayed ? 200 : 201).send({ id });
      },
    );

    app.get(
      '/redemptions',
      {
        schema: {
          tags: ['points'],
          summary: '兑换记录 Exchanges: a grid worker’s own; staff: of workers in scope, newest first',
          querystring: z.object({
            within: Within,
            status: RedemptionStatus.optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
            offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
          }),
          response: { 200: z.object({ items: z.array(RedemptionItem), total: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'points.read');
        const q = req.query;
        if (actor.role === 'grid_worker') {
          const w = await repo.findWorkerByAccount(ctx.db, actor.countyCode, actor.accountId);
          // one's own exchanges wherever in the county they were made (a worker who moved grid keeps
          // them): a `within` narrows them, one outside the county is a 404
          const county = { ...actor, scopePath: pathOf(actor.countyCode) };
          const path = narrowScope(county, q.within, pathOf);
          if (!w) return { items: [], total: 0 };
          const { items, total } = await repo.listRedemptions(
            ctx.db,
            { countyCode: actor.countyCode, path },
            { ...q, workerId: w.id },
          );
          return { items: items.map(toRedemption), total };
        }
        const { items, total } = await repo.listRedemptions(
          ctx.db,
          { countyCode: actor.countyCode, path: narrowScope(actor, q.within, pathOf) },
          q,
        );
        return { items: items.map(toRedemption), total };
      },
    );

    app.post(
      '/redemptions/:id/hand-over',
      {
        schema: {
          tags: ['points'],
          summary: '交付物品 Hand the goods over (staff of the worker’s place; audited)',
          params: IdParams,
          response: { 200: Done },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'goods.manage');
        return handOver(ctx.db, actor, req.params.id, ctx.now(), req.id);
      },
    );

    app.post(
      '/redemptions/:id/cancel',
      {
        schema: {
          tags: ['points'],
          summary: '取消兑换 Cancel before hand-over; points and stock are returned',
          params: IdParams,
          response: { 200: Done },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, actor.role === 'grid_worker' ? 'points.redeem' : 'goods.manage');
        return cancelRedemption(ctx.db, actor, req.params.id, ctx.now(), req.id);
      },
    );
  };
