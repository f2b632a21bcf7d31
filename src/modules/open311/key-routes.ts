import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id } from '../../platform/ids.js';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { actorOf, type Actor } from '../accounts/index.js';
import type { Open311Deps } from './context.js';
import { issueKey, listKeys, revokeKey } from './keys.js';
import { readSettings, writeSettings } from './settings.js';

const KeyItem = z.object({
  id: z.number().int(),
  label: z.string(),
  createdBy: z.number().int().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});

function adminOf(actor: Actor): Actor {
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN');
  return actor;
}

/** Administrators issue, list and revoke their county's Open311 API keys (under /api/v1). */
export const open311KeyRoutes =
  (ctx: Open311Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/open311/keys',
      {
        schema: {
          tags: ['open311'],
          summary: 'Open311 密钥 Issue an Open311 API key (shown once; only its hash is kept)',
          body: z.object({
            label: z.string().trim().min(2).max(80).describe('who the key is for, e.g. the client app'),
          }),
          response: {
            201: z.object({
              id: z.number().int(),
              label: z.string(),
              key: z.string(),
              createdAt: z.string(),
            }),
          },
        },
      },
      async (req, reply) => {
        const actor = adminOf(actorOf(req));
        return reply.code(201).send(await issueKey(ctx.db, actor, req.body.label, req.id));
      },
    );

    app.get(
      '/open311/keys',
      {
        schema: {
          tags: ['open311'],
          summary: 'Open311 密钥列表 My county’s Open311 API keys (never their values)',
          response: { 200: z.object({ items: z.array(KeyItem) }) },
        },
      },
      async (req) => {
        const actor = adminOf(actorOf(req));
        return { items: await listKeys(ctx.db, actor.countyCode) };
      },
    );

    app.delete(
      '/open311/keys/:id',
      {
        schema: {
          tags: ['open311'],
          summary: '吊销 Open311 密钥 Revoke an Open311 API key',
          params: z.object({
            id: Id,
          }),
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        const actor = adminOf(actorOf(req));
        await revokeKey(ctx.db, actor, req.params.id, ctx.now(), req.id);
        return reply.code(204).send(null);
      },
    );

    const Settings = z.object({
      testUrl: z
        .url({ protocol: /^https?$/ })
        .max(300)
        .nullable()
        .describe('the base URL of the county’s Open311 test endpoint (listed in discovery); null: none'),
    });

    app.get(
      '/open311/settings',
      {
        schema: {
          tags: ['open311'],
          summary: 'Open311 接入设置 My county’s Open311 settings (its test endpoint)',
          response: { 200: Settings },
        },
      },
      async (req) => readSettings(ctx.db, adminOf(actorOf(req)).countyCode),
    );

    app.put(
      '/open311/settings',
      {
        schema: {
          tags: ['open311'],
          summary: '修改 Open311 接入设置 Set or clear my county’s Open311 test endpoint (audited)',
          body: Settings,
          response: { 200: Settings },
        },
      },
      async (req) => writeSettings(ctx.db, adminOf(actorOf(req)), req.body.testUrl, req.id),
    );
  };
