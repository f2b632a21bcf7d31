import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { IdParams } from '../../platform/ids.js';
import { actorOf, inScope, narrowScope, type Actor } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import { authorize } from './abilities.js';
import { closeEvent } from './close.js';
import type { EmergencyDeps } from './context.js';
import { declareEvent } from './declare.js';
import { emergencyFieldRoutes } from './field-routes.js';
import { latestPositions, sharingOf } from './location.js';
import { mayClose } from './policy.js';
import * as repo from './repository.js';
import { emergencyResourceRoutes } from './resource-routes.js';
import {
  CloseBody,
  CloseResult,
  DeclareBody,
  Declared,
  EventDetail,
  EventItem,
  EventMap,
  ListQuery,
  Summary,
  Template,
} from './schemas.js';
import { toCounts, toEventItem } from './view.js';

const MapQuery = z.object({
  within: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional()
    .describe('a region of your scope; default the event’s own region in your scope'),
});

export const emergencyRoutes =
  (ctx: EmergencyDeps): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(emergencyFieldRoutes(ctx));
    await app.register(emergencyResourceRoutes(ctx));

    async function visible(actor: Actor, id: number) {
      const e = await repo.findEvent(ctx.db, repo.scopeOf(actor), id);
      if (!e) throw new AppError('NOT_FOUND');
      return e;
    }

    app.get(
      '/emergency-templates',
      {
        schema: {
          tags: ['emergency'],
          summary:
            '应急事件类型 The county’s kinds of emergency (flood, blizzard, fire, chemical leak, epidemic)',
          response: { 200: z.object({ items: z.array(Template) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'emergency.declare');
        const rows = await ctx.db
          .selectFrom('emergency_template')
          .selectAll()
          .where('county_code', '=', actor.countyCode)
          .orderBy('sort_order')
          .execute();
        return {
          items: rows.map((t) => ({
            key: t.key,
            kind: t.kind as z.infer<typeof Template>['kind'],
            title: t.title,
            careTags: t.care_tags,
            categoryCode: t.category_code,
          })),
        };
      },
    );

    app.post(
      '/emergency-events',
      {
        schema: {
          tags: ['emergency'],
          summary:
            '发布应急事件 Declare an emergency over grids of my subtree: its workers are alerted and a check of every vulnerable household goes out',
          body: DeclareBody,
          response: { 201: Declared, 200: Declared.describe('already declared with this clientRequestId') },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'emergency.declare');
        const made = await declareEvent(ctx, actor, req.body, req.id);
        return reply.code(made.replayed ? 200 : 201).send(made);
      },
    );

    app.get(
      '/emergency-events',
      {
        schema: {
          tags: ['emergency'],
          summary: '应急事件 Events over my scope, declared first, with their check counts in my scope',
          querystring: ListQuery,
          response: { 200: z.object({ items: z.array(EventItem), total: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'emergency.read');
        const { items, total } = await repo.listEvents(ctx.db, repo.scopeOf(actor), req.query);
        const counts = await repo.countsOf(
          ctx.db,
          actor.countyCode,
          items.map((e) => Number(e.id)),
          actor.scopePath,
        );
        return { items: items.map((e) => toEventItem(e, counts.get(Number(e.id)))), total };
      },
    );

    app.get(
      '/emergency-events/:id',
      {
        schema: {
          tags: ['emergency'],
          summary:
            '应急事件详情 An event: its area and counts in my scope, the summary once closed, my location sharing',
          params: IdParams,
          response: { 200: EventDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'emergency.read');
        const e = await visible(actor, req.params.id);
        const id = Number(e.id);
        const counts = await repo.countsOf(ctx.db, actor.countyCode, [id], actor.scopePath);
        return {
          ...toEventItem(e, counts.get(id)),
          area: await repo.areaGrids(ctx.db, actor.countyCode, id, actor.scopePath),
          summary: (e.summary as z.infer<typeof Summary> | null) ?? null,
          closeNote: e.close_note,
          helpRequests: await repo.helpCount(ctx.db, actor.countyCode, id, actor.scopePath),
          actions: e.state === 'declared' && mayClose(actor, e) ? ['close' as const] : [],
          sharing: await sharingOf(ctx, actor, { id, state: e.state }),
        };
      },
    );

    app.get(
      '/emergency-events/:id/map',
      {
        schema: {
          tags: ['emergency'],
          summary:
            '应急地图 The live map: every household checked (coloured by status), counts by child region, workers sharing their location',
          params: IdParams,
          querystring: MapQuery,
          response: { 200: EventMap },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'emergency.read');
        const e = await visible(actor, req.params.id);
        const id = Number(e.id);
        const node = req.query.within
          ? narrowScope(actor, req.query.within, pathOf)
          : inScope(actor, e.region_path)
            ? e.region_path
            : actor.scopePath;
        const [counts, byRegion, points, workers, bounds] = await Promise.all([
          repo.countsOf(ctx.db, actor.countyCode, [id], node),
          repo.countsByRegion(ctx.db, actor.countyCode, id, node),
          repo.mapPoints(ctx.db, actor.countyCode, id, node),
          latestPositions(ctx, actor.countyCode, id, node),
          repo.areaBounds(ctx.db, actor.countyCode, id, node),
        ]);
        return {
          counts: toCounts(counts.get(id)),
          byRegion: byRegion.map((r) => ({
            code: r.code,
            name: r.name,
            level: r.level,
            counts: toCounts(r),
          })),
          points: points.map((p) => ({
            id: Number(p.id),
            lng: p.lng,
            lat: p.lat,
            status: p.status as z.infer<typeof EventMap>['points'][number]['status'],
            gridCode: p.grid_code,
          })),
          workers,
          bounds,
        };
      },
    );

    app.post(
      '/emergency-events/:id/actions/close',
      {
        schema: {
          tags: ['emergency'],
          summary:
            '结束应急事件 Close: the summary (checked / unreachable / help given) is kept; location sharing stops and every position is deleted',
          params: IdParams,
          body: CloseBody,
          response: { 200: CloseResult },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'emergency.read');
        return closeEvent(ctx, actor, req.params.id, req.body, req.id);
      },
    );
  };
