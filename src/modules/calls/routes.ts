import './errors.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { IdParams } from '../../platform/ids.js';
import { sendXlsx, XLSX, Paged } from '../../platform/lists/index.js';
import { noStore } from '../../platform/no-store.js';
import { actorOf, narrowScope, type Actor } from '../accounts/index.js';
import { checkRevealSearch, revealSearch } from '../audit/index.js';
import { pathOf } from '../regions/index.js';
import { authorize, can } from './abilities.js';
import type { CallDeps } from './context.js';
import { exportCalls } from './export.js';
import { iceServersFor } from './ice.js';
import { listCalls, type CallFilter } from './list.js';
import { placeCall } from './place.js';
import { ringingFor, selectCalls, signalsFor } from './repository.js';
import {
  CallPlaced,
  CallView,
  ExportQuery,
  ListQuery,
  PlaceBody,
  Settings,
  SignalBody,
  SignalItem,
  SignalsQuery,
  StepBody,
  StepParams,
} from './schemas.js';
import { ringSeconds, saveRingSeconds } from './settings.js';
import { sendSignal } from './signal.js';
import { stepCall } from './steps.js';
import { toCallView } from './view.js';

/** Per account, not per address: a centre's staff share one office address. */
const perAccount = (max: number) =>
  ({
    max,
    timeWindow: '1 minute',
    hook: 'preHandler',
    keyGenerator: (req: { actor?: Actor | null; ip: string }) => `calls|${req.actor?.accountId ?? req.ip}`,
  }) as const;

