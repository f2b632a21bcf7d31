import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { IdParams } from '../../platform/ids.js';
import { sendXlsx, XLSX } from '../../platform/lists/index.js';
import { actorOf, narrowScope, type Actor } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import { authorize } from './abilities.js';
import { closeCityCampaign, launchCityCampaign } from './city.js';
import { exportCityCampaigns } from './city-export.js';
import { previewCityTargets } from './city-preview.js';
import { beijingDate } from './launch.js';
import * as city from './city-repository.js';
import type { CampaignDeps } from './context.js';
import * as repo from './repository.js';
import {
  CityCampaignDetail,
  CityCampaignItem,
  CityCloseResult,
  CityLaunched,
  CityPreviewBody,
  CloseBody,
  CityExportQuery,
  CityListQuery,
  LaunchBody,
  PreviewResult,
  Progress,
  ProgressQuery,
} from './schemas.js';
import { toCityItem, toCounts } from './view.js';

/**
 * 全市响应: the city centre's campaigns over its counties. Only a city centre, only its own city's
 * campaigns (404 otherwise); counts by region, never a target's name or address.
 */
export const cityCampaignRoutes =
  (ctx: CampaignDeps): FastifyPluginAsyncZod =>
  async (app) => {
    async function items(actor: Actor, rows: city.CityCampaignRow[]) {
      const counts = await city.byCounty(
        ctx.db,
        actor.scopePath,
        rows.map((r) => Number(r.id)),
      );
      return rows.map((r) =>
        toCityItem(
          r,
          counts.filter((c) => Number(c.city_campaign_id) === Number(r.id)),
        ),
      );
    }
    async function visible(actor: Actor, id: number) {
      const h = await city.findCityCampaign(ctx.db, actor, id);
      if (!h) throw new AppError('NOT_FOUND');
      return h;
    }

    app.post(
      '/city-campaigns/preview',
      {
        schema: {
          tags: ['campaigns'],
          summary:
            '全市任务对象预览 How many targets a rule selects in my city, by county (or within one, by child region); nothing is made',
          body: CityPreviewBody,
          response: { 200: PreviewResult },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'campaigns.city');
        const { rule, within } = req.body;
        return previewCityTargets(ctx.db, actor, rule, within, beijingDate(ctx.now()));
      },
    );

    app.post(
      '/city-campaigns',
      {
        schema: {
          tags: ['campaigns'],
          summary: '全市专项任务 A city launches a campaign over its counties; the rule runs in each county',
          body: LaunchBody,
          response: {
            201: CityLaunched,
            200: CityLaunched.describe('already launched with this clientRequestId'),
          },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'campaigns.city');
        const made = await launchCityCampaign(ctx, actor, req.body, req.id);
        return reply.code(made.replayed ? 200 : 201).send(made);
      },
    );

    app.get(
      '/city-campaigns',
      {
        schema: {
          tags: ['campaigns'],
          summary:
            '全市专项任务列表 My city’s campaigns with their progress by county: searched by words of the title, sorted by a column, the exact total',
          querystring: CityListQuery,
          response: { 200: z.object({ items: z.array(CityCampaignItem), total: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'campaigns.city');
        const { items: rows, total } = await city.listCityCampaigns(ctx.db, actor, req.query);
        return { items: await items(actor, rows), total };
      },
    );

    app.get(
      '/city-campaigns/export.xlsx',
      {
        schema: {
          tags: ['campaigns'],
          summary:
            '导出全市专项任务 My city’s filtered campaign list with its counts over my counties as .xlsx, streamed (audited)',
          querystring: CityExportQuery,
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'campaigns.city');
        const { stream } = await exportCityCampaigns(
          ctx.db,
          actor,
          req.query,
          req.id,
          await ctx.readDb(req), // the rows from the replica when it may serve; count and audit on the primary
        );
        return sendXlsx(reply, 'city-campaigns', stream);
      },
    );

    app.get(
      '/city-campaigns/:id',
      {
        schema: {
          tags: ['campaigns'],
          summary: '全市专项任务详情 A city campaign: rule, checklist, progress by county, what I may do',
          params: IdParams,
          response: { 200: CityCampaignDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'campaigns.city');
        const h = await visible(actor, req.params.id);
        const [item] = await items(actor, [h]);
        return {
          ...item!,
          rule: h.rule as z.infer<typeof CityCampaignDetail>['rule'],
          checklist: h.checklist as z.infer<typeof CityCampaignDetail>['checklist'],
          closeReason: h.close_reason,
          closedAt: h.closed_at?.toISOString() ?? null,
          actions: h.state === 'running' ? ['close' as const] : [],
        };
      },
    );

    app.get(
      '/city-campaigns/:id/progress',
      {
        schema: {
          tags: ['campaigns'],
          summary:
            '全市任务进度 Progress of a region of my city by its child regions: counties, then townships, villages, grids',
          params: IdParams,
          querystring: ProgressQuery,
          response: { 200: Progress },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'campaigns.city');
        const h = await visible(actor, req.params.id);
        if (!req.query.within) {
          const rows = await city.byCounty(ctx.db, actor.scopePath, [Number(h.id)]);
          const sum = rows.reduce(
            (s, r) => ({
              targets: s.targets + r.targets,
              done: s.done + r.done,
              na: s.na + r.na,
              open: s.open + r.open,
              missed: s.missed + r.missed,
            }),
            { targets: 0, done: 0, na: 0, open: 0, missed: 0 },
          );
          return {
            code: actor.scopeCode,
            name: await repo.regionName(ctx.db, actor.scopeCode),
            total: toCounts(sum),
            items: rows.map((r) => ({ code: r.code, name: r.name, level: 'county', ...toCounts(r) })),
          };
        }
        // a county or below: that county's part, counted as its own progress is
        const node = narrowScope(actor, req.query.within, pathOf);
        const code = node.slice(node.lastIndexOf('.') + 1);
        const county = code.slice(0, 6);
        const part = (await city.partsOf(ctx.db, [Number(h.id)])).find((p) => p.county_code === county);
        const id = part ? Number(part.id) : 0;
        const rows = await repo.progressBy(ctx.db, county, id, node);
        const total = await repo.countsOf(ctx.db, county, [id], node);
        return {
          code,
          name: await repo.regionName(ctx.db, code),
          total: toCounts(total.get(id)),
          items: rows.map((r) => ({ code: r.code, name: r.name, level: r.level, ...toCounts(r) })),
        };
      },
    );

    app.post(
      '/city-campaigns/:id/actions/close',
      {
        schema: {
          tags: ['campaigns'],
          summary:
            '结束全市专项任务 Close with every county part: open targets are missed (counted by county); a reason is required then (409)',
          params: IdParams,
          body: CloseBody,
          response: { 200: CityCloseResult },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'campaigns.city');
        return closeCityCampaign(ctx, actor, req.params.id, req.body, req.id);
      },
    );
  };
