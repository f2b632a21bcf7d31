import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { IdParams } from '../../platform/ids.js';
import { actorOf } from '../accounts/index.js';
import { actionRouteValidator, parseActionBody } from '../workflow/index.js';
import { authorize } from './abilities.js';
import type { MeetingDeps } from './context.js';
import * as repo from './matter-repository.js';
import {
  MATTER_ACTION_BODIES,
  MatterActionBody,
  MatterActionParams,
  MatterDetail,
  MatterItem,
  MatterListQuery,
  MatterMade,
  MatterStepResult,
  ProposeBody,
  type MatterInput,
} from './matter-schemas.js';
import { matterDetail, proposeMatter, takeMatterStep, toMatterItem } from './matter-service.js';
import { scopeOf } from './scope.js';

const TAGS = ['meetings'];

/** 四议两公开: major matters of a village through their six steps. */
export const majorMatterRoutes =
  (ctx: MeetingDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/major-matters',
      {
        schema: {
          tags: TAGS,
          summary: '四议两公开 Major matters of the villages in my scope, latest change first',
          querystring: MatterListQuery,
          response: { 200: z.object({ items: z.array(MatterItem), total: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'meetings.read');
        const { items, total } = await repo.listMatters(ctx.db, scopeOf(actor, req.query.within), req.query);
        return { items: items.map(toMatterItem), total };
      },
    );

    app.post(
      '/major-matters',
      {
        schema: {
          tags: TAGS,
          summary: '党支部提议 The branch proposes a major matter (village staff of the village)',
          body: ProposeBody,
          response: {
            201: MatterMade,
            200: MatterMade.describe('already proposed with this clientRequestId'),
          },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'meetings.decide');
        const made = await proposeMatter(ctx, actor, req.body, req.id);
        return reply.code(made.replayed ? 200 : 201).send(made);
      },
    );

    app.get(
      '/major-matters/:id',
      {
        schema: {
          tags: TAGS,
          summary: '四议两公开进度 A major matter’s steps, votes and publications',
          params: IdParams,
          response: { 200: MatterDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'meetings.read');
        const m = await repo.findMatter(ctx.db, scopeOf(actor), req.params.id);
        if (!m) throw new AppError('NOT_FOUND');
        return matterDetail(ctx, m);
      },
    );

    app.post(
      '/major-matters/:id/actions/:action',
      {
        validatorCompiler: actionRouteValidator,
        schema: {
          tags: TAGS,
          summary:
            '四议两公开 next step: discuss {note}, review {present, inFavour}, decide {assembly, present, inFavour, resolution …}, publish_resolution, publish_result {result}',
          params: MatterActionParams,
          body: MatterActionBody,
          response: { 200: MatterStepResult },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'meetings.read');
        const action = req.params.action;
        const body = parseActionBody(MATTER_ACTION_BODIES[action], req.body);
        const input = { ...body, action } as MatterInput;
        return takeMatterStep(ctx, actor, req.params.id, action, input, req.id);
      },
    );
  };
