import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { Id } from '../../platform/ids.js';
import { noStore } from '../../platform/no-store.js';
import { actorOf } from '../accounts/index.js';
import { authorize, can } from './abilities.js';
import { IdNumber } from './archive-schemas.js';
import type { PeopleDeps } from './context.js';
import { listCorrections, requestCorrection, stepCorrection } from './corrections.js';
import { issueInvitation, joinWithInvitation, listInvitations, withdrawInvitation } from './invitations.js';
import { closeMyAccount, myData, myResident } from './self-service.js';

const IdParams = z.object({ id: Id });
const Invitation = z.object({
  id: z.number().int(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  status: z.enum(['open', 'used', 'withdrawn', 'expired']),
});
const CORRECTABLE = [
  'name',
  'gender',
  'birthDate',
  'idNumber',
  'phone',
  'relation',
  'address',
  'maritalStatus',
  'careTags',
  'other',
] as const;
const Correction = z.object({
  id: z.number().int(),
  residentId: z.number().int(),
  residentName: z.string(),
  fields: z.array(z.string()),
  detail: z.string(),
  status: z.enum(['submitted', 'corrected', 'rejected', 'withdrawn']),
  answer: z.string().nullable(),
  dueAt: z.string(),
  overdue: z.boolean(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
});
const MyData = z.object({
  me: z.object({
    id: z.number().int(),
    name: z.string(),
    gender: z.string(),
    birthDate: z.string(),
    relation: z.string(),
    idNumber: z.string(),
    phone: z.string().nullable(),
    maritalStatus: z.string().nullable(),
    careTags: z.array(z.string()),
    isPartyMember: z.boolean(),
    status: z.string(),
  }),
  household: z.object({
    id: z.number().int(),
    address: z.string(),
    gridName: z.string(),
    unitName: z.string().nullable(),
    careTags: z.array(z.string()),
    members: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        relation: z.string(),
        birthYear: z.number().int(),
        idNumber: z.string(),
        phone: z.string().nullable(),
      }),
    ),
  }),
  history: z.array(
    z.object({
      event: z.string(),
      at: z.string(),
      effectiveOn: z.string().nullable(),
      actorName: z.string().nullable(),
      changed: z.array(z.string()),
    }),
  ),
  exportedAt: z.string(),
});

