import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Id } from '../../platform/ids.js';
import { importEnterpriseRecords } from '../enterprises/index.js';
import { importHouseholdRecords } from '../people/index.js';
import { AppError, errorBody } from '../../platform/errors.js';
import { importerOf, requireOperation, systemOf, type SystemCaller } from './caller.js';
import { readChanges } from './changes.js';
import type { ExchangeDeps } from './context.js';
import './errors.js';
import * as s from './schemas.js';
import { listSubscriptions, subscribe, unsubscribe } from './subscriptions.js';
import { takeSystemCall } from './rate-limit.js';
import { createTicket } from './tickets.js';

const TAGS = ['exchange-system'];
/**
 * Public to the session check: these routes authenticate the system account's key themselves
 * (below, before validation), never a session.
 */
const BY_KEY = { public: true } as const;
const BULK = 8 * 1024 * 1024;

/**
 * The calls other systems make with their key (`Authorization: Bearer wg_sys_…`), under /api/v1.
 * Each answers 401 without a live key, 403 for an operation not granted, 404 for a place outside
 * the account's scope, 429 past the account's calls a minute; every call is audited as the account.
 */
export const exchangeSystemRoutes =
  (ctx: ExchangeDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const callers = new WeakMap<FastifyRequest, SystemCaller>();
    app.addHook('onRequest', async (req, reply) => {
      const caller = await systemOf(ctx.db, req.headers.authorization);
      // per account, in the database every instance shares: 429 with Retry-After past the limit
      const take = await takeSystemCall(ctx.db, caller);
      void reply.header('x-ratelimit-limit', caller.callsPerMinute);
      void reply.header('x-ratelimit-remaining', take.remaining);
      if (!take.allowed) {
        req.log.warn({ systemAccountId: caller.id }, 'system account rate limited');
        return reply
          .code(429)
          .header('retry-after', take.retryAfter)
          .send(errorBody(new AppError('SYSTEM_RATE_LIMITED')));
      }
      callers.set(req, caller);
    });
    const callerOf = (req: FastifyRequest) => callers.get(req)!;

    app.post(
      '/exchange/cases',
      {
        config: BY_KEY,
        schema: {
          tags: TAGS,
          summary:
            '外部系统建件 Create a case from another system’s ticket (e.g. 12345), kept under its own number',
          body: s.TicketInput,
          response: { 201: s.TicketAnswer, 200: s.TicketAnswer },
        },
      },
      async (req, reply) => {
        const made = await createTicket(ctx, callerOf(req), req.body, req.id);
        return reply.code(made.replayed ? 200 : 201).send(made);
      },
    );

    app.get(
      '/exchange/changes',
      {
        config: BY_KEY,
        schema: {
          tags: TAGS,
          summary: '变更订阅（拉取）Cases created, changed and closed in your scope since a cursor',
          querystring: s.ChangesQuery,
          response: { 200: s.ChangesPage },
        },
      },
      async (req) => readChanges(ctx.db, callerOf(req), req.query, ctx.now(), req.id),
    );

    app.post(
      '/exchange/households',
      {
        config: BY_KEY,
        bodyLimit: BULK,
        schema: {
          tags: TAGS,
          summary: '批量导入户籍 Load households and residents: the Excel import’s rules, all rows or none',
          body: s.HouseholdBatch,
          response: { 200: s.HouseholdResult },
        },
      },
      async (req) => {
        const caller = callerOf(req);
        requireOperation(caller, 'households.import');
        return importHouseholdRecords(ctx.db, ctx.pii, importerOf(caller), req.body.rows, ctx.now(), req.id);
      },
    );

    app.post(
      '/exchange/enterprises',
      {
        config: BY_KEY,
        bodyLimit: BULK,
        schema: {
          tags: TAGS,
          summary: '批量导入企业 Load enterprises: the rules of POST /enterprises, all rows or none',
          body: s.EnterpriseBatch,
          response: { 200: s.EnterpriseResult },
        },
      },
      async (req) => {
        const caller = callerOf(req);
        requireOperation(caller, 'enterprises.import');
        return importEnterpriseRecords(ctx.db, importerOf(caller), req.body.rows, req.id);
      },
    );

    app.post(
      '/exchange/webhooks',
      {
        config: BY_KEY,
        schema: {
          tags: TAGS,
          summary: '订阅推送 Subscribe a URL of yours to events (signing secret shown once)',
          body: s.SubscriptionInput,
          response: { 201: s.SubscriptionWithSecret },
        },
      },
      async (req, reply) => {
        const caller = callerOf(req);
        requireOperation(caller, 'webhooks.manage');
        const made = await subscribe(
          ctx.db,
          ctx.pii,
          { system: caller },
          caller.id,
          req.body,
          ctx.now(),
          req.id,
        );
        return reply.code(201).send(made);
      },
    );

    app.get(
      '/exchange/webhooks',
      {
        config: BY_KEY,
        schema: {
          tags: TAGS,
          summary: '我的推送订阅 Your webhook subscriptions',
          response: { 200: z.object({ items: z.array(s.SubscriptionItem) }) },
        },
      },
      async (req) => {
        const caller = callerOf(req);
        requireOperation(caller, 'webhooks.manage');
        return { items: await listSubscriptions(ctx.db, caller.countyCode, caller.id) };
      },
    );

    app.delete(
      '/exchange/webhooks/:id',
      {
        config: BY_KEY,
        schema: {
          tags: TAGS,
          summary: '取消推送订阅 Remove one of your webhook subscriptions',
          params: z.object({ id: Id }),
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        const caller = callerOf(req);
        requireOperation(caller, 'webhooks.manage');
        await unsubscribe(ctx.db, { system: caller }, req.params.id, ctx.now(), req.id);
        return reply.code(204).send(null);
      },
    );
  };
