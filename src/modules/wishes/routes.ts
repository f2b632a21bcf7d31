import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { actorOf, narrowScope, type Actor } from '../accounts/index.js';
import type { WishDeps } from './context.js';
import { authorize } from './abilities.js';
import { pathOf } from '../regions/index.js';
import { actionRouteValidator, parseActionBody } from '../workflow/index.js';
import { performWishAction } from './actions.js';
import { createWish } from './create.js';
import { exportWishes } from './export.js';
import { findWish, listWishes, wishStats, type WishFilter } from './repository.js';
import { sendXlsx, XLSX } from '../../platform/lists/index.js';
import {
  ActionBody,
  ActionParams,
  ActionResult,
  WISH_ACTION_BODIES,
  type WishActionInput,
  CreateWishBody,
  ExportQuery,
  IdParams,
  ListQuery,
  WishDetail,
  WishItem,
  WishStats,
} from './schemas.js';
import { toWishDetail, toWishItem } from './view.js';

const filterOf = (q: z.infer<typeof ExportQuery>, path: string): WishFilter => ({
  path,
  status: q.status,
  mine: q.mine === 'true',
  number: q.number,
  keyword: q.q,
  sort: q.sort,
});

/** Residents use their own wishes; everyone else needs wishes.read (scope narrows further). */
function mayList(actor: Actor): void {
  if (actor.role !== 'resident') authorize(actor, 'wishes.read');
}

const Made = z.object({ id: z.number().int(), number: z.string(), status: z.string() });

export const wishRoutes =
  (ctx: WishDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/wishes',
      {
        schema: {
          tags: ['wishes'],
          summary:
            '许个微心愿 Make a wish (a villager for themselves; staff for a household, on a visit or not)',
          body: CreateWishBody,
          response: {
            201: Made,
            200: Made.describe('already made by an earlier request with the same clientRequestId'),
          },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'wishes.request');
        const { replayed, ...made } = await createWish(ctx.db, ctx.now(), actor, req.body, req.id);
        return reply.code(replayed ? 200 : 201).send(made);
      },
    );

    app.get(
      '/wishes',
      {
        schema: {
          tags: ['wishes'],
          summary: '微心愿墙 Wishes I can see, newest first',
          querystring: ListQuery,
          response: { 200: z.object({ items: z.array(WishItem), total: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        mayList(actor);
        const q = req.query;
        const path = narrowScope(actor, q.within, pathOf);
        const { items, total } = await listWishes(ctx.db, actor, {
          ...filterOf(q, path),
          limit: q.limit,
          offset: q.offset,
        });
        return { items: items.map((r) => toWishItem(r, r.active_claims, r.claimer_names, actor)), total };
      },
    );

    app.get(
      '/wishes/export.xlsx',
      {
        schema: {
          tags: ['wishes'],
          summary: '导出微心愿 The filtered wish list as .xlsx, streamed (masked; audited)',
          querystring: ExportQuery,
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const path = narrowScope(actor, req.query.within, pathOf);
        authorize(actor, 'wishes.export');
        const rowsDb = await ctx.readDb(req); // the replica when it may serve; count and audit on the primary
        const { stream } = await exportWishes(
          ctx.db,
          actor,
          filterOf(req.query, path),
          req.query,
          req.id,
          rowsDb,
        );
        return sendXlsx(reply, `wishes-${actor.countyCode}`, stream);
      },
    );

    app.get(
      '/wishes/stats',
      {
        schema: {
          tags: ['wishes'],
          summary: '微心愿统计 Counts by status in my scope',
          querystring: z.object({ within: ListQuery.shape.within }),
          response: { 200: WishStats },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        mayList(actor);
        const path = narrowScope(actor, req.query.within, pathOf);
        const s = await wishStats(ctx.db, actor, path);
        const n = (k: string) => s[k] ?? 0;
        return {
          submitted: n('submitted'),
          published: n('published'),
          claimed: n('claimed'),
          fulfilled: n('fulfilled'),
          closed: n('closed'),
          rejected: n('rejected'),
          withdrawn: n('withdrawn'),
          claimedEver: n('claimed') + n('fulfilled') + n('closed'),
        };
      },
    );

    app.get(
      '/wishes/:id',
      {
        schema: {
          tags: ['wishes'],
          summary: '微心愿详情 A wish with its claims, timeline, photos and the actions I may take',
          params: IdParams,
          response: { 200: WishDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        mayList(actor);
        const w = await findWish(ctx.db, actor, req.params.id);
        if (!w) throw new AppError('NOT_FOUND');
        return toWishDetail(ctx.db, actor, w);
      },
    );

    app.post(
      '/wishes/:id/actions/:action',
      {
        validatorCompiler: actionRouteValidator,
        schema: {
          tags: ['wishes'],
          summary:
            '办理微心愿 publish, reject {reason}, withdraw, claim {claimerName, claimerKind, note}, unclaim, fulfil {note, photoIds}, close {thanksNote}',
          params: ActionParams,
          body: ActionBody,
          response: { 200: ActionResult },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        mayList(actor);
        const action = req.params.action;
        const body = parseActionBody(WISH_ACTION_BODIES[action], req.body, { reason: 'REASON_REQUIRED' });
        const input = { ...body, action } as WishActionInput;
        return performWishAction(ctx.db, ctx.now(), actor, req.params.id, input, req.id);
      },
    );
  };