/** Residents' own access: invitations, joining, my data, corrections, closing the account. */
export const accessRoutes =
  (ctx: PeopleDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const c = (reqId: string) => ({ db: ctx.db, pii: ctx.pii, now: ctx.now(), requestId: reqId });

    app.post(
      '/households/:id/invitations',
      {
        schema: {
          tags: ['people'],
          summary: '发放邀请码 Give a household an invitation (the code is shown once)',
          params: IdParams,
          body: z.strictObject({ days: z.number().int().min(1).max(60).default(14) }),
          response: { 201: z.object({ id: z.number().int(), code: z.string(), expiresAt: z.string() }) },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'people.invite');
        noStore(reply);
        reply.code(201);
        return issueInvitation(c(req.id), actor, req.params.id, req.body.days);
      },
    );

    app.get(
      '/households/:id/invitations',
      {
        schema: {
          tags: ['people'],
          summary:
            '邀请码记录 A household’s invitations and whether each is open, used, withdrawn or expired',
          params: IdParams,
          response: { 200: z.object({ items: z.array(Invitation) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'people.invite');
        return { items: await listInvitations(ctx.db, actor, req.params.id, ctx.now()) };
      },
    );

    app.post(
      '/invitations/:id/withdraw',
      {
        schema: {
          tags: ['people'],
          summary: '撤回邀请码 Withdraw an open invitation',
          params: IdParams,
          response: { 200: z.object({ id: z.number().int(), status: z.literal('withdrawn') }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'people.invite');
        return withdrawInvitation(c(req.id), actor, req.params.id);
      },
    );

    app.post(
      '/join',
      {
        config: {
          public: true,
          // guessing codes is slowed per address: 20 a minute against ≈ 50 bits of code
          rateLimit: { max: 20, timeWindow: '1 minute', hook: 'preHandler' },
        },
        schema: {
          tags: ['people'],
          summary: '凭邀请码注册 A resident makes their own account from an invitation and their ID number',
          security: [],
          body: z.strictObject({
            code: z.string().trim().min(10).max(20),
            idNumber: IdNumber,
            username: z
              .string()
              .regex(/^[a-z0-9][a-z0-9_.-]{2,39}$/, '3–40 lowercase letters, digits, _ . -'),
            displayName: z.string().trim().min(1).max(60),
            password: z.string().min(10).max(200),
          }),
          response: { 201: z.object({ accountId: z.number().int() }) },
        },
      },
      async (req, reply) => {
        reply.code(201);
        return joinWithInvitation(c(req.id), req.body);
      },
    );

    const myDataRoute =
      (download: boolean) =>
      async (req: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
        const actor = actorOf(req);
        authorize(actor, 'people.self');
        noStore(reply);
        const data = await myData(ctx.db, ctx.pii, actor, download, req.id);
        if (download) reply.header('content-disposition', 'attachment; filename="my-data.json"');
        return data;
      };
    app.get(
      '/me/record',
      {
        schema: {
          tags: ['people'],
          summary: '我的信息 What the system holds about me and my household (PIPL 查阅; audited)',
          response: { 200: MyData },
        },
      },
      myDataRoute(false),
    );
    app.get(
      '/me/record/download',
      {
        schema: {
          tags: ['people'],
          summary: '下载我的信息 A copy of it as a file (PIPL 复制; audited)',
          response: { 200: MyData },
        },
      },
      myDataRoute(true),
    );

    app.post(
      '/me/corrections',
      {
        schema: {
          tags: ['people'],
          summary: '申请更正 Ask the village to correct my record (handled within 15 days)',
          body: z.strictObject({
            fields: z.array(z.enum(CORRECTABLE)).min(1).max(CORRECTABLE.length),
            detail: z.string().trim().min(2).max(1000).describe('what is wrong and what is right'),
          }),
          response: { 201: z.object({ id: z.number().int(), dueAt: z.string() }) },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'people.self');
        const me = await myResident(ctx.db, actor);
        reply.code(201);
        return requestCorrection(ctx.db, actor, me, req.body, ctx.now(), req.id);
      },
    );

    app.get(
      '/corrections',
      {
        schema: {
          tags: ['people'],
          summary: '更正申请 Correction requests: a resident’s own, or those of the village’s residents',
          querystring: z.object({
            status: z.enum(['submitted', 'corrected', 'rejected', 'withdrawn']).optional(),
          }),
          response: { 200: z.object({ items: z.array(Correction) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        if (!can(actor, 'people.self')) authorize(actor, 'people.correct');
        return { items: await listCorrections(ctx.db, actor, req.query, ctx.now()) };
      },
    );

    app.post(
      '/corrections/:id/actions/:action',
      {
        schema: {
          tags: ['people'],
          summary: '办理更正 The village corrects or refuses (with an answer); the resident may withdraw',
          params: z.object({ id: Id, action: z.enum(['correct', 'reject', 'withdraw']) }),
          body: z.strictObject({
            answer: z.string().trim().min(2).max(1000).optional(),
            version: z.number().int().min(1).optional(),
          }),
          response: { 200: z.object({ id: z.number().int(), status: z.string() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        if (req.params.action === 'reject' && !req.body.answer) throw new AppError('REASON_REQUIRED');
        return stepCorrection(ctx.db, actor, req.params.id, req.params.action, req.body, {
          now: ctx.now(),
          requestId: req.id,
        });
      },
    );

    app.post(
      '/me/close',
      {
        schema: {
          tags: ['people'],
          summary:
            '注销账号 Close my account (PIPL 删除): my reports keep their public content, the account and its link to me go',
          response: { 200: z.object({ closed: z.literal(true) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'people.self');
        return closeMyAccount(ctx.db, actor, ctx.now(), req.id);
      },
    );
  };
