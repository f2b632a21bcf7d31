import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { Paged } from '../../platform/lists/index.js';
import { actorOf, narrowScope } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import { authorize } from './abilities.js';
import {
  bookActivity,
  bookings,
  cancelBooking,
  createActivity,
  findActivity,
  listActivities,
  takeAttendance,
} from './activities.js';
import type { StationDeps } from './context.js';
import {
  ActivityBody,
  ActivityDetail,
  ActivityItem,
  ActivityQuery,
  AttendBody,
  BookBody,
  BookingParams,
  StationParams,
} from './schemas.js';
import { scopeOf, stationViewer } from './scope.js';
import { toActivity } from './view.js';

const Made = z.object({ id: z.number().int() });
const tags = ['stations'];

/** Activities of the stations (本溪县's centre: 70+ a year) with booking and attendance. */
export const activityRoutes =
  (ctx: StationDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/station-activities',
      {
        schema: {
          tags,
          summary: '站点活动 Activities of the stations in my scope, newest first',
          querystring: ActivityQuery,
          response: { 200: Paged(ActivityItem) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'stations.read');
        const path = narrowScope(stationViewer(actor), req.query.within, pathOf);
        const { items, total } = await listActivities(ctx.db, scopeOf(actor, path), req.query);
        return { items: items.map(toActivity), total };
      },
    );

    app.get(
      '/station-activities/:id',
      {
        schema: {
          tags,
          summary: '活动详情 An activity with its bookings and attendance',
          params: StationParams,
          response: { 200: ActivityDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'stations.read');
        const a = await findActivity(ctx.db, scopeOf(actor), req.params.id);
        if (!a) throw new AppError('NOT_FOUND');
        const list = await bookings(ctx.db, actor.countyCode, req.params.id);
        return {
          ...toActivity(a),
          bookings: list.map((b) => ({
            id: Number(b.id),
            residentId: Number(b.resident_id),
            residentName: b.resident_name,
            bookedAt: b.booked_at,
            attended: b.attended_at !== null,
          })),
        };
      },
    );

    app.post(
      '/stations/:id/activities',
      {
        schema: {
          tags,
          summary: '发布活动 Schedule an activity at a station (audited)',
          params: StationParams,
          body: ActivityBody,
          response: { 201: Made },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'stations.manage');
        const id = await createActivity(ctx.db, actor, req.params.id, req.body, {
          requestId: req.id,
          now: ctx.now(),
        });
        return reply.code(201).send({ id });
      },
    );

    app.post(
      '/station-activities/:id/bookings',
      {
        schema: {
          tags,
          summary: '预约活动 Book a resident of my area into an activity (never over its capacity; audited)',
          params: StationParams,
          body: BookBody,
          response: { 201: Made },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'stations.book');
        const id = await bookActivity(ctx.db, actor, req.params.id, req.body.residentId, {
          requestId: req.id,
          now: ctx.now(),
        });
        return reply.code(201).send({ id });
      },
    );

    app.post(
      '/station-activities/:id/bookings/:bookingId/cancel',
      {
        schema: {
          tags,
          summary: '取消预约 Cancel a booking before the activity starts (audited)',
          params: BookingParams,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'stations.book');
        await cancelBooking(ctx.db, actor, req.params.id, req.params.bookingId, {
          requestId: req.id,
          now: ctx.now(),
        });
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/station-activities/:id/attendance',
      {
        schema: {
          tags,
          summary: '活动签到 Mark booked residents as attended once the activity has started (audited)',
          params: StationParams,
          body: AttendBody,
          response: { 200: z.object({ marked: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'stations.book');
        const marked = await takeAttendance(ctx.db, actor, req.params.id, req.body.residentIds, {
          requestId: req.id,
          now: ctx.now(),
        });
        return { marked };
      },
    );
  };
