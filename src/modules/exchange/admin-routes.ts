import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '../../platform/ids.js';
import { actorOf } from '../accounts/index.js';
import { authorize } from './abilities.js';
import type { ExchangeDeps } from './context.js';
import { listDeadLetters, replayDeadLetter } from './dead-letters.js';
import { readOpenDataSetting, writeOpenDataSetting } from './open-data.js';
import * as s from './schemas.js';
import { listSubscriptions, subscribe, unsubscribe } from './subscriptions.js';
import { createSystem, listSystems, revokeSystem, rotateSystemKey } from './systems.js';

const TAGS = ['exchange'];
const IdParams = z.object({ id: Id });

/** The county administrator's side of the data exchange (under /api/v1, signed-in sessions). */
export const exchangeAdminRoutes =
  (ctx: ExchangeDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const admin = (req: Parameters<typeof actorOf>[0]) => {
      const actor = actorOf(req);
      authorize(actor, 'exchange.manage');
      return actor;
    };

    app.post(
      '/exchange/systems',
      {
        schema: {
          tags: TAGS,
          summary: '新建系统账号 Create a system account (its API key shown once; audited)',
          body: s.SystemInput,
          response: { 201: s.SystemWithKey },
        },
      },
      async (req, reply) => reply.code(201).send(await createSystem(ctx.db, admin(req), req.body, req.id)),
    );

    app.get(
      '/exchange/systems',
      {
        schema: {
          tags: TAGS,
          summary: '系统账号列表 My county’s system accounts (never their keys)',
          response: { 200: z.object({ items: z.array(s.SystemItem) }) },
        },
      },
      async (req) => ({ items: await listSystems(ctx.db, admin(req)) }),
    );

    app.post(
      '/exchange/systems/:id/rotate',
      {
        schema: {
          tags: TAGS,
          summary: '轮换密钥 Give a system account a new key (the old one stops at once; audited)',
          params: IdParams,
          response: { 200: s.SystemWithKey },
        },
      },
      async (req) => rotateSystemKey(ctx.db, admin(req), req.params.id, ctx.now(), req.id),
    );

    app.delete(
      '/exchange/systems/:id',
      {
        schema: {
          tags: TAGS,
          summary: '吊销系统账号 Revoke a system account (its key and subscribers stop; audited)',
          params: IdParams,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await revokeSystem(ctx.db, admin(req), req.params.id, ctx.now(), req.id);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/exchange/systems/:id/subscriptions',
      {
        schema: {
          tags: TAGS,
          summary: '添加推送订阅 Add a webhook subscriber to a system account (secret shown once; audited)',
          params: IdParams,
          body: s.SubscriptionInput,
          response: { 201: s.SubscriptionWithSecret },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(
            await subscribe(
              ctx.db,
              ctx.pii,
              { admin: admin(req) },
              req.params.id,
              req.body,
              ctx.now(),
              req.id,
            ),
          ),
    );

    app.get(
      '/exchange/subscriptions',
      {
        schema: {
          tags: TAGS,
          summary: '推送订阅列表 My county’s webhook subscribers (never their secrets)',
          response: { 200: z.object({ items: z.array(s.SubscriptionItem) }) },
        },
      },
      async (req) => ({ items: await listSubscriptions(ctx.db, admin(req).countyCode) }),
    );

    app.delete(
      '/exchange/subscriptions/:id',
      {
        schema: {
          tags: TAGS,
          summary: '删除推送订阅 Remove a webhook subscriber (audited)',
          params: IdParams,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await unsubscribe(ctx.db, { admin: admin(req) }, req.params.id, ctx.now(), req.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/exchange/dead-letters',
      {
        schema: {
          tags: TAGS,
          summary: '推送死信 Webhook deliveries that failed every retry',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
          response: { 200: z.object({ items: z.array(s.DeadLetter) }) },
        },
      },
      async (req) => ({ items: await listDeadLetters(ctx.db, admin(req), req.query.limit) }),
    );

    app.post(
      '/exchange/dead-letters/:id/replay',
      {
        schema: {
          tags: TAGS,
          summary: '重新推送 Put a dead delivery back in the queue (audited)',
          params: IdParams,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await replayDeadLetter(ctx.db, admin(req), req.params.id, ctx.now(), req.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/exchange/settings',
      {
        schema: {
          tags: TAGS,
          summary: '数据交换设置 My county’s exchange settings (open-data publication)',
          response: { 200: s.Settings },
        },
      },
      async (req) => readOpenDataSetting(ctx.db, admin(req).countyCode),
    );

    app.put(
      '/exchange/settings',
      {
        schema: {
          tags: TAGS,
          summary: '修改数据交换设置 Publish or withdraw my county’s open data (audited)',
          body: s.Settings,
          response: { 200: s.Settings },
        },
      },
      async (req) => writeOpenDataSetting(ctx.db, admin(req), req.body.openData, ctx.now(), req.id),
    );
  };
