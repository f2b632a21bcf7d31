import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { actorOf, inScope, narrowScope } from '../accounts/index.js';
import type { PointsDeps } from './context.js';
import { authorize, can } from './abilities.js';
import { pathOf } from '../regions/index.js';
import * as repo from './repository.js';
import { GoodsCreate, GoodsItem, GoodsPatch, IdParams, Within } from './schemas.js';
import { createGoods, updateGoods } from './service.js';

type GoodsRow = Awaited<ReturnType<typeof repo.goodsForGrid>>[number];
const toGoods = (g: GoodsRow, manageable: boolean): z.infer<typeof GoodsItem> => ({
  id: g.id,
  regionCode: g.region_code,
  regionName: g.region_name,
  name: g.name,
  unit: g.unit,
  pointsCost: g.points_cost,
  stock: g.stock,
  active: g.active,
  manageable,
});

/** Daily goods that townships and villages keep for exchange. */
export const goodsRoutes =
  (ctx: PointsDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/goods',
      {
        schema: {
          tags: ['points'],
          summary:
            '兑换物品 Goods: for a grid worker those stocked above their grid; for staff those in scope (and above it, read-only)',
          querystring: z.object({ within: Within, includeInactive: z.stringbool().default(false) }),
          response: { 200: z.object({ items: z.array(GoodsItem) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'points.read');
        if (actor.role === 'grid_worker') {
          const w = await repo.findWorkerByAccount(ctx.db, actor.countyCode, actor.accountId);
          // their view is the goods stocked on their grid's line: a `within` off that line is a 404
          const within = req.query.within
            ? narrowScope({ ...actor, scopePath: pathOf(actor.countyCode) }, req.query.within, pathOf)
            : undefined;
          if (within && !inScope({ ...actor, scopePath: within }, w?.grid_path ?? actor.scopePath))
            throw new AppError('NOT_FOUND');
          const rows = w ? await repo.goodsForGrid(ctx.db, actor.countyCode, w.grid_path, within) : [];
          return { items: rows.map((g) => toGoods(g, false)) };
        }
        const within = narrowScope(actor, req.query.within, pathOf);
        const rows = await repo.goodsForStaff(
          ctx.db,
          { countyCode: actor.countyCode, path: actor.scopePath },
          { within, includeInactive: req.query.includeInactive },
        );
        const manager = can(actor, 'goods.manage');
        return { items: rows.map((g) => toGoods(g, manager && g.in_scope)) };
      },
    );

    app.post(
      '/goods',
      {
        schema: {
          tags: ['points'],
          summary: '新增物品 Stock new goods (a township or village in scope; audited)',
          body: GoodsCreate,
          response: { 201: z.object({ id: z.number().int() }) },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'goods.manage');
        const id = await createGoods(ctx.db, actor, req.body, req.id);
        return reply.code(201).send({ id });
      },
    );

    app.patch(
      '/goods/:id',
      {
        schema: {
          tags: ['points'],
          summary:
            '修改物品 Change name, unit, cost, stock or whether it is offered (goods in scope; audited)',
          params: IdParams,
          body: GoodsPatch,
          response: { 200: z.object({ id: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'goods.manage');
        await updateGoods(ctx.db, actor, req.params.id, req.body, req.id);
        return { id: req.params.id };
      },
    );
  };
