import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { noStore } from '../../platform/no-store.js';
import { maskPiiText } from '../../platform/pii-text.js';
import { actorOf, narrowScope } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import { actionRouteValidator, parseActionBody } from '../workflow/index.js';
import { authorize, can } from './abilities.js';
import { actOnPetition } from './actions.js';
import type { PetitionDeps } from './context.js';
import { beijingDate } from './limits.js';
import { registerPetition, revealPetitioner } from './register.js';
import * as repo from './repository.js';
import { petitionListRoutes } from './list-routes.js';
import {
  ActionBody,
  ActionParams,
  ActionResult,
  Board,
  BoardQuery,
  Created,
  IdParams,
  PETITION_ACTION_BODIES,
  PetitionDetail,
  RegisterBody,
  Revealed,
  RevealBody,
  Stats,
  StatsQuery,
  WindowBody,
  WindowPatch,
  type PetitionActionInput,
} from './schemas.js';
import { actionsFor } from './states.js';
import { toPetitionItem } from './view.js';
import { addWindow, changeWindow, windowsBoard } from './windows.js';

const Made = z.object({ id: z.number().int() });

export const petitionRoutes =
  (ctx: PetitionDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/petition-windows',
      {
        schema: {
          tags: ['petitions'],
          summary:
            '信访超市窗口 Who sits at the windows on a date, who is on call, and who receives a visitor now',
          querystring: BoardQuery,
          response: { 200: Board },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        if (!can(actor, 'petitions.read') && !can(actor, 'petitions.windows'))
          throw new AppError('FORBIDDEN');
        return windowsBoard(ctx, actor, req.query.date ?? beijingDate(ctx.now()), req.query.window ?? null);
      },
    );

    app.post(
      '/petition-windows',
      {
        schema: {
          tags: ['petitions'],
          summary: '新增窗口 A unit’s window and its schedule (permanent, weekly, monthly, on call)',
          body: WindowBody,
          response: { 201: Made },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'petitions.windows');
        return reply.code(201).send(await addWindow(ctx, actor, req.body, req.id));
      },
    );

    app.patch(
      '/petition-windows/:id',
      {
        schema: {
          tags: ['petitions'],
          summary: '修改窗口 Change a window’s unit, schedule, staff, or close it',
          params: IdParams,
          body: WindowPatch,
          response: { 200: Made },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'petitions.windows');
        return changeWindow(ctx, actor, req.params.id, req.body, req.id);
      },
    );

    app.post(
      '/petitions',
      {
        schema: {
          tags: ['petitions'],
          summary:
            '来访登记 Register a visitor at a window (centre) or a villager’s matter as their agent (village staff)',
          body: RegisterBody,
          response: {
            201: Created,
            200: Created.describe('already registered by an earlier request with the same clientRequestId'),
          },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const { replayed, ...made } = await registerPetition(ctx, actor, req.body, req.id);
        return reply
          .code(replayed ? 200 : 201)
          .send({ ...made, id: Number(made.id), state: made.state as never });
      },
    );

    await app.register(petitionListRoutes(ctx));

    app.get(
      '/petitions/stats',
      {
        schema: {
          tags: ['petitions'],
          summary: '信访统计 Visitors received and problems solved for a scope and period',
          querystring: StatsQuery,
          response: { 200: Stats },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const path = narrowScope(actor, req.query.within, pathOf);
        authorize(actor, 'petitions.read');
        return repo.petitionStats(ctx.db, actor, path, req.query, ctx.now());
      },
    );

    app.get(
      '/petitions/:id',
      {
        schema: {
          tags: ['petitions'],
          summary: '信访详情 A petition with its history and the steps I may take',
          params: IdParams,
          response: { 200: PetitionDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'petitions.read');
        const p = await repo.findPetition(ctx.db, actor, req.params.id, ctx.now());
        if (!p) throw new AppError('NOT_FOUND');
        const steps = await repo.history(ctx.db, p.county_code, p.id);
        return {
          ...toPetitionItem(p),
          history: steps.map((s) => ({
            at: s.at.toISOString(),
            action: s.action,
            fromState: s.from_state,
            toState: s.to_state,
            actorName: s.actor_name,
            note: s.note === null ? null : maskPiiText(s.note),
          })),
          actions: actionsFor(actor, p),
          canReveal: can(actor, 'petitions.reveal'),
        };
      },
    );

    app.post(
      '/petitions/:id/actions/:action',
      {
        validatorCompiler: actionRouteValidator,
        schema: {
          tags: ['petitions'],
          summary:
            '信访办理 answer_on_spot, accept, not_accept, to_case, to_dispute, refer, extend, answer, request_review, decide_review, request_rereview, decide_rereview',
          params: ActionParams,
          body: ActionBody,
          response: { 200: ActionResult },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        if (!can(actor, 'petitions.handle') && !can(actor, 'petitions.agency'))
          throw new AppError('FORBIDDEN');
        const action = req.params.action;
        const body = parseActionBody(PETITION_ACTION_BODIES[action], req.body);
        return actOnPetition(ctx, actor, req.params.id, { ...body, action } as PetitionActionInput, req.id);
      },
    );

    app.post(
      '/petitions/:id/reveal',
      {
        schema: {
          tags: ['petitions'],
          summary: '查看来访人信息 The visitor’s full name, ID number, phone (reason required, audited)',
          params: IdParams,
          body: RevealBody,
          response: { 200: Revealed },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'petitions.reveal');
        noStore(reply);
        return revealPetitioner(ctx, actor, req.params.id, req.body, req.id);
      },
    );
  };
