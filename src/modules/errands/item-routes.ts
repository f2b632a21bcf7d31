import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../accounts/index.js';
import type { ErrandRouteDeps } from './context.js';
import { authorize } from './abilities.js';
import { listServiceItems, saveServiceItem } from './items.js';
import { ServiceCodeParams, ServiceItem, ServiceItemBody } from './schemas.js';

/** The catalogue of service items: read by everyone signed in, edited by administrators. */
export const itemRoutes =
  (ctx: ErrandRouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/service-items',
      {
        schema: {
          tags: ['errands'],
          summary: '服务事项清单 The active catalogue of errands and proxy services, with guides',
          response: { 200: z.object({ items: z.array(ServiceItem) }) },
        },
      },
      async (req) => ({ items: await listServiceItems(ctx.db, actorOf(req).countyCode, false) }),
    );

    app.get(
      '/admin/service-items',
      {
        schema: {
          tags: ['admin'],
          summary: '服务事项管理 The whole catalogue, inactive items too',
          response: { 200: z.object({ items: z.array(ServiceItem) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'errands.configure');
        return { items: await listServiceItems(ctx.db, actor.countyCode, true) };
      },
    );

    app.put(
      '/admin/service-items/:code',
      {
        schema: {
          tags: ['admin'],
          summary: '新增或修改服务事项 Add or edit an item (active: false retires it); audited',
          params: ServiceCodeParams,
          body: ServiceItemBody,
          response: { 200: ServiceItem },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'errands.configure');
        return saveServiceItem(ctx.db, actor, req.params.code, req.body, req.id);
      },
    );
  };
