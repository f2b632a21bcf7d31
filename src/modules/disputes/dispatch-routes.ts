import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, narrowScope } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import { authorize } from './abilities.js';
import type { DisputeDeps } from './context.js';
import { listDispatches, recordDispatch } from './dispatch.js';
import { DispatchBody, DispatchList, DispatchMade, DispatchQuery } from './dispatch-schemas.js';

const tags = ['disputes'];

/** 周调度 / 月调度: the township's weekly and the county's monthly dispatch meetings. */
export const dispatchRoutes =
  (ctx: DisputeDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/disputes/dispatches',
      {
        schema: {
          tags,
          summary:
            '调度会 The weekly and monthly dispatch meetings of my scope, with the disputes dispatched',
          querystring: DispatchQuery,
          response: { 200: DispatchList },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'disputes.read');
        const path = narrowScope(actor, req.query.within, pathOf);
        return listDispatches(ctx.db, actor, path, req.query);
      },
    );

    app.post(
      '/disputes/dispatches',
      {
        schema: {
          tags,
          summary:
            '登记周调度 / 月调度 Record the township’s weekly or the county’s monthly dispatch meeting',
          body: DispatchBody,
          response: { 201: DispatchMade },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'disputes.report');
        return reply.code(201).send(await recordDispatch(ctx.db, ctx.now(), actor, req.body, req.id));
      },
    );
  };
