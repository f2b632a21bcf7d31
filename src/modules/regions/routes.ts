import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { actorOf } from '../accounts/index.js';
import type { RegionDeps } from './context.js';
import { authorize } from './abilities.js';
import * as repo from './repository.js';
import { RegionCode, RegionDetail, RegionItem, toRegionItem } from './schemas.js';

export const regionRoutes =
  (ctx: RegionDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const params = z.object({ code: RegionCode });

    app.get(
      '/regions/:code',
      {
        schema: {
          tags: ['territory'],
          summary: '行政区划 A region with its ancestors',
          params,
          response: { 200: RegionDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'regions.read');
        const row = await repo.findRegionInScope(ctx.db, req.params.code, actor.scopePath);
        if (!row) throw new AppError('NOT_FOUND');
        const ancestors = await repo.listAncestors(ctx.db, row.path);
        return { ...toRegionItem(row), ancestors: ancestors.filter((a) => a.code !== row.code) };
      },
    );

    app.get(
      '/regions/:code/children',
      {
        schema: {
          tags: ['territory'],
          summary: '下级区划 The children of a region',
          params,
          response: { 200: z.object({ items: z.array(RegionItem) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'regions.read');
        const parent = await repo.findRegionInScope(ctx.db, req.params.code, actor.scopePath);
        if (!parent) throw new AppError('NOT_FOUND');
        const rows = await repo.listChildren(ctx.db, parent.code);
        return { items: rows.map(toRegionItem) };
      },
    );
  };
