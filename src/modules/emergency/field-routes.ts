import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { IdParams } from '../../platform/ids.js';
import { maskPiiText } from '../../platform/pii-text.js';
import { sendXlsx, XLSX } from '../../platform/lists/index.js';
import { actorOf, narrowScope, type Actor } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import { authorize } from './abilities.js';
import { checkHistory, listChecks, pageChecks } from './check-repository.js';
import { exportChecks } from './check-export.js';
import { reportCheck } from './checks.js';
import type { EmergencyDeps } from './context.js';
import { askHelp } from './help.js';
import { CHECK_STATUSES } from './kinds.js';
import { consentToShare, sharePosition, stopSharing } from './location.js';
import * as repo from './repository.js';
import {
  CheckExportQuery,
  CheckHistory,
  CheckItem,
  CheckListQuery,
  HelpBody,
  HelpResult,
  MyChecks,
  PositionBody,
  PositionResult,
  ReportBody,
  ReportResult,
  SharingResult,
} from './schemas.js';

/** The phone's side: my checks, one-tap reports, requests for help, location sharing. */
export const emergencyFieldRoutes =
  (ctx: EmergencyDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/emergency-checks/mine',
      {
        schema: {
          tags: ['emergency'],
          summary:
            '我的应急核查 The vulnerable households of my grid to check, for every declared event (the phone keeps them offline)',
          response: { 200: MyChecks },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'emergency.respond');
        const items = await listChecks(ctx.db, repo.scopeOf(actor), { declaredOnly: true, limit: 2000 });
        const { items: events } = await repo.listEvents(ctx.db, repo.scopeOf(actor), {
          state: 'declared',
          limit: 100,
          offset: 0,
        });
        return {
          events: events.map((e) => ({
            id: Number(e.id),
            kind: e.kind as z.infer<typeof MyChecks>['events'][number]['kind'],
            title: e.title,
          })),
          items,
        };
      },
    );

    /** The event (404 unseen) and the node of the caller's scope asked for. */
    async function eventIn(actor: Actor, id: number, within: string | undefined) {
      const e = await repo.findEvent(ctx.db, repo.scopeOf(actor), id);
      if (!e) throw new AppError('NOT_FOUND');
      return {
        id: Number(e.id),
        scope: { countyCode: actor.countyCode, path: narrowScope(actor, within, pathOf) },
      };
    }

    app.get(
      '/emergency-events/:id/checks',
      {
        schema: {
          tags: ['emergency'],
          summary:
            '核查名单 An event’s households in a region of my scope, by status (pending first), searched by words, sorted by a column, the exact total',
          params: IdParams,
          querystring: CheckListQuery,
          response: { 200: z.object({ items: z.array(CheckItem), total: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'emergency.read');
        const e = await eventIn(actor, req.params.id, req.query.within);
        const { items, total } = await pageChecks(ctx.db, e.scope, { ...req.query, eventId: e.id });
        return { items: items.map((i) => ({ ...i, address: maskPiiText(i.address) })), total };
      },
    );

    app.get(
      '/emergency-events/:id/checks/export.xlsx',
      {
        schema: {
          tags: ['emergency'],
          summary:
            '导出核查名单 An event’s filtered check list as .xlsx, streamed (addresses masked; audited)',
          params: IdParams,
          querystring: CheckExportQuery,
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'emergency.export');
        const e = await eventIn(actor, req.params.id, req.query.within);
        const f = { ...req.query, eventId: e.id };
        const { stream } = await exportChecks(
          ctx.db,
          actor,
          e.scope,
          f,
          f,
          req.id,
          await ctx.readDb(req), // the rows from the replica when it may serve; count and audit on the primary
        );
        return sendXlsx(reply, `emergency-${e.id}-checks`, stream);
      },
    );

    app.post(
      '/emergency-checks/:id/report',
      {
        schema: {
          tags: ['emergency'],
          summary:
            '一键上报 safe · evacuated · needs_help (becomes an urgent case) · unreachable; the latest by the phone’s time wins, every report is kept',
          params: IdParams,
          body: ReportBody,
          response: { 200: ReportResult },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'emergency.read');
        return reportCheck(ctx, actor, req.params.id, req.body, req.id);
      },
    );

    app.get(
      '/emergency-checks/:id/history',
      {
        schema: {
          tags: ['emergency'],
          summary: '上报记录 Every report of one household in this event, oldest first',
          params: IdParams,
          response: { 200: CheckHistory },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'emergency.read');
        const c = await ctx.db
          .selectFrom('emergency_check')
          .select('id')
          .where('county_code', '=', actor.countyCode)
          .where('id', '=', req.params.id)
          .where(sql<boolean>`grid_path <@ ${actor.scopePath}::ltree`)
          .executeTakeFirst();
        if (!c) throw new AppError('NOT_FOUND');
        const rows = await checkHistory(ctx.db, repo.scopeOf(actor), req.params.id);
        return {
          items: rows.map((r) => ({
            status: r.status as (typeof CHECK_STATUSES)[number],
            reportedAt: r.reported_at.toISOString(),
            by: r.reported_by_name,
            note: r.note === null ? null : maskPiiText(r.note),
          })),
        };
      },
    );

    app.post(
      '/emergency-events/:id/help',
      {
        schema: {
          tags: ['emergency'],
          summary:
            '应急求助 A request for help from the field: an urgent case at once (the event’s category, emergency deadlines)',
          params: IdParams,
          body: HelpBody,
          response: { 201: HelpResult, 200: HelpResult.describe('already asked with this clientRequestId') },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'emergency.respond');
        const made = await askHelp(ctx, actor, req.params.id, req.body, req.id);
        return reply.code(made.replayed ? 200 : 201).send(made);
      },
    );

    app.post(
      '/emergency-events/:id/location',
      {
        schema: {
          tags: ['emergency'],
          summary:
            '同意共享位置 My explicit consent to share my location for this event (workers of its area, while declared)',
          params: IdParams,
          response: { 200: SharingResult },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'emergency.respond');
        return consentToShare(ctx, actor, req.params.id, req.id);
      },
    );

    app.post(
      '/emergency-events/:id/location/stop',
      {
        schema: {
          tags: ['emergency'],
          summary: '停止共享位置 Stop sharing: my positions of this event are deleted',
          params: IdParams,
          response: { 200: SharingResult },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'emergency.respond');
        return stopSharing(ctx, actor, req.params.id, req.id);
      },
    );

    app.post(
      '/emergency-events/:id/positions',
      {
        schema: {
          tags: ['emergency'],
          summary:
            '上报位置 One position while sharing: refused when the event is closed, without consent, or outside its area',
          params: IdParams,
          body: PositionBody,
          response: { 200: PositionResult },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'emergency.respond');
        return sharePosition(ctx, actor, req.params.id, req.body);
      },
    );
  };
