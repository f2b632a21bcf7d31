import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../platform/ids.js';
import { noStore } from '../../platform/no-store.js';
import { actorOf, narrowScope, type Actor } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import { authorize } from './abilities.js';
import type { CadreDeps } from './context.js';
import { cadreDetail, regionName } from './read.js';
import * as repo from './repository.js';
import { exportCadres } from './export.js';
import { sendXlsx, XLSX } from '../../platform/lists/index.js';
import {
  CadreDetail,
  CadreInput,
  CadreList,
  CadrePatch,
  CadreExportQuery,
  CadreQuery,
  EndInput,
  PairingInput,
  PairingList,
  PostingEnd,
  PostingInput,
  PostingList,
  PostingQuery,
  Revealed,
  RevealInput,
  Stats,
  StatsQuery,
  TrainingInput,
  Within,
} from './schemas.js';
import * as svc from './service.js';
import { cadreStats } from './stats.js';
import { cadreView, pairingView, postingView } from './view.js';

const tags = ['cadres'];
const Created = z.object({ id: z.number().int() });

/** The caller's county and subtree, narrowed to `within` (404 outside it). */
const scopeOf = (actor: Actor, within?: string) => ({
  countyCode: actor.countyCode,
  path: narrowScope(actor, within, pathOf),
});

/** Today in Beijing (UTC+8), YYYY-MM-DD. */
const today = (now: Date) => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** 干部队伍 (J16): two-committee members, reserve cadres, first secretaries, mentors, statistics. */
export const cadreRoutes =
  (ctx: CadreDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/cadres',
      {
        schema: {
          tags,
          summary: '干部名册 Cadres in my scope (phones masked)',
          querystring: CadreQuery,
          response: { 200: CadreList },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'cadres.read');
        const on = today(ctx.now());
        const { within, ...f } = req.query;
        const r = await repo.listCadres(ctx.db, scopeOf(actor, within), { ...f, on });
        return { items: r.items.map((c) => cadreView(c, on)), total: r.total };
      },
    );

    app.get(
      '/cadres/export.xlsx',
      {
        schema: {
          tags,
          summary: '导出干部名册 The filtered cadre list as .xlsx, streamed (masked; audited)',
          querystring: CadreExportQuery,
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        // the register's rule, as for its list: the right first (403), then the place (404)
        authorize(actor, 'cadres.export');
        const { within, ...f } = req.query;
        const scope = scopeOf(actor, within);
        const a = { actor, scope, filter: req.query, requestId: req.id };
        const { stream } = await exportCadres(
          ctx.db,
          a,
          { ...f, on: today(ctx.now()) },
          await ctx.readDb(req),
        );
        return sendXlsx(reply, `cadres-${actor.countyCode}`, stream);
      },
    );

    app.post(
      '/cadres',
      {
        schema: { tags, summary: '登记干部 Register a cadre', body: CadreInput, response: { 201: Created } },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'cadres.manage');
        return reply.code(201).send(await svc.createCadre(ctx, actor, req.body, req.id));
      },
    );

    app.get(
      '/cadres/stats',
      {
        schema: {
          tags,
          summary: '干部队伍统计 Average age, college share, 一肩挑 rates, reserve cadres, first secretaries',
          querystring: StatsQuery,
          response: { 200: Stats },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'cadres.read');
        const scope = scopeOf(actor, req.query.within);
        const stats = await cadreStats(ctx.db, scope, req.query.on ?? today(ctx.now()));
        return { ...(await regionName(ctx.db, scope)), ...stats };
      },
    );

    app.get(
      '/cadres/first-secretaries',
      {
        schema: {
          tags,
          summary: '驻村第一书记 First secretaries in post on a date, in villages of my scope',
          querystring: PostingQuery,
          response: { 200: PostingList },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'cadres.read');
        const { within, on, limit, offset } = req.query;
        const r = await repo.listPostings(
          ctx.db,
          scopeOf(actor, within),
          on ?? today(ctx.now()),
          limit,
          offset,
        );
        return { items: r.items.map(postingView), total: r.total };
      },
    );

    app.post(
      '/cadres/first-secretaries/:id/end',
      {
        schema: {
          tags,
          summary: '结束驻村 End a first secretary’s posting',
          params: IdParams,
          body: PostingEnd,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'cadres.manage');
        await svc.endFirstSecretary(ctx, actor, req.params.id, req.body.endedOn, req.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/cadres/mentors',
      {
        schema: {
          tags,
          summary: '导师帮带 Mentors paired with new secretaries of my scope',
          querystring: z.object({ within: Within }),
          response: { 200: PairingList },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'cadres.read');
        return {
          items: (await repo.listPairings(ctx.db, scopeOf(actor, req.query.within))).map(pairingView),
        };
      },
    );

    app.post(
      '/cadres/mentors',
      {
        schema: {
          tags,
          summary: '结对帮带 Pair a mentor with a new secretary',
          body: PairingInput,
          response: { 201: Created },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'cadres.manage');
        return reply.code(201).send(await svc.pairMentor(ctx, actor, req.body, req.id));
      },
    );

    app.post(
      '/cadres/mentors/:id/end',
      {
        schema: {
          tags,
          summary: '结束帮带 End a mentor pair (date and reason)',
          params: IdParams,
          body: EndInput,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'cadres.manage');
        await svc.endPairing(ctx, actor, req.params.id, req.body, req.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/cadres/:id',
      {
        schema: {
          tags,
          summary: '干部详情 A cadre with trainings, postings and mentors',
          params: IdParams,
          response: { 200: CadreDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'cadres.read');
        return cadreDetail(ctx.db, scopeOf(actor), req.params.id, today(ctx.now()));
      },
    );

    app.patch(
      '/cadres/:id',
      {
        schema: {
          tags,
          summary: '修改干部信息 Change a cadre’s record',
          params: IdParams,
          body: CadrePatch,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'cadres.manage');
        await svc.updateCadre(ctx, actor, req.params.id, req.body, req.id);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/cadres/:id/reveal',
      {
        schema: {
          tags,
          summary: '查看完整电话、身份证号 Reveal a cadre’s phone or ID number (reason required, audited)',
          params: IdParams,
          body: RevealInput,
          response: { 200: Revealed },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'cadres.reveal');
        noStore(reply);
        return svc.revealCadre(ctx, actor, req.params.id, req.body, req.id);
      },
    );

    app.post(
      '/cadres/:id/trainings',
      {
        schema: {
          tags,
          summary: '培训记录 Add a training record',
          params: IdParams,
          body: TrainingInput,
          response: { 201: Created },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'cadres.manage');
        return reply.code(201).send(await svc.addTraining(ctx, actor, req.params.id, req.body, req.id));
      },
    );

    app.post(
      '/cadres/:id/first-secretary',
      {
        schema: {
          tags,
          summary: '选派第一书记 Send the cadre to a village as its first secretary',
          params: IdParams,
          body: PostingInput,
          response: { 201: Created },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'cadres.manage');
        return reply
          .code(201)
          .send(await svc.postFirstSecretary(ctx, actor, req.params.id, req.body, req.id));
      },
    );
  };
