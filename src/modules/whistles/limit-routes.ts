import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { Id } from '../../platform/ids.js';
import { actorOf } from '../accounts/index.js';
import { authorize } from './abilities.js';
import type { WhistleDeps } from './context.js';
import { listLimits, setLimit } from './limits.js';

const Days = z.number().int().min(1).max(30);
const LimitBody = z.strictObject({ days: Days, urgentDays: Days });
const LimitItem = z.object({
  departmentId: z.number().int(),
  departmentName: z.string(),
  days: z.number().int(),
  urgentDays: z.number().int(),
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
});

/** Each county department's answer limit (部门应答时限), read by every reader, set by the county. */
export const whistleLimitRoutes =
  (ctx: WhistleDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/whistle-limits',
      {
        schema: {
          tags: ['whistles'],
          summary: '部门应答时限 Each county department’s answer limit in working days (default 3, urgent 1)',
          response: { 200: z.object({ items: z.array(LimitItem) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'whistles.read');
        return { items: await listLimits(ctx.db, actor.countyCode) };
      },
    );

    app.put(
      '/whistle-limits/:departmentId',
      {
        schema: {
          tags: ['whistles'],
          summary:
            '设置部门应答时限 The county sets a department’s answer limit (audited; new requests use it)',
          params: z.object({ departmentId: Id }),
          body: LimitBody,
          response: { 200: LimitBody },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'whistles.limits');
        // the county's own setting: a township administrator sees it but does not set it
        if (actor.scopeCode !== actor.countyCode) throw new AppError('FORBIDDEN');
        return setLimit(ctx, actor, req.params.departmentId, req.body, req.id);
      },
    );
  };
