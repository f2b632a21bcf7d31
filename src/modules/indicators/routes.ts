import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { actorOf, type Actor } from '../accounts/index.js';
import { authorize } from './abilities.js';
import { Catalogue } from './catalogue.js';
import type { IndicatorsDeps } from './context.js';
import { dashboard } from './dashboard.js';
import { named } from './names.js';
import { nodeOf, type RegionNode } from './node.js';
import { windowOf } from './periods.js';
import {
  BreakdownQuery,
  BreakdownResponse,
  CatalogueResponse,
  DashboardQuery,
  DashboardResponse,
  PeriodQuery,
  RecordsQuery,
  RecordsResponse,
  SeriesQuery,
  SeriesResponse,
  ValuesQuery,
  ValuesResponse,
} from './schemas.js';
import { breakdown, dayOfNow, records, series, values, type Ctx } from './service.js';
import { rollupFigures } from './sources.js';

const tags = ['indicators'];
const out = (n: RegionNode) => ({ code: n.code, name: n.name, level: n.level });

/** 指标: the catalogue, values with 环比/同比, trends, breakdowns, drill-down, the dashboard. */
export const indicatorRoutes =
  (deps: IndicatorsDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const catalogue = new Catalogue(deps.indicatorSources);
    const prepare = async (req: FastifyRequest, q: z.infer<typeof PeriodQuery>) => {
      const actor: Actor = actorOf(req);
      authorize(actor, 'indicators.read');
      const now = deps.now();
      const db = await deps.readDb(req); // read-only work: the replica when it may serve (docs/replica.md)
      const node = await nodeOf(db, actor, q.region);
      const w = windowOf(q.period, q.at, dayOfNow(now), { from: q.from, to: q.to });
      const ctx: Ctx = { db, catalogue, figures: rollupFigures(db), now };
      return { node, w, ctx };
    };

    app.get(
      '/indicators',
      { schema: { tags, summary: '指标目录 The indicator catalogue', response: { 200: CatalogueResponse } } },
      async (req) => {
        authorize(actorOf(req), 'indicators.read');
        return { items: catalogue.list() };
      },
    );

    app.get(
      '/indicators/values',
      {
        schema: {
          tags,
          summary: '指标值 Values for a region and period, with 环比 and 同比',
          querystring: ValuesQuery,
          response: { 200: ValuesResponse },
        },
      },
      async (req) => {
        const { node, w, ctx } = await prepare(req, req.query);
        return { region: out(node), ...(await values(ctx, node, req.query.period, w, req.query.codes)) };
      },
    );

    app.get(
      '/indicators/series',
      {
        schema: {
          tags,
          summary: '趋势 Indicators over the periods up to the one asked',
          querystring: SeriesQuery,
          response: { 200: SeriesResponse },
        },
      },
      async (req) => {
        const q = req.query;
        const { node, w, ctx } = await prepare(req, q);
        const period = q.period === 'custom' ? 'day' : q.period;
        const win = q.period === 'custom' ? { from: w.to, to: w.to } : w;
        const last = q.period === 'custom' ? { from: addDay(win.from, -1), to: win.to } : win;
        return { region: out(node), points: await series(ctx, node, period, last, q.codes, q.points) };
      },
    );

    app.get(
      '/indicators/breakdown',
      {
        schema: {
          tags,
          summary:
            '分解 One indicator by child region, category, source or department (units compared, never people)',
          querystring: BreakdownQuery,
          response: { 200: BreakdownResponse },
        },
      },
      async (req) => {
        const q = req.query;
        const { node, w, ctx } = await prepare(req, q);
        const items = await named(ctx.db, node, q.by, await breakdown(ctx, node, w, q.code, q.by));
        return { region: out(node), window: w, code: q.code, by: q.by, items };
      },
    );

    app.get(
      '/indicators/records',
      {
        schema: {
          tags,
          summary:
            '明细 The records behind a figure (case numbers or the module’s records; no personal data)',
          querystring: RecordsQuery,
          response: { 200: RecordsResponse },
        },
      },
      async (req) => {
        const q = req.query;
        const { node, w, ctx } = await prepare(req, q);
        return {
          region: out(node),
          window: w,
          code: q.code,
          ...(await records(ctx, node, w, q.code, q.limit)),
        };
      },
    );

    app.get(
      '/indicators/dashboard',
      {
        schema: {
          tags,
          summary: '驾驶舱 The dashboard of a region: headline values, trend, units compared, satisfaction',
          querystring: DashboardQuery,
          response: { 200: DashboardResponse },
        },
      },
      async (req) => {
        const q = req.query;
        const { node, w, ctx } = await prepare(req, q);
        return { region: out(node), ...(await dashboard(ctx, node, q.period, w)) };
      },
    );
  };

const addDay = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
