import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id } from '../../platform/ids.js';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { actorOf, narrowScope, type Actor } from '../accounts/index.js';
import { photoLinks, photosOf } from '../photos/index.js';
import { pathOf } from '../regions/index.js';
import type { ErrandRouteDeps } from './context.js';
import { authorize, can } from './abilities.js';
import { actionRouteValidator, parseActionBody } from '../workflow/index.js';
import { actOnErrand } from './actions.js';
import { itemRoutes } from './item-routes.js';
import { findServiceItem } from './items.js';
import * as repo from './repository.js';
import { exportErrands } from './export.js';
import { sendXlsx, XLSX } from '../../platform/lists/index.js';
import {
  ActionBody,
  ActionParams,
  ActionResult,
  CreateErrandBody,
  ERRAND_ACTION_BODIES,
  type ErrandActionInput,
  ErrandDetail,
  ErrandItem,
  ErrandQuery,
  ErrandExportQuery,
  StatsResponse,
  WalkInBody,
} from './schemas.js';
import { registerWalkIn } from './walk-in.js';
import { relayPlan } from './relay.js';
import { createErrand, revealErrandPhone } from './service.js';
import { noStore } from '../../platform/no-store.js';
import { actionsFor, mayRevealPhone } from './states.js';
import { errandText, toErrandItem, toStats } from './view.js';

const IdParams = z.object({
  id: Id,
});
const Created = z.object({ id: z.number().int(), number: z.string(), status: z.string() });

/** Residents ask and follow their own errands; staff read and handle the errands of their scope. */
function authorizeErrands(actor: Actor): void {
  if (!can(actor, 'errands.request') && !can(actor, 'errands.read')) throw new AppError('FORBIDDEN');
}

export const errandRoutes =
  (ctx: ErrandRouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(itemRoutes(ctx));

    app.post(
      '/errands',
      {
        schema: {
          tags: ['errands'],
          summary: '申请代办 Ask for an errand or a proxy service (resident; the grid is your own)',
          body: CreateErrandBody,
          response: {
            201: Created,
            200: Created.describe('already made by an earlier request with the same clientRequestId'),
          },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'errands.request');
        const { replayed, ...made } = await createErrand(ctx, actor, req.body);
        return reply.code(replayed ? 200 : 201).send(made);
      },
    );

    app.post(
      '/errands/walk-in',
      {
        schema: {
          tags: ['errands'],
          summary:
            '代办点代为登记 Village staff register a walk-in request for a villager without a phone (the resident from the archive; audited)',
          body: WalkInBody,
          response: {
            201: Created,
            200: Created.describe('already made by an earlier request with the same clientRequestId'),
          },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'errands.register');
        const { replayed, ...made } = await registerWalkIn(ctx, actor, req.body, req.id);
        return reply.code(replayed ? 200 : 201).send(made);
      },
    );

    app.get(
      '/errands',
      {
        schema: {
          tags: ['errands'],
          summary: '代办列表 Errands: residents their own, staff those of their scope',
          querystring: ErrandQuery,
          response: { 200: z.object({ items: z.array(ErrandItem), total: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorizeErrands(actor);
        const path = narrowScope(actor, req.query.within, pathOf);
        const { items, total } = await repo.listErrands(ctx.db, actor, path, req.query, ctx.now());
        return { items: items.map((e) => toErrandItem(e, actor)), total };
      },
    );

    app.get(
      '/errands/export.xlsx',
      {
        schema: {
          tags: ['errands'],
          summary: '导出代办 The filtered errand list as .xlsx, streamed (masked; audited)',
          querystring: ErrandExportQuery,
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const path = narrowScope(actor, req.query.within, pathOf);
        authorize(actor, 'errands.export');
        const rowsDb = await ctx.readDb(req); // the replica when it may serve; count and audit on the primary
        const { stream } = await exportErrands(
          ctx.db,
          actor,
          path,
          req.query,
          req.query,
          ctx.now(),
          req.id,
          rowsDb,
        );
        return sendXlsx(reply, `errands-${actor.countyCode}`, stream);
      },
    );

    app.get(
      '/errands/stats',
      {
        schema: {
          tags: ['errands'],
          summary: '代办统计 Counts by status, overdue, done and ratings in my scope',
          querystring: z.object({ within: ErrandQuery.shape.within }),
          response: { 200: StatsResponse },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'errands.read');
        return toStats(
          await repo.errandStats(ctx.db, actor, narrowScope(actor, req.query.within, pathOf), ctx.now()),
        );
      },
    );

    app.get(
      '/errands/:id',
      {
        schema: {
          tags: ['errands'],
          summary: '代办详情 An errand with its steps, the service guide and the actions I may take',
          params: IdParams,
          response: { 200: ErrandDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorizeErrands(actor);
        const e = await repo.findErrand(ctx.db, actor, req.params.id, ctx.now());
        if (!e) throw new AppError('NOT_FOUND');
        const [steps, service, photos] = await Promise.all([
          repo.errandSteps(ctx.db, e.county_code, e.id),
          findServiceItem(ctx.db, e.county_code, e.service_code),
          photosOf(ctx.db, e.county_code, 'errand_id', e.id),
        ]);
        if (!service) throw new AppError('NOT_FOUND');
        return {
          ...toErrandItem(e, actor),
          service,
          steps: steps.map((s) => ({
            id: s.id,
            at: s.at.toISOString(),
            action: s.action,
            fromStatus: s.from_status,
            toStatus: s.to_status,
            actorName: s.actor_name,
            note: s.note === null ? null : errandText(e, actor)(s.note),
          })),
          photos: photos.map((p) => photoLinks(p.id)),
          actions: actionsFor(actor, e),
          canRevealPhone: e.contact_phone_masked !== null && mayRevealPhone(actor, e),
          relay: relayPlan(service),
        };
      },
    );

    app.post(
      '/errands/:id/actions/:action',
      {
        validatorCompiler: actionRouteValidator,
        schema: {
          tags: ['errands'],
          summary:
            '办理代办 accept, decline {reason}, forward {note} (全程代办: to the next tier), return {note} (the result back to the village), done {note, photoIds}, confirm {rating, comment}, cancel',
          params: ActionParams,
          body: ActionBody,
          response: { 200: ActionResult },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        if (!can(actor, 'errands.request') && !can(actor, 'errands.handle')) throw new AppError('FORBIDDEN');
        const action = req.params.action;
        const body = parseActionBody(ERRAND_ACTION_BODIES[action], req.body);
        return actOnErrand(ctx, actor, req.params.id, { ...body, action } as ErrandActionInput, req.id);
      },
    );

    app.post(
      '/errands/:id/reveal-phone',
      {
        schema: {
          tags: ['errands'],
          summary:
            '查看联系电话 The full contact phone (assignee or village staff; reason required, audited)',
          params: IdParams,
          body: z.object({
            reason: z.string().trim().min(4, '请说明查看事由 (at least 4 characters)').max(200),
          }),
          response: { 200: z.object({ id: z.number().int(), contactPhone: z.string().nullable() }) },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'errands.read');
        noStore(reply);
        return revealErrandPhone(ctx, actor, req.params.id, req.body.reason, req.id, (e) =>
          mayRevealPhone(actor, e),
        );
      },
    );
  };
