import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id } from '../../platform/ids.js';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { actorOf, narrowScope, type Actor } from '../accounts/index.js';
import { photoLinks, photosOf } from '../photos/index.js';
import { pathOf } from '../regions/index.js';
import { actionRouteValidator, parseActionBody } from '../workflow/index.js';
import { performAction } from './actions.js';
import { caseDeps, type CaseRouteDeps } from './context.js';
import { actionsFor, type CaseActor } from './policy.js';
import { open311Origin } from './open311-origin.js';
import { caseHistory, findCaseDetail } from './queries.js';
import { caseListPage, filterOf } from './list-service.js';
import { exportCases } from './export.js';
import { can } from './abilities.js';
import { Paged, XLSX } from '../../platform/lists/index.js';
import { reportCase } from './report.js';
import { revealReporterContact } from './reveal.js';
import { noStore } from '../../platform/no-store.js';
import { departmentOfAccount } from './repository.js';
import {
  ActionBody,
  ActionParams,
  CaseDetail,
  CaseItem,
  ListFilterQuery,
  ListQuery,
  ReportBody,
  Reported,
  CASE_ACTION_BODIES,
  type CaseActionInput,
} from './schemas.js';
import { findSimilar, SimilarItem, SimilarQuery } from './similar.js';
import { ratedBy, toCaseItem, toHistoryItem } from './view.js';
import { PublicCase, villageCases } from './village-view.js';

export async function caseActor(ctx: CaseRouteDeps, actor: Actor): Promise<CaseActor> {
  return {
    ...actor,
    departmentId:
      actor.role === 'department_staff' ? await departmentOfAccount(ctx.db, actor.accountId) : null,
  };
}

const IdParams = z.object({
  id: Id,
});

