import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { Paged, PageQuery, sendXlsx, XLSX } from '../../platform/lists/index.js';
import { actorOf, narrowScope } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import { authorize } from './abilities.js';
import type { StationDeps } from './context.js';
import { actOnLoan, lendItem } from './lending.js';
import { exportLoans } from './loan-export.js';
import { findLoan, listLoans } from './loans-repository.js';
import { residentIdsOf } from './residents.js';
import {
  LendBody,
  LoanActionBody,
  LoanActionParams,
  LoanExportQuery,
  LoanItem,
  LoanQuery,
  StationParams,
} from './schemas.js';
import { scopeOf, stationViewer } from './scope.js';
import { toLoan } from './view.js';

const tags = ['stations'];

/** 便民借用: lending at convenience stations — lend, return, lost; a villager's own loans. */
export const loanRoutes =
  (ctx: StationDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/station-loans',
      {
        schema: {
          tags,
          summary:
            '借用记录 Loans of the stations in my scope (overdue: still out past the due time): searched, sorted, the exact total',
          querystring: LoanQuery,
          response: { 200: Paged(LoanItem) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'stations.read');
        const path = narrowScope(stationViewer(actor), req.query.within, pathOf);
        const now = ctx.now();
        const { items, total } = await listLoans(
          ctx.db,
          scopeOf(actor, path),
          {
            ...req.query,
            overdue: req.query.overdue === undefined ? undefined : req.query.overdue === 'true',
          },
          now,
        );
        return { items: items.map((l) => toLoan(l, now)), total };
      },
    );

    app.get(
      '/station-loans/export.xlsx',
      {
        schema: {
          tags,
          summary: '导出借用记录 The filtered loan list as .xlsx, streamed (audited)',
          querystring: LoanExportQuery,
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'stations.export');
        const path = narrowScope(stationViewer(actor), req.query.within, pathOf);
        const q = req.query;
        const f = { ...q, overdue: q.overdue === undefined ? undefined : q.overdue === 'true' };
        const { stream } = await exportLoans(
          ctx.db,
          actor,
          scopeOf(actor, path),
          f,
          q,
          ctx.now(),
          req.id,
          await ctx.readDb(req), // the rows from the replica when it may serve; count and audit on the primary
        );
        return sendXlsx(reply, 'station-loans', stream);
      },
    );

    app.get(
      '/station-loans/:id',
      {
        schema: { tags, summary: '借用详情 One loan', params: StationParams, response: { 200: LoanItem } },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'stations.read');
        const l = await findLoan(ctx.db, scopeOf(actor), req.params.id);
        if (!l) throw new AppError('NOT_FOUND');
        return toLoan(l, ctx.now());
      },
    );

    app.post(
      '/station-loans',
      {
        schema: {
          tags,
          summary: '借出物品 Lend an item to a resident (stock never below zero; idempotent; audited)',
          body: LendBody,
          response: { 201: LoanItem },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'stations.lend');
        const id = await lendItem(ctx.db, actor, req.body, { now: ctx.now(), requestId: req.id });
        const l = await findLoan(ctx.db, scopeOf(actor, actor.scopePath), id);
        return reply.code(201).send(toLoan(l!, ctx.now()));
      },
    );

    app.post(
      '/station-loans/:id/:action',
      {
        schema: {
          tags,
          summary: '归还或登记遗失 Take an item back (late returns recorded) or record it lost (audited)',
          params: LoanActionParams,
          body: LoanActionBody,
          response: {
            200: z.object({
              id: z.number().int(),
              state: z.string(),
              version: z.number().int(),
              returnedLate: z.boolean().nullable(),
            }),
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'stations.lend');
        return actOnLoan(ctx.db, actor, req.params.id, req.params.action, req.body, {
          now: ctx.now(),
          requestId: req.id,
        });
      },
    );

    app.get(
      '/me/station-loans',
      {
        schema: {
          tags,
          summary: '我的借用 The loans of the signed-in villager (and overdue ones first)',
          querystring: z.object(PageQuery),
          response: { 200: Paged(LoanItem) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'stations.mine');
        const now = ctx.now();
        const residentIds = await residentIdsOf(ctx.db, actor);
        const { items, total } = await listLoans(
          ctx.db,
          { countyCode: actor.countyCode, path: null },
          { residentIds, ...req.query },
          now,
        );
        return { items: items.map((l) => toLoan(l, now)), total };
      },
    );
  };
