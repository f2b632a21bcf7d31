import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { sendXlsx, XLSX } from '../../platform/lists/index.js';
import { IdParams } from '../../platform/ids.js';
import { actorOf, narrowScope } from '../accounts/index.js';
import { photoLinks, photosOf } from '../photos/index.js';
import { pathOf } from '../regions/index.js';
import { actionRouteValidator, parseActionBody } from '../workflow/index.js';
import { authorize, can } from './abilities.js';
import { actOnWhistle } from './actions.js';
import { compareDepartments } from './comparison.js';
import type { WhistleDeps } from './context.js';
import { whistleLimitRoutes } from './limit-routes.js';
import { raiseWhistle } from './raise.js';
import * as repo from './repository.js';
import {
  ActionBody,
  ActionParams,
  ActionResult,
  ComparisonQuery,
  DepartmentFigures,
  RaiseWhistleBody,
  Raised,
  WHISTLE_ACTION_BODIES,
  type WhistleActionInput,
  WhistleDetail,
  WhistleExportQuery,
  WhistleItem,
  WhistleQuery,
} from './schemas.js';
import { exportWhistles } from './export.js';
import { whistleActor } from './service.js';
import { actionsFor } from './states.js';
import { toWhistleItem } from './view.js';

const DAY = 86_400_000;
/** A Beijing calendar day's first instant. */
const beijingDay = (d: string) => new Date(`${d}T00:00:00+08:00`);

export const whistleRoutes =
  (ctx: WhistleDeps): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(whistleLimitRoutes(ctx));

    app.post(
      '/whistles',
      {
        schema: {
          tags: ['whistles'],
          summary:
            '基层吹哨 Raise a request to a county department (village, township; an enterprise’s need from its grid)',
          body: RaiseWhistleBody,
          response: { 201: Raised, 200: Raised.describe('already made with the same clientRequestId') },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        // the helping cadre of an enterprise may raise its need whatever their role (raise.ts decides)
        if (
          !can(actor, 'whistles.raise') &&
          (req.body.enterpriseId === undefined || !can(actor, 'whistles.read'))
        )
          throw new AppError('FORBIDDEN');
        const { replayed, ...made } = await raiseWhistle(ctx, actor, req.body);
        return reply.code(replayed ? 200 : 201).send(made);
      },
    );

    app.get(
      '/whistles',
      {
        schema: {
          tags: ['whistles'],
          summary:
            '吹哨列表 Requests I see: raised in my area, held by my department (inbox=true), followed by me; searched, sorted, the exact total',
          querystring: WhistleQuery,
          response: { 200: z.object({ items: z.array(WhistleItem), total: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = await whistleActor(ctx.db, actorOf(req));
        authorize(actor, 'whistles.read');
        const path = narrowScope(actor, req.query.within, pathOf);
        const now = ctx.now();
        const { items, total } = await repo.listWhistles(ctx.db, actor, path, req.query, now);
        return { items: items.map((w) => toWhistleItem(w, now)), total };
      },
    );

    app.get(
      '/whistles/export.xlsx',
      {
        schema: {
          tags: ['whistles'],
          summary: '导出吹哨 The filtered whistle list as .xlsx, streamed (free text masked; audited)',
          querystring: WhistleExportQuery,
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        const actor = await whistleActor(ctx.db, actorOf(req));
        // the right first (403), then the place (404 outside the caller)
        authorize(actor, 'whistles.export');
        const path = narrowScope(actor, req.query.within, pathOf);
        const rowsDb = await ctx.readDb(req); // the replica when it may serve; count and audit on the primary
        const { stream } = await exportWhistles(
          ctx.db,
          actor,
          path,
          req.query,
          req.query,
          ctx.now(),
          req.id,
          rowsDb,
        );
        return sendXlsx(reply, `whistles-${actor.countyCode}`, stream);
      },
    );

    app.get(
      '/whistles/departments',
      {
        schema: {
          tags: ['whistles'],
          summary: '可吹哨部门 The county departments a request can go to',
          response: {
            200: z.object({ items: z.array(z.object({ id: z.number().int(), name: z.string() })) }),
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'whistles.read');
        return { items: await repo.countyDepartments(ctx.db, actor.countyCode) };
      },
    );

    app.get(
      '/whistles/comparison',
      {
        schema: {
          tags: ['whistles'],
          summary: '部门必应比较 Departments compared: received, answered on time, response hours, handed on',
          querystring: ComparisonQuery,
          response: {
            200: z.object({ from: z.string(), to: z.string(), items: z.array(DepartmentFigures) }),
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'whistles.read');
        const path = narrowScope(actor, req.query.within, pathOf);
        const county = req.query.within?.slice(0, 6) ?? actor.countyCode;
        const now = ctx.now();
        const to = req.query.to ? new Date(beijingDay(req.query.to).getTime() + DAY) : now;
        const from = req.query.from ? beijingDay(req.query.from) : new Date(to.getTime() - 90 * DAY);
        if (from.getTime() >= to.getTime()) throw new AppError('VALIDATION_FAILED', { detail: 'from > to' });
        const items = await compareDepartments(ctx.db, county, path, from, to, now);
        return { from: from.toISOString(), to: to.toISOString(), items };
      },
    );

    app.get(
      '/whistles/:id',
      {
        schema: {
          tags: ['whistles'],
          summary: '吹哨详情 A request with its clock, its steps and the actions I may take',
          params: IdParams,
          response: { 200: WhistleDetail },
        },
      },
      async (req) => {
        const actor = await whistleActor(ctx.db, actorOf(req));
        if (!can(actor, 'whistles.read') && !can(actor, 'whistles.raise')) throw new AppError('FORBIDDEN');
        const w = await repo.findWhistle(ctx.db, actor, req.params.id);
        if (!w) throw new AppError('NOT_FOUND');
        const [steps, photos] = await Promise.all([
          repo.whistleSteps(ctx.db, w.county_code, w.id),
          photosOf(ctx.db, w.county_code, 'whistle_id', w.id),
        ]);
        return {
          ...toWhistleItem(w, ctx.now()),
          steps: steps.map((s) => ({
            id: s.id,
            at: s.at.toISOString(),
            action: s.action,
            fromState: s.from_state,
            toState: s.to_state,
            departmentName: s.department_name,
            toDepartmentName: s.to_department_name,
            dueAt: s.due_at.toISOString(),
            actorName: s.actor_name,
            note: s.note,
          })),
          photos: photos.map((p) => photoLinks(p.id)),
          actions: actionsFor(actor, w),
        };
      },
    );

    app.post(
      '/whistles/:id/actions/:action',
      {
        validatorCompiler: actionRouteValidator,
        schema: {
          tags: ['whistles'],
          summary:
            '办理吹哨 hand_on {departmentId, reason} (no return), answer {answer}, confirm, reopen {reason}, direct {departmentId, reason}',
          params: ActionParams,
          body: ActionBody,
          response: { 200: ActionResult },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        if (!can(actor, 'whistles.read') && !can(actor, 'whistles.raise')) throw new AppError('FORBIDDEN');
        const action = req.params.action;
        const body = parseActionBody(WHISTLE_ACTION_BODIES[action], req.body, {
          reason: 'WHISTLE_REASON_REQUIRED',
        });
        return actOnWhistle(ctx, actor, req.params.id, { ...body, action } as WhistleActionInput, req.id);
      },
    );
  };
