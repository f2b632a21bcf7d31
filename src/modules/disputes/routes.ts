import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { actorOf, narrowScope } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import { actionRouteValidator, parseActionBody } from '../workflow/index.js';
import { authorize } from './abilities.js';
import { performDisputeAction } from './actions.js';
import type { DisputeDeps } from './context.js';
import { createDispute } from './create.js';
import { periodOf } from './periods.js';
import { computeReport, countsOf } from './reports.js';
import { findDispute, listDisputes, beijingDay } from './repository.js';
import { IssueBody, Issued, ReportOut, ReportQuery, Rhythm, RhythmQuery } from './report-schemas.js';
import { issuedReport, issueReport, rhythmBoard } from './rhythm.js';
import {
  ActionBody,
  ActionParams,
  ActionResult,
  CreateDisputeBody,
  DISPUTE_ACTION_BODIES,
  DisputeDetail,
  DisputeItem,
  IdParams,
  ListQuery,
  ExportQuery,
  Made,
  ScreeningBody,
  ScreeningMade,
  type DisputeActionInput,
} from './schemas.js';
import { fileScreening } from './screening.js';
import { toDisputeDetail, toDisputeItem } from './view.js';
import { exportDisputes } from './export.js';
import type { DisputeFilter } from './repository.js';
import { sendXlsx, XLSX } from '../../platform/lists/index.js';

const filterOf = (q: z.infer<typeof ExportQuery>, path: string): DisputeFilter => ({
  path,
  tier: q.tier,
  state: q.state,
  open: q.open === 'true',
  number: q.number,
  q: q.q,
  sort: q.sort,
});

const tags = ['disputes'];

export const disputeRoutes =
  (ctx: DisputeDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/disputes/screenings',
      {
        schema: {
          tags,
          summary:
            '日排查、日报告 File the village’s screening of today: the disputes found, or nothing found',
          body: ScreeningBody,
          response: {
            201: ScreeningMade,
            200: ScreeningMade.describe('already filed with this clientRequestId'),
          },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'disputes.screen');
        const { replayed, ...made } = await fileScreening(ctx, actor, req.body, req.id);
        return reply.code(replayed ? 200 : 201).send(made);
      },
    );

    app.post(
      '/disputes',
      {
        schema: {
          tags,
          summary:
            '登记矛盾纠纷 A dispute from a household or a grid (held at the village, settle the same day)',
          body: CreateDisputeBody,
          response: { 201: Made, 200: Made.describe('already made with this clientRequestId') },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'disputes.screen');
        const { replayed, ...made } = await createDispute(ctx, actor, req.body, req.id);
        return reply.code(replayed ? 200 : 201).send(made);
      },
    );

    app.get(
      '/disputes',
      {
        schema: {
          tags,
          summary: '矛盾纠纷台账 Disputes I can see, newest first',
          querystring: ListQuery,
          response: { 200: z.object({ items: z.array(DisputeItem), total: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'disputes.read');
        const q = req.query;
        const path = narrowScope(actor, q.within, pathOf);
        const { items, total } = await listDisputes(ctx.db, actor, {
          ...filterOf(q, path),
          limit: q.limit,
          offset: q.offset,
        });
        return { items: items.map(toDisputeItem), total };
      },
    );

    app.get(
      '/disputes/export.xlsx',
      {
        schema: {
          tags,
          summary: '导出矛盾纠纷台账 The filtered dispute list as .xlsx, streamed (masked; audited)',
          querystring: ExportQuery,
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const path = narrowScope(actor, req.query.within, pathOf);
        authorize(actor, 'disputes.export');
        const { stream } = await exportDisputes(
          ctx.db,
          actor,
          filterOf(req.query, path),
          req.query,
          req.id,
          await ctx.readDb(req), // the rows from the replica when it may serve; count and audit on the primary
        );
        return sendXlsx(reply, `disputes-${actor.countyCode}`, stream);
      },
    );

    app.get(
      '/disputes/rhythm',
      {
        schema: {
          tags,
          summary:
            '三级联动节奏 Who has not reported: villages today, townships this week, the county this month',
          querystring: RhythmQuery,
          response: { 200: Rhythm },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'disputes.read');
        const path = narrowScope(actor, req.query.within, pathOf);
        return rhythmBoard(ctx.db, actor, path, req.query.date ?? beijingDay(ctx.now()));
      },
    );

    app.get(
      '/disputes/reports',
      {
        schema: {
          tags,
          summary: '日报告 / 周报告 / 月报告 A report for a scope and period, computed from the data',
          querystring: ReportQuery,
          response: { 200: ReportOut },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'disputes.read');
        const q = req.query;
        const regionCode = q.within ?? actor.scopeCode;
        const path = narrowScope(actor, q.within, pathOf);
        const date = q.date ?? beijingDay(ctx.now());
        const r = await computeReport(ctx.db, actor, path, q.period, date);
        const issued = await issuedReport(
          ctx.db,
          actor.countyCode,
          regionCode,
          q.period,
          periodOf(q.period, date).start,
        );
        const list = (k: keyof typeof r.figures) => ({
          count: r.figures[k].count,
          items: r.figures[k].items.map((i) => ({
            id: i.id,
            number: i.number,
            summary: i.summary,
            type: i.type,
            riskLevel: i.risk_level,
            tier: i.tier as 'village',
            state: i.state as 'open',
            gridName: i.grid_name,
          })),
        });
        const counts = countsOf(r);
        return {
          regionCode,
          period: q.period,
          start: r.start,
          end: r.end,
          found: list('found'),
          settled: list('settled'),
          escalated: list('escalated'),
          overdue: list('overdue'),
          open: list('open'),
          screeningsFiled: counts.screeningsFiled,
          nothingFound: counts.nothingFound,
          issuedAt: issued ? issued.issued_at.toISOString() : null,
        };
      },
    );

    app.post(
      '/disputes/reports',
      {
        schema: {
          tags,
          summary:
            '报送周报告 / 月报告 Issue the township’s weekly or the county’s monthly report (figures computed)',
          body: IssueBody,
          response: { 201: Issued },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'disputes.report');
        const made = await issueReport(ctx.db, ctx.now(), actor, req.body.period, req.body.date, req.id);
        return reply.code(201).send(made);
      },
    );

    app.get(
      '/disputes/:id',
      {
        schema: {
          tags,
          summary: '纠纷详情 A dispute with its parties, steps, sessions and the actions I may take',
          params: IdParams,
          response: { 200: DisputeDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'disputes.read');
        const d = await findDispute(ctx.db, actor, req.params.id);
        if (!d) throw new AppError('NOT_FOUND');
        return toDisputeDetail(ctx.db, actor, d);
      },
    );

    app.post(
      '/disputes/:id/actions/:action',
      {
        validatorCompiler: actionRouteValidator,
        schema: {
          tags,
          summary:
            '办理纠纷 escalate {reason}, assign {leadDepartmentId, assistingDepartmentIds}, settle {agreement, sessionId}, fail {reason}, follow_up {held, note}',
          params: ActionParams,
          body: ActionBody,
          response: { 200: ActionResult },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'disputes.handle');
        const action = req.params.action;
        const body = parseActionBody(DISPUTE_ACTION_BODIES[action], req.body, { reason: 'REASON_REQUIRED' });
        const input = { ...body, action } as DisputeActionInput;
        return performDisputeAction(ctx.db, ctx, actor, req.params.id, input, req.id);
      },
    );
  };
