import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { Id } from '../../platform/ids.js';
import { XLSX } from '../../platform/lists/index.js';
import { actorOf } from '../accounts/index.js';
import { authorize } from './abilities.js';
import type { ReportRouteDeps } from './context.js';
import { reportWorkbook } from './excel.js';
import { generateReport, regionUnder } from './generate.js';
import { findReport, listReports } from './repository.js';
import { GenerateBody, ReportListQuery, ReportOut, ReportPage } from './schemas.js';
import { toReport, toSummary } from './view.js';

const tags = ['reports'];
const IdParams = z.object({ id: Id });

/** 日报/周报/月报: the kept case reports of the caller's subtree, made on demand, downloaded as Excel. */
export const reportRoutes =
  (deps: ReportRouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    // reading a kept report is read-only work: the replica when it may serve (docs/replica.md)
    const kept = async (req: { params: { id: number } } & Parameters<typeof actorOf>[0]) => {
      const actor = actorOf(req);
      authorize(actor, 'reports.read');
      const r = await findReport(await deps.readDb(req), actor.countyCode, actor.scopePath, req.params.id);
      if (!r) throw new AppError('NOT_FOUND');
      return toReport(r);
    };

    app.get(
      '/reports',
      {
        schema: {
          tags,
          summary: '报表 Kept daily, weekly and monthly case reports of my scope, with the exact total',
          querystring: ReportListQuery,
          response: { 200: ReportPage },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'reports.read');
        const page = await listReports(await deps.readDb(req), actor.countyCode, actor.scopePath, req.query);
        return { items: page.rows.map(toSummary), total: page.total };
      },
    );

    app.post(
      '/reports',
      {
        schema: {
          tags,
          summary:
            '生成报表 Make a report now (village daily, township weekly, county monthly); kept and audited',
          body: GenerateBody,
          response: { 201: ReportOut },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const region = await regionUnder(
          deps.db,
          actor.countyCode,
          actor.scopePath,
          req.body.region ?? actor.scopeCode,
        );
        authorize(actor, 'reports.generate');
        const id = await generateReport(deps, actor, req.body.kind, region, req.body.at, req.id);
        const r = await findReport(deps.db, actor.countyCode, actor.scopePath, id);
        return reply.code(201).send(toReport(r!));
      },
    );

    app.get(
      '/reports/:id',
      {
        schema: {
          tags,
          summary:
            '报表详情 A kept report: figures with 环比/同比, child regions, the cases behind the figures',
          params: IdParams,
          response: { 200: ReportOut },
        },
      },
      async (req) => kept(req),
    );

    app.get(
      '/reports/:id/export.xlsx',
      {
        schema: {
          tags,
          summary: '下载报表 A kept report as .xlsx (figures, regions, one sheet per list)',
          params: IdParams,
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        const r = await kept(req);
        reply.header('content-type', XLSX);
        reply.header(
          'content-disposition',
          `attachment; filename="report-${r.kind}-${r.regionCode}-${r.periodFrom}.xlsx"`,
        );
        return reply.send(await reportWorkbook(r));
      },
    );
  };