export const callRoutes =
  (ctx: CallDeps): FastifyPluginAsyncZod =>
  async (app) => {
    async function view(actor: Actor, id: number) {
      const [row] = await selectCalls(ctx.db, actor, { id, limit: 1 });
      if (!row) throw new AppError('NOT_FOUND');
      return toCallView(row, actor);
    }
    const ice = (actor: Actor) => iceServersFor(ctx.ice, actor.accountId, ctx.now());

    app.post(
      '/calls',
      {
        config: { rateLimit: perAccount(20) },
        schema: {
          tags: ['calls'],
          summary:
            '发起通话 Ring an account in my subtree {calleeId}, my centre {toCentre}, or the grid worker (village staff for a dispute) of what the call is about {about}',
          body: PlaceBody,
          response: { 201: CallPlaced },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const id = await placeCall(ctx, actor, req.body, req.id);
        reply.code(201);
        return { ...(await view(actor, id)), iceServers: ice(actor) };
      },
    );

    /** The list's filter of a query: `within` narrowed inside the caller's scope (404 outside). */
    const filterOf = (actor: Actor, q: z.infer<typeof ExportQuery>): CallFilter => ({
      ...q,
      withinPath: q.within ? narrowScope(actor, q.within, pathOf) : undefined,
    });

    app.get(
      '/calls',
      {
        schema: {
          tags: ['calls'],
          summary:
            '通话记录 The call log: my calls and those of my subtree, newest first or sorted, searched, the exact total; phones masked',
          querystring: ListQuery,
          response: { 200: Paged(CallView) },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'calls.read');
        const { phone, reason, limit, offset, ...q } = req.query;
        const f = { ...filterOf(actor, q), limit, offset };
        if (!phone) {
          // read-only work: the replica when it may serve (docs/replica.md)
          const page = await listCalls(await ctx.readDb(req), actor, f);
          return { items: page.items.map((r) => toCallView(r, actor)), total: page.total };
        }
        // a search by a party's phone is a reveal: the centres only (403 before any row is read, the
        // same whether the number called or not), with a reason; rate-limited and audited, on the primary
        const allowed = can(actor, 'calls.phone_search');
        checkRevealSearch(allowed, reason);
        noStore(reply);
        const search = { actor, action: 'call.search', entityType: 'call', fields: ['phone'] };
        const page = await revealSearch(
          ctx.db,
          { ...search, allowed, reason, requestId: req.id },
          async (tx) => {
            const p = await listCalls(tx, actor, { ...f, phoneHash: ctx.pii.blindIndex('phone', phone) });
            return { result: p, matches: p.total, ids: p.items.map((r) => r.id) };
          },
        );
        return { items: page.items.map((r) => toCallView(r, actor)), total: page.total };
      },
    );

    app.get(
      '/calls/export.xlsx',
      {
        schema: {
          tags: ['calls'],
          summary:
            '导出通话记录 The filtered call log as .xlsx, streamed (phones masked; never a phone search; audited)',
          querystring: ExportQuery,
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'calls.export');
        const { stream } = await exportCalls(
          ctx.db,
          actor,
          filterOf(actor, req.query),
          req.query,
          req.id,
          await ctx.readDb(req), // the rows from the replica when it may serve; count and audit on the primary
        );
        return sendXlsx(reply, 'calls', stream);
      },
    );

    app.get(
      '/calls/incoming',
      {
        schema: {
          tags: ['calls'],
          summary: '来电 Calls ringing for me now (the phone asks when the field app opens)',
          response: { 200: z.object({ items: z.array(CallView), iceServers: CallPlaced.shape.iceServers }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const ids = await ringingFor(ctx.db, actor, ctx.now());
        return { items: await Promise.all(ids.map((id) => view(actor, id))), iceServers: ice(actor) };
      },
    );

    app.get(
      '/calls/settings',
      {
        schema: {
          tags: ['calls'],
          summary: '通话设置 How long a call rings in my county before it counts as missed',
          response: { 200: Settings },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'calls.place');
        return { ringSeconds: await ringSeconds(ctx.db, actor.countyCode) };
      },
    );

    app.put(
      '/calls/settings',
      {
        schema: {
          tags: ['calls'],
          summary: '修改通话设置 Change the ring time of my county (audited)',
          body: Settings.strict(),
          response: { 200: Settings },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'calls.settings');
        const s = await ctx.db
          .transaction()
          .execute((tx) => saveRingSeconds(tx, actor, req.body.ringSeconds, ctx.now()));
        return { ringSeconds: s };
      },
    );

    app.get(
      '/calls/:id',
      {
        schema: {
          tags: ['calls'],
          summary: '通话 One call of my log, with the STUN/TURN servers for joining it',
          params: IdParams,
          response: { 200: CallPlaced },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        return { ...(await view(actor, req.params.id)), iceServers: ice(actor) };
      },
    );

    app.post(
      '/calls/:id/actions/:action',
      {
        config: { rateLimit: perAccount(60) },
        schema: {
          tags: ['calls'],
          summary: '接听/拒接/挂断 answer, decline (the callee), hangup (either party) {version}',
          params: StepParams,
          body: StepBody,
          response: { 200: CallView },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        await stepCall(ctx.db, actor, req.params.id, req.params.action, req.body ?? {}, {
          now: ctx.now(),
          requestId: req.id,
        });
        return view(actor, req.params.id);
      },
    );

    app.post(
      '/calls/:id/signals',
      {
        config: { rateLimit: perAccount(600) },
        schema: {
          tags: ['calls'],
          summary: '信令 A WebRTC message (offer, answer, ICE candidate) for the other party of my call',
          params: IdParams,
          body: SignalBody,
          response: { 201: z.object({ id: z.number().int() }) },
        },
      },
      async (req, reply) => {
        const id = await sendSignal(ctx, actorOf(req), req.params.id, req.body);
        reply.code(201);
        return { id };
      },
    );

    app.get(
      '/calls/:id/signals',
      {
        schema: {
          tags: ['calls'],
          summary:
            '收取信令 The messages of my call addressed to me, after an id (catching up the live stream)',
          params: IdParams,
          querystring: SignalsQuery,
          response: { 200: z.object({ items: z.array(SignalItem) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const call = await view(actor, req.params.id);
        if (!call.side) throw new AppError('CALL_NOT_PARTY');
        const rows = await signalsFor(ctx.db, actor, req.params.id, req.query.after ?? 0);
        return {
          items: rows.map((r) => ({
            id: r.id,
            callId: r.call_id,
            kind: r.kind,
            fromId: r.from_id,
            payload: (r.payload ?? null) as Record<string, unknown> | null,
            at: new Date(r.at).toISOString(),
          })),
        };
      },
    );
  };
