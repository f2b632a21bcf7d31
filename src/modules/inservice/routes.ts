import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/errors.js';
import { sendXlsx, XLSX } from '../../platform/lists/index.js';
import { actorOf, narrowScope } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import { authorize } from './abilities.js';
import type { InServiceDeps } from './context.js';
import { exportRegistrations } from './export.js';
import * as repo from './repository.js';
import {
  HoursQuery,
  HoursReport,
  MyService,
  Registration,
  RegistrationExportQuery,
  RegistrationQuery,
  ReviewBody,
  ReviewParams,
  SignUpBody,
  SignUpResult,
} from './schemas.js';
import { reviewRegistration, signUp, toRegistration } from './service.js';
import { z } from 'zod';

/** 在职党员报到: sign-up (public), review by the community's staff, hours for the employer unit. */
export const inServiceRoutes =
  (ctx: InServiceDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/in-service/sign-up',
      {
        config: {
          public: true,
          // per address, like an invitation's code: the accounts made stay closed until staff approve
          rateLimit: { max: 20, timeWindow: '1 minute', hook: 'preHandler' },
        },
        schema: {
          tags: ['in-service'],
          summary: '在职党员报到 An in-service party member registers with the community where they live',
          security: [],
          body: SignUpBody,
          response: { 201: SignUpResult },
        },
      },
      async (req, reply) => {
        reply.code(201);
        return signUp(ctx, req.body, req.id);
      },
    );

    app.get(
      '/in-service/registrations',
      {
        schema: {
          tags: ['in-service'],
          summary:
            '报到登记 Registrations of in-service party members in my scope: searched, sorted, the exact total',
          querystring: RegistrationQuery,
          response: { 200: z.object({ items: z.array(Registration), total: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'inservice.read');
        const path = narrowScope(actor, req.query.within, pathOf);
        const { items, total } = await repo.listRegistrations(ctx.db, actor, path, req.query);
        return { items: items.map(toRegistration), total };
      },
    );

    app.get(
      '/in-service/registrations/export.xlsx',
      {
        schema: {
          tags: ['in-service'],
          summary: '导出报到登记 The filtered registration list as .xlsx, streamed (phones masked; audited)',
          querystring: RegistrationExportQuery,
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'inservice.export');
        const path = narrowScope(actor, req.query.within, pathOf);
        const { stream } = await exportRegistrations(
          ctx.db,
          actor,
          path,
          req.query,
          req.query,
          req.id,
          await ctx.readDb(req), // the rows from the replica when it may serve; count and audit on the primary
        );
        return sendXlsx(reply, 'in-service-registrations', stream);
      },
    );

    app.post(
      '/in-service/registrations/:id/:decision',
      {
        schema: {
          tags: ['in-service'],
          summary: '审核报到 approve, or reject {reason} (the community’s staff; audited)',
          params: ReviewParams,
          body: ReviewBody,
          response: { 200: Registration },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'inservice.review');
        return reviewRegistration(ctx, actor, req.params.id, req.params.decision, req.body, req.id);
      },
    );

    app.get(
      '/in-service/hours',
      {
        schema: {
          tags: ['in-service'],
          summary: '服务时长 Hours of in-service members by employer unit and member (approved members)',
          querystring: HoursQuery,
          response: { 200: HoursReport },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'inservice.read');
        const f = { ...req.query, status: 'approved' };
        const [units, { items, total }] = await Promise.all([
          repo.hoursByUnit(ctx.db, actor, actor.scopePath, req.query.employerOrgId),
          repo.listRegistrations(ctx.db, actor, actor.scopePath, f),
        ]);
        return {
          units: units.map((u) => ({
            employerUnit: u.employer_unit,
            employerOrgId: u.employer_org_id,
            members: u.members,
            hours: Number(u.hours),
          })),
          items: items.map(toRegistration),
          total,
        };
      },
    );

    app.get(
      '/in-service/me',
      {
        schema: {
          tags: ['in-service'],
          summary: '我的报到与服务时长 My registration and the hours recorded',
          response: { 200: MyService },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'inservice.self');
        const row = await repo
          .selectRegistrations(ctx.db)
          .where(repo.visibleTo(actor, actor.scopePath))
          .executeTakeFirst();
        if (!row) throw new AppError('NOT_FOUND');
        const entries = await repo.entriesOf(ctx.db, row.county_code, row.id);
        return {
          registration: toRegistration(row),
          entries: entries.map((e) => ({
            wishId: e.wish_id,
            wishNumber: e.number,
            title: e.title,
            hours: Number(e.hours),
            servedOn: e.served_on,
          })),
        };
      },
    );
  };
