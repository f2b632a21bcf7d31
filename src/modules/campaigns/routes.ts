import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { IdParams } from '../../platform/ids.js';
import { actorOf, inScope, narrowScope, type Actor } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import { authorize, can } from './abilities.js';
import { closeCampaign } from './close.js';
import { mayClose, mayFollow } from './policy.js';
import type { CampaignDeps } from './context.js';
import { beijingDate, launchCampaign } from './launch.js';
import * as repo from './repository.js';
import { previewTargets, regionPaths } from './rules.js';
import {
  CampaignDetail,
  CampaignItem,
  CloseBody,
  CloseResult,
  Launched,
  LaunchBody,
  ListQuery,
  PreviewBody,
  PreviewResult,
  Progress,
  ProgressQuery,
  Template,
} from './schemas.js';
import { campaignTargetRoutes } from './target-routes.js';
import { cityCampaignRoutes } from './city-routes.js';
import { TEMPLATES } from './templates.js';
import { listTemplates } from './template-repository.js';
import { toCampaignItem, toCounts } from './view.js';

export const campaignRoutes =
  (ctx: CampaignDeps): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(campaignTargetRoutes(ctx));
    await app.register(cityCampaignRoutes(ctx));

    async function visible(actor: Actor, id: number) {
      const c = await repo.findCampaign(ctx.db, actor, id);
      if (!c) throw new AppError('NOT_FOUND');
      return c;
    }

    app.get(
      '/campaign-templates',
      {
        schema: {
          tags: ['campaigns'],
          summary: '专项任务模板 The county’s recurring campaigns (pension certification, flood season …)',
          response: { 200: z.object({ items: z.array(Template) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        // a city launches from the national templates (each county may have changed its own)
        if (can(actor, 'campaigns.city')) return { items: TEMPLATES };
        authorize(actor, 'campaigns.launch');
        return { items: await listTemplates(ctx.db, actor.countyCode) };
      },
    );

    app.post(
      '/campaigns/preview',
      {
        schema: {
          tags: ['campaigns'],
          summary: '对象预览 How many targets a rule selects in my scope, by child region (nothing is made)',
          body: PreviewBody,
          response: { 200: PreviewResult },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'campaigns.launch');
        const paths = await regionPaths(ctx.db, actor, req.body.rule.regions);
        const scope = { countyCode: actor.countyCode, path: actor.scopePath, asOf: beijingDate(ctx.now()) };
        return previewTargets(ctx.db, req.body.rule, scope, paths);
      },
    );

    app.post(
      '/campaigns',
      {
        schema: {
          tags: ['campaigns'],
          summary: '发起专项任务 Launch a campaign over my subtree; its targets are built by rule at once',
          body: LaunchBody,
          response: { 201: Launched, 200: Launched.describe('already launched with this clientRequestId') },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'campaigns.launch');
        const made = await launchCampaign(ctx, actor, req.body, req.id);
        return reply.code(made.replayed ? 200 : 201).send(made);
      },
    );

    app.get(
      '/campaigns',
      {
        schema: {
          tags: ['campaigns'],
          summary: '专项任务 Campaigns over my scope, running first, with their counts in my scope',
          querystring: ListQuery,
          response: { 200: z.object({ items: z.array(CampaignItem), total: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'campaigns.read');
        const { items, total } = await repo.listCampaigns(ctx.db, actor, req.query);
        const counts = await repo.countsOf(
          ctx.db,
          actor.countyCode,
          items.map((c) => Number(c.id)),
          actor.scopePath,
        );
        return { items: items.map((c) => toCampaignItem(c, counts.get(Number(c.id)))), total };
      },
    );

    app.get(
      '/campaigns/:id',
      {
        schema: {
          tags: ['campaigns'],
          summary: '专项任务详情 A campaign: its rule, checklist, counts in my scope and what I may do',
          params: IdParams,
          response: { 200: CampaignDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'campaigns.read');
        const c = await visible(actor, req.params.id);
        const counts = await repo.countsOf(ctx.db, actor.countyCode, [Number(c.id)], actor.scopePath);
        return {
          ...toCampaignItem(c, counts.get(Number(c.id))),
          rule: c.rule as z.infer<typeof CampaignDetail>['rule'],
          checklist: c.checklist as z.infer<typeof CampaignDetail>['checklist'],
          closeReason: c.close_reason,
          closedAt: c.closed_at?.toISOString() ?? null,
          actions: c.state === 'running' && mayClose(actor, c) ? ['close' as const] : [],
        };
      },
    );

    app.get(
      '/campaigns/:id/progress',
      {
        schema: {
          tags: ['campaigns'],
          summary:
            '任务进度 Live progress of a region of my scope, by its child regions (grid, village, township)',
          params: IdParams,
          querystring: ProgressQuery,
          response: { 200: Progress },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'campaigns.read');
        const c = await visible(actor, req.params.id);
        if (!mayFollow(actor, c)) throw new AppError('FORBIDDEN');
        // by default the campaign's own region when it lies in my scope, else my scope
        const node = req.query.within
          ? narrowScope(actor, req.query.within, pathOf)
          : inScope(actor, c.region_path)
            ? c.region_path
            : actor.scopePath;
        const code = node.slice(node.lastIndexOf('.') + 1);
        const rows = await repo.progressBy(ctx.db, actor.countyCode, Number(c.id), node);
        const total = await repo.countsOf(ctx.db, actor.countyCode, [Number(c.id)], node);
        return {
          code,
          name: await repo.regionName(ctx.db, code),
          total: toCounts(total.get(Number(c.id))),
          items: rows.map((r) => ({ code: r.code, name: r.name, level: r.level, ...toCounts(r) })),
        };
      },
    );

    app.post(
      '/campaigns/:id/actions/close',
      {
        schema: {
          tags: ['campaigns'],
          summary:
            '结束专项任务 Close: every open target is listed as missed; with open targets a reason is required (409)',
          params: IdParams,
          body: CloseBody,
          response: { 200: CloseResult },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'campaigns.read');
        return closeCampaign(ctx, actor, req.params.id, req.body, req.id);
      },
    );
  };
