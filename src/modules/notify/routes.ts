import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id } from '../../platform/ids.js';
import { z } from 'zod';
import { actorOf, isSessionLive } from '../accounts/index.js';
import type { LiveEvent } from '../../platform/events.js';
import type { NotifyDeps } from './context.js';
import { markInboxRead, readInbox } from './inbox.js';
import { ABOUT_TYPES } from './service.js';

/** How often an open stream pings (keeps proxies from closing it) and re-checks its session. */
const SSE_PING_MS = 25_000;

const Item = z.object({
  id: z.number().int(),
  caseId: z.number().int().nullable(),
  about: z
    .object({ type: z.enum(ABOUT_TYPES), id: z.number().int() })
    .nullable()
    .describe('what it is about when not a case'),
  kind: z.string(),
  title: z.string(),
  titleEn: z.string().describe('the title in English, from its kind and reference number'),
  body: z.string().nullable().describe('the body in Chinese, as recorded'),
  bodyCode: z
    .string()
    .nullable()
    .describe('what the body says, for the app to render in its language (null on old rows: show `body`)'),
  bodyParams: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .nullable()
    .describe('the values the body code speaks of; `text` is a person’s own words, shown as written'),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

/** The caller's inbox: its account in its county (the county first, ADR 0002). */
const inboxOwner = (req: FastifyRequest) => {
  const a = actorOf(req);
  return { countyCode: a.countyCode, accountId: a.accountId };
};

export const notifyRoutes =
  (ctx: NotifyDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/inbox',
      {
        schema: {
          tags: ['notifications'],
          summary: '消息 My notifications, newest first',
          querystring: z.object({
            unread: z.enum(['true']).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            beforeId: Id.optional(),
          }),
          response: { 200: z.object({ items: z.array(Item), unread: z.number().int() }) },
        },
      },
      async (req) =>
        readInbox(ctx.db, inboxOwner(req), {
          unreadOnly: req.query.unread === 'true',
          beforeId: req.query.beforeId,
          limit: req.query.limit,
        }),
    );

    app.post(
      '/inbox/read',
      {
        schema: {
          tags: ['notifications'],
          summary: '标记已读 Mark notifications read (all, or the listed ids)',
          body: z.object({ ids: z.array(z.number().int().positive()).max(500).optional() }),
          response: { 200: z.object({ marked: z.number().int() }) },
        },
      },
      async (req) => markInboxRead(ctx.db, inboxOwner(req), ctx.now(), req.body.ids),
    );

    app.get(
      '/events',
      {
        schema: {
          tags: ['notifications'],
          summary: '实时事件 Server-sent events for the signed-in user (text/event-stream)',
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        res.write(`retry: 3000\n\n`);
        const send = (e: LiveEvent) => res.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
        const offOwn = ctx.events.subscribe(actor.accountId, send);
        // county-wide events (reports and closures in the caller's subtree) for dashboard readers
        const area = ctx.areaOf?.(actor) ?? null;
        const offArea = area ? ctx.events.subscribeArea(area, send) : () => {};
        const off = () => {
          offOwn();
          offArea();
        };
        // The stream lives only as long as its session: sign-out, a disabled account or a
        // password reset end it at once (NOTIFY from any instance); expiry, or a missed
        // notification, at the next ping's re-check.
        let ended = false;
        const end = () => {
          if (ended) return;
          ended = true;
          cleanup();
          res.end(`event: session-ended\ndata: {}\n\n`);
        };
        const offEnded = ctx.events.onSessionEnded(actor.sessionId, end);
        const ping = setInterval(() => {
          if (ended) return;
          res.write(': ping\n\n');
          isSessionLive(ctx.db, actor.sessionId).then(
            (live) => live || end(),
            () => {},
          );
        }, SSE_PING_MS);
        const cleanup = () => {
          clearInterval(ping);
          off();
          offEnded();
        };
        req.raw.on('close', () => {
          ended = true;
          cleanup();
        });
        // "connected" once the hub polls from a horizon taken after this subscription: whatever
        // commits from now on reaches this stream
        await ctx.events.ready();
        if (!ended) res.write(': connected\n\n');
      },
    );
  };
