import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id } from '../../platform/ids.js';
import { z } from 'zod';
import { actorOf, narrowScope } from '../accounts/index.js';
import type { DisclosureDeps } from './context.js';
import { authorize } from './abilities.js';
import { pathOf } from '../regions/index.js';
import { viewOf } from './access.js';
import { complianceBoard } from './compliance.js';
import { answerQuestion, askQuestion } from './questions.js';
import * as repo from './repository.js';
import { listDisclosures } from './list-repository.js';
import { exportDisclosures } from './export.js';
import { sendXlsx, XLSX } from '../../platform/lists/index.js';
import {
  AnswerBody,
  ComplianceResponse,
  DisclosureDetail,
  DisclosureItem,
  DraftBody,
  EditBody,
  ListExportQuery,
  ListQuery,
  PublishBody,
  QuestionBody,
  Saved,
  Within,
  WithdrawBody,
} from './schemas.js';
import { createDraft, editDraft, publishDisclosure, withdrawDisclosure } from './service.js';
import { getDisclosure, toItem } from './view.js';

const IdParams = z.object({ id: Id });
const tags = ['disclosures'];

export const disclosureRoutes =
  (ctx: DisclosureDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/disclosures',
      {
        schema: {
          tags,
          summary: '三务公开 Disclosures I may read, newest first (or sorted); searched by title or village',
          querystring: ListQuery,
          response: { 200: z.object({ items: z.array(DisclosureItem), total: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'disclosures.read');
        const { within, ...filter } = req.query;
        const { items, total } = await listDisclosures(ctx.db, viewOf(actor, within), filter);
        return { items: items.map(toItem), total };
      },
    );

    app.get(
      '/disclosures/export.xlsx',
      {
        schema: {
          tags,
          summary: '导出三务公开 The filtered disclosure list as .xlsx, streamed (audited)',
          querystring: ListExportQuery,
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        // the right first (403), then the place (404)
        authorize(actor, 'disclosures.export');
        const { within, ...filter } = req.query;
        const view = viewOf(actor, within);
        const a = { actor, view, filter: req.query, requestId: req.id };
        const { stream } = await exportDisclosures(ctx.db, a, filter, await ctx.readDb(req));
        return sendXlsx(reply, `disclosures-${actor.countyCode}`, stream);
      },
    );

    app.get(
      '/disclosures/compliance',
      {
        schema: {
          tags,
          summary:
            '§30 公开节奏 Which villages are due to publish village affairs (quarterly) and finances (monthly)',
          querystring: z.object({ within: Within }),
          response: { 200: ComplianceResponse },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'disclosures.monitor');
        return complianceBoard(
          ctx.db,
          actor.countyCode,
          narrowScope(actor, req.query.within, pathOf),
          ctx.now(),
        );
      },
    );

    app.get(
      '/disclosures/:id',
      {
        schema: {
          tags,
          summary: '公开详情 One disclosure; a villager opening it counts as read once',
          params: IdParams,
          response: { 200: DisclosureDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'disclosures.read');
        return getDisclosure(ctx, actor, req.params.id);
      },
    );

    app.post(
      '/disclosures',
      {
        schema: {
          tags,
          summary: '新建草稿 A draft for my village',
          body: DraftBody,
          response: { 201: Saved },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'disclosures.publish');
        const row = await createDraft(ctx, actor, req.body, req.id);
        return reply.code(201).send({ id: row.id, status: 'draft' as const, version: row.version });
      },
    );

    app.put(
      '/disclosures/:id',
      {
        schema: {
          tags,
          summary: '修改草稿 Replace a draft’s content (version required)',
          params: IdParams,
          body: EditBody,
          response: { 200: Saved },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        return saved(await editDraft(ctx, actor, req.params.id, req.body, req.id));
      },
    );

    app.post(
      '/disclosures/:id/publish',
      {
        schema: {
          tags,
          summary: '发布 Publish a draft; the village’s residents are told',
          params: IdParams,
          body: PublishBody,
          response: { 200: Saved },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        return saved(await publishDisclosure(ctx, actor, req.params.id, req.body.version, req.id));
      },
    );

    app.post(
      '/disclosures/:id/withdraw',
      {
        schema: {
          tags,
          summary: '撤回 Withdraw a published disclosure (reason required; it stays on record)',
          params: IdParams,
          body: WithdrawBody,
          response: { 200: Saved },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        return saved(
          await withdrawDisclosure(ctx, actor, req.params.id, req.body.reason, req.body.version, req.id),
        );
      },
    );

    app.post(
      '/disclosures/:id/questions',
      {
        schema: {
          tags,
          summary: '提问 A villager asks about a published disclosure of their village',
          params: IdParams,
          body: QuestionBody,
          response: {
            201: z.object({ id: z.number().int(), replayed: z.boolean() }),
            200: z.object({ id: z.number().int(), replayed: z.boolean() }),
          },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'disclosures.read');
        const q = await askQuestion(ctx, actor, req.params.id, req.body);
        return reply.code(q.replayed ? 200 : 201).send(q);
      },
    );

    app.post(
      '/disclosures/:id/questions/:qid/answer',
      {
        schema: {
          tags,
          summary: '答复 The village answers a question; the asker is told',
          params: z.object({ id: Id, qid: Id }),
          body: AnswerBody,
          response: { 200: z.object({ id: z.number().int(), answered: z.boolean() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'disclosures.publish');
        return answerQuestion(ctx, actor, req.params.id, req.params.qid, req.body.answer, req.id);
      },
    );
  };

const saved = (r: { id: number; status: string; version: number }) => ({
  id: r.id,
  status: r.status as repo.Status,
  version: r.version,
});
