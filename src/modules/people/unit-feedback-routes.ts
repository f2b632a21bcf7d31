import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '../../platform/ids.js';
import { actorOf } from '../accounts/index.js';
import { authorize } from './abilities.js';
import { GridCode, GridUnitItem, NewGridUnitBody } from './archive-schemas.js';
import type { PeopleDeps } from './context.js';
import { answerFeedback, listFeedback, submitFeedback } from './feedback.js';
import { createGridUnit, listGridUnits } from './grid-units.js';

const Feedback = z.object({
  id: z.number().int(),
  kind: z.enum(['complaint', 'suggestion']),
  body: z.string(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  createdAt: z.string(),
  mine: z.boolean(),
});

/** Grid units below the grid, and the complaint and suggestion channel about the platform itself. */
export const unitFeedbackRoutes =
  (ctx: PeopleDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/grid-units',
      {
        schema: {
          tags: ['people'],
          summary: '楼栋单元、自然屯 The grid units (buildings, units, hamlets, villagers’ groups) in scope',
          querystring: z.object({ gridCode: GridCode.optional() }),
          response: { 200: z.object({ items: z.array(GridUnitItem) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'people.read');
        return { items: await listGridUnits(ctx.db, actor, req.query.gridCode) };
      },
    );

    app.post(
      '/grid-units',
      {
        schema: {
          tags: ['people'],
          summary: '新增楼栋单元或自然屯 Add a grid unit to a grid in scope (audited)',
          body: NewGridUnitBody,
          response: { 201: GridUnitItem },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'people.units');
        reply.code(201);
        return createGridUnit(ctx.db, actor, req.body, ctx.now(), req.id);
      },
    );

    app.post(
      '/feedback',
      {
        schema: {
          tags: ['people'],
          summary: '平台意见建议 A complaint or suggestion about the platform itself (国办函〔2026〕12号)',
          body: z.strictObject({
            kind: z.enum(['complaint', 'suggestion']),
            body: z.string().trim().min(4).max(2000),
          }),
          response: { 201: Feedback },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'feedback.submit');
        reply.code(201);
        return submitFeedback(ctx.db, actor, req.body, ctx.now(), req.id);
      },
    );

    app.get(
      '/feedback',
      {
        schema: {
          tags: ['people'],
          summary: '意见建议 My own; the county centre reads all of its county’s with `all=true`',
          querystring: z.object({
            all: z.enum(['true', 'false']).default('false'),
            unanswered: z.enum(['true', 'false']).optional(),
          }),
          response: { 200: z.object({ items: z.array(Feedback) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const all = req.query.all === 'true';
        authorize(actor, all ? 'feedback.answer' : 'feedback.submit');
        return {
          items: await listFeedback(ctx.db, actor, { all, unanswered: req.query.unanswered === 'true' }),
        };
      },
    );

    app.post(
      '/feedback/:id/answer',
      {
        schema: {
          tags: ['people'],
          summary: '答复意见建议 The county centre answers (once; audited)',
          params: z.object({ id: Id }),
          body: z.strictObject({ answer: z.string().trim().min(2).max(2000) }),
          response: { 200: Feedback },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'feedback.answer');
        return answerFeedback(ctx.db, actor, req.params.id, req.body.answer, ctx.now(), req.id);
      },
    );
  };