export const caseRoutes =
  (ctx: CaseRouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const deps = caseDeps(ctx);

    app.post(
      '/cases',
      {
        schema: {
          tags: ['cases'],
          summary: '上报事件 Report a case (随手拍, patrol, hotline …)',
          body: ReportBody,
          response: {
            201: Reported,
            200: Reported.describe('already made by an earlier request with the same clientRequestId'),
          },
        },
      },
      async (req, reply) => {
        const actor = await caseActor(ctx, actorOf(req));
        const { replayed, deadlineAt, ...made } = await reportCase(
          deps,
          actor,
          actor.countyCode,
          req.body,
          req.id,
        );
        return reply
          .code(replayed ? 200 : 201)
          .send({ ...made, deadlineAt: deadlineAt?.toISOString() ?? null });
      },
    );

    app.get(
      '/cases',
      {
        schema: {
          tags: ['cases'],
          summary: '案件列表 Cases I can see (most urgent first, or sorted), with the exact total',
          querystring: ListQuery,
          response: { 200: Paged(CaseItem) },
        },
      },
      async (req, reply) => {
        const actor = await caseActor(ctx, actorOf(req));
        const q = req.query;
        const withinPath = q.within ? narrowScope(actor, q.within, pathOf) : undefined;
        const f = filterOf(ctx, actor, q, withinPath);
        if (f.phoneHash) noStore(reply);
        const now = ctx.now();
        // a phone search is a reveal (rate-limited and audited in its transaction): the primary;
        // any other page is read-only work for the replica when it may serve (docs/replica.md)
        const page = await caseListPage(
          f.phoneHash ? ctx.db : await ctx.readDb(req),
          actor,
          { ...f, limit: q.limit, offset: q.offset },
          q.reason,
          now,
          req.id,
        );
        return { items: page.rows.map((r) => toCaseItem(r, now, actor)), total: page.total };
      },
    );

    app.get(
      '/cases/export.xlsx',
      {
        schema: {
          tags: ['cases'],
          summary: '导出案件 The filtered case list as .xlsx, streamed (masked; audited)',
          querystring: ListFilterQuery,
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        const actor = await caseActor(ctx, actorOf(req));
        const q = req.query;
        const withinPath = q.within ? narrowScope(actor, q.within, pathOf) : undefined;
        if (!can(actor, 'cases.export')) throw new AppError('FORBIDDEN');
        const f = filterOf(ctx, actor, q, withinPath);
        const { reason, phone: _phone, ...filter } = q;
        // counted and audited on the primary; the rows streamed from the replica when it may serve
        const rowsDb = await ctx.readDb(req);
        const { stream } = await exportCases(
          ctx.db,
          actor,
          f,
          filter,
          reason ?? null,
          ctx.now(),
          req.id,
          rowsDb,
        );
        noStore(reply);
        reply.header('content-type', XLSX);
        reply.header('content-disposition', `attachment; filename="cases-${actor.countyCode}.xlsx"`);
        return reply.send(stream);
      },
    );

    app.get(
      '/cases/village',
      {
        schema: {
          tags: ['cases'],
          summary: '村里的事 The public view of my village’s cases (no personal data)',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
          response: { 200: z.object({ villageCode: z.string(), items: z.array(PublicCase) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        if (actor.scopeCode.length < 12)
          throw new AppError('FORBIDDEN', {
            detail: '仅限村(社区)及网格账号',
            detailEn: 'for village- and grid-level accounts',
          });
        const village = actor.scopeCode.slice(0, 12);
        return {
          villageCode: village,
          items: await villageCases(ctx.db, actor.countyCode, village, req.query.limit),
        };
      },
    );

    app.get(
      '/cases/similar',
      {
        schema: {
          tags: ['cases'],
          summary: '疑似重复 Open cases of the same category nearby (suggested at intake)',
          querystring: SimilarQuery,
          response: {
            200: z.object({ items: z.array(SimilarItem) }),
          },
        },
      },
      async (req) => {
        const actor = await caseActor(ctx, actorOf(req));
        return { items: await findSimilar(ctx.db, actor, req.query, ctx.now()) };
      },
    );

    app.get(
      '/cases/:id',
      {
        schema: {
          tags: ['cases'],
          summary: '案件详情 A case with its timeline, photos and the actions I may take',
          params: IdParams,
          response: { 200: CaseDetail },
        },
      },
      async (req) => {
        const actor = await caseActor(ctx, actorOf(req));
        const c = await findCaseDetail(ctx.db, actor, req.params.id);
        if (!c) throw new AppError('NOT_FOUND');
        const [history, photos, open311] = await Promise.all([
          caseHistory(ctx.db, actor.countyCode, c.id),
          photosOf(ctx.db, actor.countyCode, 'case_id', c.id),
          c.source === 'open311' ? open311Origin(ctx.db, actor.countyCode, c.id, c.description) : null,
        ]);
        const now = ctx.now();
        const citizen = actor.role === 'resident';
        return {
          ...toCaseItem(c, now, actor),
          attributes: c.attributes as Record<string, unknown>,
          reporterName: citizen ? null : c.reporter_name,
          reporterContact: citizen ? null : c.reporter_contact_masked,
          evaluation: c.evaluation,
          evaluatedByMe: ratedBy(history, actor),
          evaluationComment: c.evaluation_comment,
          pendingDelay: citizen ? null : c.pending_delay,
          duplicateOf: c.duplicate_of,
          photos: photos.map((p) => ({
            ...photoLinks(p.id),
            phase: p.phase,
            width: p.width,
            height: p.height,
            takenAt: p.taken_at?.toISOString() ?? null,
          })),
          history: history.map((h) => toHistoryItem(h, actor)),
          actions: actionsFor(actor, c),
          open311,
        };
      },
    );

    app.post(
      '/cases/:id/reveal-contact',
      {
        schema: {
          tags: ['cases'],
          summary:
            '查看上报人电话 The reporter’s full contact number (staff holding cases; reason required, audited)',
          params: IdParams,
          body: z.object({
            reason: z.string().trim().min(4, '请说明查看事由 (at least 4 characters)').max(200),
          }),
          response: { 200: z.object({ id: z.number().int(), reporterContact: z.string().nullable() }) },
        },
      },
      async (req, reply) => {
        const actor = await caseActor(ctx, actorOf(req));
        noStore(reply);
        return revealReporterContact(deps, actor, req.params.id, req.body.reason, req.id);
      },
    );

    app.post(
      '/cases/:id/actions/:action',
      {
        validatorCompiler: actionRouteValidator,
        schema: {
          tags: ['cases'],
          summary:
            '办理 Take a workflow action (file, escalate, dispatch, accept, return, handle, close, rework, evaluate …)',
          params: ActionParams,
          body: ActionBody,
          response: {
            200: z.object({
              id: z.number().int(),
              number: z.string(),
              state: z.string(),
              tier: z.string(),
              version: z.number().int(),
            }),
          },
        },
      },
      async (req) => {
        const action = req.params.action;
        const body = parseActionBody(CASE_ACTION_BODIES[action], req.body, {
          note: 'REASON_REQUIRED',
          photoIds: 'AFTER_PHOTO_REQUIRED',
        });
        const actor = await caseActor(ctx, actorOf(req));
        return performAction(deps, actor, req.params.id, { ...body, action } as CaseActionInput, req.id);
      },
    );
  };
