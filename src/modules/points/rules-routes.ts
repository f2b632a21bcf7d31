import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../accounts/index.js';
import { authorize } from './abilities.js';
import type { PointsDeps } from './context.js';
import { listPointsRules, updatePointsRule } from './rules.js';
import { Rule, RuleBody } from './schemas.js';

/** Administrators set what recognised work earns in their county. */
export const rulesRoutes =
  (ctx: PointsDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/admin/points-rules',
      {
        schema: {
          tags: ['administration'],
          summary: '积分规则 What recognised work earns',
          response: { 200: z.object({ items: z.array(Rule) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'points.configure');
        return { items: await listPointsRules(ctx.db, actor) };
      },
    );

    app.put(
      '/admin/points-rules/:code',
      {
        schema: {
          tags: ['administration'],
          summary: '修改积分规则 Change a rule’s points, daily cap or whether it is in force (audited)',
          params: z.object({ code: z.string().regex(/^[a-z_]{2,40}$/) }),
          body: RuleBody,
          response: { 200: Rule },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'points.configure');
        return updatePointsRule(ctx.db, actor, req.params.code, req.body, req.id);
      },
    );
  };
