import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../platform/ids.js';
import { maskPiiText } from '../../platform/pii-text.js';
import { actorOf, narrowScope } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import { authorize } from './abilities.js';
import type { EmergencyDeps } from './context.js';
import {
  LedgerItem,
  LedgerQuery,
  MemberBody,
  MoveBody,
  MoveResult,
  StockItem,
  TeamBody,
  TeamItem,
  TeamQuery,
} from './schemas.js';
import { listMoves, listStock, moveStock } from './supplies.js';
import { addMember, createTeam, listTeams } from './teams.js';

/** 应急队伍 and 应急物资: teams of townships and villages, stock and its ledger. */
export const emergencyResourceRoutes =
  (ctx: EmergencyDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/emergency-teams',
      {
        schema: {
          tags: ['emergency'],
          summary: '应急队伍 Village militia, volunteers and party-member vanguard in a region of my scope',
          querystring: TeamQuery,
          response: { 200: z.object({ items: z.array(TeamItem) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'emergency.read');
        const path = narrowScope(actor, req.query.within, pathOf);
        return { items: await listTeams(ctx.db, actor.countyCode, path) };
      },
    );

    app.post(
      '/emergency-teams',
      {
        schema: {
          tags: ['emergency'],
          summary: '组建应急队伍 A team of a township or village of my scope',
          body: TeamBody,
          response: { 201: z.object({ id: z.number().int() }) },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'emergency.resources');
        return reply.code(201).send(await createTeam(ctx, actor, req.body, req.id));
      },
    );

    app.post(
      '/emergency-teams/:id/members',
      {
        schema: {
          tags: ['emergency'],
          summary: '添加队员 A resident of the archive or an account of the team’s region',
          params: IdParams,
          body: MemberBody,
          response: { 200: z.object({ id: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'emergency.resources');
        return addMember(ctx, actor, req.params.id, req.body, req.id);
      },
    );

    app.get(
      '/emergency-stock',
      {
        schema: {
          tags: ['emergency'],
          summary: '应急物资库存 Stock per township and village in a region of my scope',
          querystring: TeamQuery,
          response: { 200: z.object({ items: z.array(StockItem) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'emergency.read');
        const path = narrowScope(actor, req.query.within, pathOf);
        return { items: await listStock(ctx.db, actor.countyCode, path) };
      },
    );

    app.post(
      '/emergency-stock/moves',
      {
        schema: {
          tags: ['emergency'],
          summary:
            '物资出入库 Receive into or issue from a stock (an issue to another region is a transfer); never below zero (409)',
          body: MoveBody,
          response: {
            201: MoveResult,
            200: MoveResult.describe('already recorded with this clientRequestId'),
          },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'emergency.resources');
        const m = await moveStock(ctx, actor, req.body, req.id);
        return reply.code(m.replayed ? 200 : 201).send(m);
      },
    );

    app.get(
      '/emergency-stock/moves',
      {
        schema: {
          tags: ['emergency'],
          summary: '物资台账 The ledger of a region of my scope, newest first',
          querystring: LedgerQuery,
          response: { 200: z.object({ items: z.array(LedgerItem), total: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'emergency.read');
        const path = narrowScope(actor, req.query.within, pathOf);
        const { items, total } = await listMoves(ctx.db, actor.countyCode, path, req.query);
        return { items: items.map((m) => ({ ...m, note: maskPiiText(m.note) })), total };
      },
    );
  };
