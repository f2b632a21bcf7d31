import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { IdParams } from '../../platform/ids.js';
import { sendXlsx, XLSX } from '../../platform/lists/index.js';
import { actorOf, narrowScope, type Actor } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import { actionRouteValidator, parseActionBody } from '../workflow/index.js';
import { authorize } from './abilities.js';
import type { CampaignDeps } from './context.js';
import { mayFollow } from './policy.js';
import * as repo from './repository.js';
import {
  Checklist,
  MyTargets,
  TARGET_ACTION_BODIES,
  TargetActionBody,
  TargetActionParams,
  TargetItem,
  TargetExportQuery,
  TargetListQuery,
  TargetQuery,
  TargetResult,
  type TargetActionInput,
} from './schemas.js';
import { actOnTarget } from './target-actions.js';
import { exportTargets } from './target-export.js';
import { listTargets } from './target-repository.js';
import { toTargetItem } from './view.js';

/** The targets: a grid worker's list (offline-capable on the phone), a campaign's list, working one. */
export const campaignTargetRoutes =
  (ctx: CampaignDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/campaign-targets/mine',
      {
        schema: {
          tags: ['campaigns'],
          summary:
            '我的任务对象 The targets of running campaigns in my grid, with each campaign’s checklist (for the phone’s offline list)',
          querystring: TargetQuery.omit({ within: true }),
          response: { 200: MyTargets },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'campaigns.work');
        const scope = { countyCode: actor.countyCode, path: actor.scopePath };
        const { items, total } = await listTargets(ctx.db, scope, { ...req.query, runningOnly: true });
        const ids = [...new Set(items.map((t) => Number(t.campaign_id)))];
        const campaigns = ids.length
          ? await ctx.db
              .selectFrom('campaign')
              .select(['id', 'title', 'ends_on', 'checklist'])
              .where('county_code', '=', actor.countyCode)
              .where('id', 'in', ids)
              .orderBy('id')
              .execute()
          : [];
        return {
          campaigns: campaigns.map((c) => ({
            id: Number(c.id),
            title: c.title,
            endsOn: c.ends_on,
            checklist: c.checklist as z.infer<typeof Checklist>,
          })),
          items: items.map(toTargetItem),
          total,
        };
      },
    );

    /** The campaign (404 unseen, 403 when not followed) and the node of the caller's scope asked for. */
    async function followed(actor: Actor, id: number, within: string | undefined) {
      const c = await repo.findCampaign(ctx.db, actor, id);
      if (!c) throw new AppError('NOT_FOUND');
      if (!mayFollow(actor, c)) throw new AppError('FORBIDDEN');
      return {
        id: Number(c.id),
        scope: { countyCode: actor.countyCode, path: narrowScope(actor, within, pathOf) },
      };
    }

    app.get(
      '/campaigns/:id/targets',
      {
        schema: {
          tags: ['campaigns'],
          summary:
            '任务对象 A campaign’s targets in a region of my scope (state=open or missed: the misses), searched by words, sorted by a column, the exact total',
          params: IdParams,
          querystring: TargetListQuery,
          response: { 200: z.object({ items: z.array(TargetItem), total: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'campaigns.read');
        const c = await followed(actor, req.params.id, req.query.within);
        const { items, total } = await listTargets(ctx.db, c.scope, { ...req.query, campaignId: c.id });
        return { items: items.map(toTargetItem), total };
      },
    );

    app.get(
      '/campaigns/:id/targets/export.xlsx',
      {
        schema: {
          tags: ['campaigns'],
          summary:
            '导出任务对象 A campaign’s filtered target list as .xlsx, streamed (addresses and notes masked; audited)',
          params: IdParams,
          querystring: TargetExportQuery,
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'campaigns.export');
        const c = await followed(actor, req.params.id, req.query.within);
        const { stream } = await exportTargets(
          ctx.db,
          actor,
          c.scope,
          { ...req.query, campaignId: c.id },
          { ...req.query, campaignId: c.id },
          req.id,
          await ctx.readDb(req), // the rows from the replica when it may serve; count and audit on the primary
        );
        return sendXlsx(reply, `campaign-${c.id}-targets`, stream);
      },
    );

    app.post(
      '/campaign-targets/:id/actions/:action',
      {
        validatorCompiler: actionRouteValidator,
        schema: {
          tags: ['campaigns'],
          summary:
            '处理任务对象 complete (the checklist, photo optional) · not_applicable (deceased, moved away, in hospital) · relocate (moved within the county: the household goes to its grid, the target follows)',
          params: TargetActionParams,
          body: TargetActionBody,
          response: { 200: TargetResult },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'campaigns.read');
        const action = req.params.action;
        const body = parseActionBody(TARGET_ACTION_BODIES[action], req.body);
        return actOnTarget(ctx, actor, req.params.id, { ...body, action } as TargetActionInput, req.id);
      },
    );
  };
