import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../accounts/index.js';
import type { VisitDeps } from './context.js';
import { authorize } from './abilities.js';
import { getIntervals, setIntervals } from './intervals.js';
import { PolicyBody, PolicyItem, PolicyResponse } from './schemas.js';
import type { z } from 'zod';

type Item = z.infer<typeof PolicyItem>;

/** 走访周期: how often households are due a visit, per care tag (administrators). */
export const visitAdminRoutes =
  (ctx: VisitDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/admin/visit-policy',
      {
        schema: {
          tags: ['visits'],
          summary: '走访周期 Visit intervals of my county, per care tag',
          response: { 200: PolicyResponse },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'visits.configure');
        return { items: (await getIntervals(ctx.db, actor.countyCode)) as Item[] };
      },
    );

    app.put(
      '/admin/visit-policy',
      {
        schema: {
          tags: ['visits'],
          summary:
            "设置走访周期 Replace the visit intervals (the default '' is required); due dates are recomputed at once",
          body: PolicyBody,
          response: { 200: PolicyResponse },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'visits.configure');
        const out = await setIntervals(ctx.db, actor, req.body.items, req.id);
        return { items: out.items as Item[], recomputed: out.recomputed };
      },
    );
  };
