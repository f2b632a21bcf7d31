import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { actorOf } from '../accounts/index.js';
import type { PointsDeps } from './context.js';
import { authorize } from './abilities.js';
import { recordAudit } from '../audit/index.js';
import { Rule, RuleBody } from './schemas.js';

type RuleRow = {
  code: string;
  name_zh: string;
  name_en: string;
  points: number;
  daily_cap: number | null;
  active: boolean;
};
const toRule = (r: RuleRow): z.infer<typeof Rule> => ({
  code: r.code,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  points: r.points,
  dailyCap: r.daily_cap,
  active: r.active,
});

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
        const rows = await ctx.db
          .selectFrom('points_rule')
          .selectAll()
          .where('county_code', '=', actor.countyCode)
          .orderBy('code')
          .execute();
        return { items: rows.map(toRule) };
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
        const b = req.body;
        return ctx.db.transaction().execute(async (tx) => {
          const before = await tx
            .selectFrom('points_rule')
            .selectAll()
            .where('county_code', '=', actor.countyCode)
            .where('code', '=', req.params.code)
            .forUpdate()
            .executeTakeFirst();
          if (!before) throw new AppError('NOT_FOUND');
          const r = await tx
            .updateTable('points_rule')
            .set({ points: b.points, daily_cap: b.dailyCap, active: b.active })
            .where('county_code', '=', actor.countyCode)
            .where('code', '=', req.params.code)
            .returningAll()
            .executeTakeFirstOrThrow();
          await recordAudit(tx, {
            actor,
            countyCode: actor.countyCode,
            action: 'points_rule.update',
            entityType: 'points_rule',
            entityId: r.code,
            before: toRule(before),
            after: toRule(r),
            requestId: req.id,
          });
          return toRule(r);
        });
      },
    );
  };
