import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { sendXlsx, XLSX } from '../../platform/lists/index.js';
import { actorOf, narrowScope, type Actor } from '../accounts/index.js';
import type { VisitDeps } from './context.js';
import { authorize } from './abilities.js';
import { pathOf } from '../regions/index.js';
import { visitAdminRoutes } from './admin-routes.js';
import { listDue, summary } from './due-repository.js';
import * as repo from './repository.js';
import {
  DueItem,
  DueQuery,
  IdParams,
  LinkCaseBody,
  ListQuery,
  RecordVisitBody,
  RecordVisitResponse,
  SummaryRow,
  VisitExportQuery,
  VisitItem,
  Within,
} from './schemas.js';
import { exportVisits } from './export.js';
import { linkCase, recordVisit } from './service.js';
import { toDueItem, toVisitItem } from './view.js';

const scopeOf = (actor: Actor, within?: string) => ({
  countyCode: actor.countyCode,
  path: narrowScope(actor, within, pathOf),
});

export const visitRoutes =
  (ctx: VisitDeps): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(visitAdminRoutes(ctx));

    /** One visit as the caller sees it, with the household's due date after it. */
    async function answer(actor: Actor, id: number) {
      const scope = scopeOf(actor);
      const { items } = await repo.listVisits(ctx.db, scope, { id, limit: 1, offset: 0 });
      const v = items[0];
      if (!v) throw new AppError('NOT_FOUND');
      const h = await repo.findHousehold(ctx.db, scope, v.household_id);
      return { ...toVisitItem(v), visitDueAt: h?.visit_due_at?.toISOString() ?? null };
    }

    app.post(
      '/visits',
      {
        schema: {
          tags: ['visits'],
          summary:
            '记录走访 Record a door-to-door visit (photos optional; resend with the same clientRequestId is safe)',
          body: RecordVisitBody,
          response: {
            201: RecordVisitResponse,
            200: RecordVisitResponse.describe(
              'already recorded by an earlier request with the same clientRequestId',
            ),
          },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'visits.record');
        const { id, replayed } = await recordVisit(ctx, actor, req.body, req.id);
        return reply.code(replayed ? 200 : 201).send(await answer(actor, id));
      },
    );

    app.post(
      '/visits/:id/case',
      {
        schema: {
          tags: ['visits'],
          summary: '关联事件 Link a case reported from this visit',
          params: IdParams,
          body: LinkCaseBody,
          response: { 200: RecordVisitResponse },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'visits.record');
        await linkCase(ctx.db, actor, req.params.id, req.body.caseId, req.id);
        return answer(actor, req.params.id);
      },
    );

    app.get(
      '/visits/due',
      {
        schema: {
          tags: ['visits'],
          summary: '待走访 Households due a visit (never visited first, then the longest overdue)',
          querystring: DueQuery,
          response: { 200: z.object({ items: z.array(DueItem), total: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'visits.read');
        const { items, total } = await listDue(
          ctx.db,
          scopeOf(actor, req.query.within),
          ctx.now(),
          req.query,
        );
        return { items: items.map(toDueItem), total };
      },
    );

    app.get(
      '/visits',
      {
        schema: {
          tags: ['visits'],
          summary:
            '走访记录 Visits in my scope: filter, search, sort (newest first by default), the exact total',
          querystring: ListQuery,
          response: { 200: z.object({ items: z.array(VisitItem), total: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'visits.read');
        const q = req.query;
        const { items, total } = await repo.listVisits(ctx.db, scopeOf(actor, q.within), {
          ...q,
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? new Date(q.to) : undefined,
        });
        return { items: items.map(toVisitItem), total };
      },
    );

    app.get(
      '/visits/export.xlsx',
      {
        schema: {
          tags: ['visits'],
          summary: '导出走访记录 The filtered visit list as .xlsx, streamed (notes masked; audited)',
          querystring: VisitExportQuery,
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        // the right first (403), then the place (404 outside the caller)
        authorize(actor, 'visits.export');
        const q = req.query;
        const { stream } = await exportVisits(
          ctx.db,
          actor,
          scopeOf(actor, q.within),
          { ...q, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined },
          q,
          req.id,
          await ctx.readDb(req), // the rows from the replica when it may serve
        );
        return sendXlsx(reply, `visits-${actor.countyCode}`, stream);
      },
    );

    app.get(
      '/visits/summary',
      {
        schema: {
          tags: ['visits'],
          summary: '走访覆盖 Per child region: households, due now, visited in the last 30 days, coverage',
          querystring: z.object({ within: Within }),
          response: { 200: z.object({ code: z.string(), items: z.array(SummaryRow) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'visits.read');
        const path = narrowScope(actor, req.query.within, pathOf);
        const code = path.slice(path.lastIndexOf('.') + 1);
        const rows = await summary(ctx.db, actor.countyCode, code, ctx.now());
        const items = rows.map((r) => ({
          code: r.code,
          name: r.name,
          level: r.level,
          households: r.households,
          dueNow: r.due_now,
          visited30d: r.visited_30d,
          coverage: r.households ? Math.round((1000 * r.visited_30d) / r.households) / 10 : 0,
        }));
        return { code, items };
      },
    );

    app.get(
      '/households/:id/visits',
      {
        schema: {
          tags: ['visits'],
          summary: '走访历史 A household’s visits, newest first',
          params: IdParams,
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(200).default(50),
            offset: z.coerce.number().int().min(0).max(100_000).default(0),
          }),
          response: {
            200: z.object({
              items: z.array(VisitItem),
              total: z.number().int(),
              visitDueAt: z.string().nullable(),
            }),
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'visits.read');
        const scope = scopeOf(actor);
        const h = await repo.findHousehold(ctx.db, scope, req.params.id);
        if (!h) throw new AppError('NOT_FOUND');
        const { items, total } = await repo.listVisits(ctx.db, scope, { householdId: h.id, ...req.query });
        return { items: items.map(toVisitItem), total, visitDueAt: h.visit_due_at?.toISOString() ?? null };
      },
    );
  };
