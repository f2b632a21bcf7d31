import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { IdParams } from '../../platform/ids.js';
import { actorOf } from '../accounts/index.js';
import { actionRouteValidator, parseActionBody } from '../workflow/index.js';
import { authorize } from './abilities.js';
import type { OrgLifeDeps } from './context.js';
import * as repo from './lesson-repository.js';
import {
  Lesson,
  LessonBody,
  LessonListQuery,
  ORDER_ACTION_BODIES,
  OrderActionBody,
  OrderActionParams,
  OrderBody,
  OrderDetail,
  OrderItem,
  OrderListQuery,
  OrderMade,
  Watch,
  WatchBody,
  Watcher,
  type OrderInput,
} from './lesson-schemas.js';
import {
  createLesson,
  orderLesson,
  putMedia,
  serveMedia,
  takeOrderStep,
  toLesson,
  toOrderItem,
  watchLesson,
} from './lesson-service.js';
import { MAX_LESSON_MEDIA_BYTES } from './media.js';
import { scopeOf } from './scope.js';

const TAGS = ['orglife'];
const Paging = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

/** Party lessons: the catalogue and its media, 云党课 viewing, and orders (配送+点单) on the workflow runner. */
export const lessonRoutes =
  (ctx: OrgLifeDeps): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(multipart, { limits: { fileSize: MAX_LESSON_MEDIA_BYTES, files: 1, fields: 5 } });

    app.get(
      '/party-lessons',
      {
        schema: {
          tags: TAGS,
          summary:
            '党课菜单 The lesson catalogue I can see (offered by my county or township party organisation)',
          querystring: LessonListQuery,
          response: { 200: z.object({ items: z.array(Lesson), total: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'lessons.read');
        const { items, total } = await repo.listLessons(ctx.db, scopeOf(actor), req.query);
        return { items: items.map(toLesson), total };
      },
    );

    app.post(
      '/party-lessons',
      {
        schema: {
          tags: TAGS,
          summary: '发布党课 Offer a lesson in the catalogue of my scope (party organisers)',
          body: LessonBody,
          response: { 201: Lesson },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'lessons.manage');
        const id = await createLesson(ctx, actor, req.body, req.id);
        const l = await repo.findLesson(ctx.db, scopeOf(actor), id);
        return reply.code(201).send(toLesson(l!));
      },
    );

    app.get(
      '/party-lessons/:id',
      {
        schema: { tags: TAGS, summary: '党课 One lesson', params: IdParams, response: { 200: Lesson } },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'lessons.read');
        const l = await repo.findLesson(ctx.db, scopeOf(actor), req.params.id);
        if (!l) throw new AppError('NOT_FOUND');
        return toLesson(l);
      },
    );

    app.put(
      '/party-lessons/:id/media',
      {
        bodyLimit: MAX_LESSON_MEDIA_BYTES + 64 * 1024,
        schema: {
          tags: TAGS,
          summary:
            '上传课件 Store a lesson’s video (MP4/WebM) or slides (PDF), at most 50 MB (multipart field "file")',
          consumes: ['multipart/form-data'],
          params: IdParams,
          response: { 200: Lesson },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'lessons.manage');
        if (!req.isMultipart())
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
            detail: '请以 multipart/form-data 上传',
            detailEn: 'send multipart/form-data',
          });
        const file = await req.file();
        if (!file)
          throw new AppError('VALIDATION_FAILED', {
            detail: '缺少文件',
            detailEn: 'the "file" field is missing',
          });
        const data = await file.toBuffer().catch((err: { code?: string }) => {
          if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE');
          throw err;
        });
        return putMedia(ctx, actor, req.params.id, data, req.id);
      },
    );

    app.get(
      '/party-lessons/:id/media',
      {
        schema: {
          tags: TAGS,
          summary:
            '课件 A lesson’s video or slides; answers byte ranges (206) so a video seeks and plays in the browser',
          params: IdParams,
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'lessons.read');
        const served = await serveMedia(ctx, actor, req.params.id, req.headers.range);
        return reply.code(served.status).headers(served.headers).send(served.body);
      },
    );

    app.post(
      '/party-lessons/:id/watch',
      {
        schema: {
          tags: TAGS,
          summary:
            '云党课学习记录 Report watching an online lesson: seconds since the last report and how far (party members, staff)',
          params: IdParams,
          body: WatchBody,
          response: { 200: Watch },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'lessons.watch');
        return watchLesson(ctx, actor, req.params.id, req.body, req.id);
      },
    );

    app.get(
      '/party-lessons/:id/watchers',
      {
        schema: {
          tags: TAGS,
          summary:
            '云党课学习情况 Who in my scope watched an online lesson, when and how far (a record, never a ranking)',
          params: IdParams,
          querystring: Paging,
          response: { 200: z.object({ items: z.array(Watcher) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'lessons.follow');
        const scope = scopeOf(actor);
        if (!(await repo.findLesson(ctx.db, scope, req.params.id))) throw new AppError('NOT_FOUND');
        const rows = await repo.watchers(ctx.db, scope, req.params.id, req.query.limit, req.query.offset);
        return {
          items: rows.map((w) => ({
            name: w.display_name,
            member: w.member_id !== null,
            seconds: w.seconds,
            furthestPct: w.furthest_pct,
            firstAt: new Date(w.first_at).toISOString(),
            lastAt: new Date(w.last_at).toISOString(),
          })),
        };
      },
    );

    app.get(
      '/lesson-orders',
      {
        schema: {
          tags: TAGS,
          summary: '党课点单 Lesson orders of the branches in my scope, latest first',
          querystring: OrderListQuery,
          response: { 200: z.object({ items: z.array(OrderItem), total: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'lessons.follow');
        const { items, total } = await repo.listOrders(ctx.db, scopeOf(actor, req.query.within), req.query);
        return { items: items.map(toOrderItem), total };
      },
    );

    app.post(
      '/lesson-orders',
      {
        schema: {
          tags: TAGS,
          summary: '点单 A branch orders a lesson from the menu (village staff, party organisers)',
          body: OrderBody,
          response: { 201: OrderMade, 200: OrderMade.describe('already ordered with this clientRequestId') },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'lessons.order');
        const made = await orderLesson(ctx, actor, req.body, req.id);
        return reply.code(made.replayed ? 200 : 201).send(made);
      },
    );

    app.get(
      '/lesson-orders/:id',
      {
        schema: {
          tags: TAGS,
          summary: '党课配送进度 An order with its steps',
          params: IdParams,
          response: { 200: OrderDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'lessons.follow');
        const o = await repo.findOrder(ctx.db, scopeOf(actor), req.params.id);
        if (!o) throw new AppError('NOT_FOUND');
        const steps = await repo.orderSteps(ctx.db, actor.countyCode, req.params.id);
        return {
          ...toOrderItem(o),
          steps: steps.map((s) => ({
            action: s.action,
            fromState: s.from_state,
            toState: s.to_state,
            actorName: s.actor_name,
            note: s.note,
            at: new Date(s.at).toISOString(),
          })),
        };
      },
    );

    app.post(
      '/lesson-orders/:id/actions/:action',
      {
        validatorCompiler: actionRouteValidator,
        schema: {
          tags: TAGS,
          summary:
            '配送 Next step of an order: schedule {scheduledAt, place}, deliver {deliveredOn, attendance} (county/township), cancel {reason}',
          params: OrderActionParams,
          body: OrderActionBody,
          response: { 200: z.object({ id: z.number().int(), state: z.string(), version: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'lessons.follow');
        const action = req.params.action;
        const body = parseActionBody(ORDER_ACTION_BODIES[action], req.body);
        return takeOrderStep(ctx, actor, req.params.id, action, { ...body, action } as OrderInput, req.id);
      },
    );
  };
