import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { IdParams } from '../../platform/ids.js';
import { maskPiiText } from '../../platform/pii-text.js';
import { actorOf, narrowScope, type Actor } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import { authorize } from './abilities.js';
import type { EnterpriseDeps } from './context.js';
import { raiseNeedAsCase } from './raise.js';
import { exportEnterprises } from './export.js';
import { sendXlsx, XLSX } from '../../platform/lists/index.js';
import * as repo from './repository.js';
import {
  Coverage,
  EnterpriseDetail,
  EnterpriseInput,
  EnterpriseList,
  EnterprisePatch,
  EnterpriseExportQuery,
  EnterpriseQuery,
  HelperEnd,
  HelperInput,
  HelpInput,
  Ledger,
  LedgerQuery,
  Raised,
  RaiseInput,
  SolveInput,
  Within,
} from './schemas.js';
import * as svc from './service.js';
import { enterpriseView, helperView, helpView } from './view.js';

const tags = ['enterprises'];
const Created = z.object({ id: z.number().int() });
const scopeOf = (actor: Actor, within?: string) => ({
  countyCode: actor.countyCode,
  path: narrowScope(actor, within, pathOf),
});
const rate = (n: number, of: number) => ({
  n,
  of,
  percent: of === 0 ? null : Math.round((n * 1000) / of) / 10,
});

/** 两新组织 on the grid, their party coverage, the cadres helping them and the help ledger. */
export const enterpriseRoutes =
  (ctx: EnterpriseDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/enterprises',
      {
        schema: {
          tags,
          summary: '两新组织 Enterprises and social organisations in my scope',
          querystring: EnterpriseQuery,
          response: { 200: EnterpriseList },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'enterprises.read');
        const { within, ...f } = req.query;
        const r = await repo.listEnterprises(ctx.db, scopeOf(actor, within), f);
        return { items: r.items.map(enterpriseView), total: r.total };
      },
    );

    app.get(
      '/enterprises/export.xlsx',
      {
        schema: {
          tags,
          summary: '导出两新组织 The filtered enterprise list as .xlsx, streamed (masked; audited)',
          querystring: EnterpriseExportQuery,
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        // the register's rule, as for its list: the right first (403), then the place (404)
        authorize(actor, 'enterprises.export');
        const { within, ...f } = req.query;
        const scope = scopeOf(actor, within);
        const a = { actor, scope, filter: req.query, requestId: req.id };
        const { stream } = await exportEnterprises(ctx.db, a, f, await ctx.readDb(req));
        return sendXlsx(reply, `enterprises-${actor.countyCode}`, stream);
      },
    );

    app.post(
      '/enterprises',
      {
        schema: {
          tags,
          summary: '登记两新组织 Register an enterprise or social organisation',
          body: EnterpriseInput,
          response: { 201: Created },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'enterprises.manage');
        return reply.code(201).send(await svc.createEnterprise(ctx, actor, req.body, req.id));
      },
    );

    app.get(
      '/enterprises/coverage',
      {
        schema: {
          tags,
          summary: '两新党建覆盖 Party coverage and help figures for a scope',
          querystring: z.object({ within: Within }),
          response: { 200: Coverage },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'enterprises.read');
        const scope = scopeOf(actor, req.query.within);
        const [t, region] = await Promise.all([
          repo.coverage(ctx.db, scope),
          repo.regionNamed(ctx.db, scope.path.split('.').pop()!),
        ]);
        const all = t.enterprises + t.social_orgs;
        return {
          regionCode: region.code,
          regionName: region.name,
          enterprises: t.enterprises,
          socialOrgs: t.social_orgs,
          withPartyOrg: rate(t.with_org, all),
          withInstructor: rate(t.with_instructor, all),
          covered: rate(t.covered, all),
          withHelpers: t.with_helpers,
          helped: t.helped,
          helperCadres: t.helper_cadres,
          needs: { open: t.open, solved: t.solved, raised: t.raised },
        };
      },
    );

    app.get(
      '/enterprises/help',
      {
        schema: {
          tags,
          summary: '助企纾困台账 The help ledger of my scope',
          querystring: LedgerQuery,
          response: { 200: Ledger },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'enterprises.read');
        const { within, ...f } = req.query;
        const r = await repo.listLedger(ctx.db, scopeOf(actor, within), f);
        return { items: r.items.map((n) => helpView(n, maskPiiText)), total: r.total };
      },
    );

    app.post(
      '/enterprises/help/:id/solve',
      {
        schema: {
          tags,
          summary: '问题已解决 Record how a problem was solved',
          params: IdParams,
          body: SolveInput,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'enterprises.help');
        await svc.solveNeed(ctx, actor, req.params.id, req.body, req.id);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/enterprises/help/:id/raise-case',
      {
        schema: {
          tags,
          summary: '转为事件 Raise an open problem as a case (source enterprise); its cadre follows it',
          params: IdParams,
          body: RaiseInput,
          response: { 201: Raised },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'enterprises.raise_case');
        return reply.code(201).send(await raiseNeedAsCase(ctx, actor, req.params.id, req.body, req.id));
      },
    );

    app.get(
      '/enterprises/:id',
      {
        schema: {
          tags,
          summary: '两新组织详情 An enterprise, its helpers and its ledger',
          params: IdParams,
          response: { 200: EnterpriseDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'enterprises.read');
        const scope = scopeOf(actor);
        const e = await repo.findEnterprise(ctx.db, scope, req.params.id);
        if (!e) throw new AppError('NOT_FOUND');
        const [helpers, ledger] = await Promise.all([
          repo.helpersOf(ctx.db, e.county_code, e.id),
          repo.listLedger(ctx.db, scope, { enterpriseId: e.id, limit: 200, offset: 0 }),
        ]);
        return {
          ...enterpriseView(e),
          helpersList: helpers.map(helperView),
          ledger: ledger.items.map((n) => helpView(n, maskPiiText)),
        };
      },
    );

    app.patch(
      '/enterprises/:id',
      {
        schema: {
          tags,
          summary: '修改两新组织 Change an enterprise’s record',
          params: IdParams,
          body: EnterprisePatch,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'enterprises.manage');
        await svc.updateEnterprise(ctx, actor, req.params.id, req.body, req.id);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/enterprises/:id/helpers',
      {
        schema: {
          tags,
          summary: '选派帮扶干部 Assign a cadre to help the enterprise',
          params: IdParams,
          body: HelperInput,
          response: { 201: Created },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'enterprises.manage');
        return reply.code(201).send(await svc.assignHelper(ctx, actor, req.params.id, req.body, req.id));
      },
    );

    app.post(
      '/enterprises/helpers/:id/end',
      {
        schema: {
          tags,
          summary: '结束帮扶 End a cadre’s assignment to an enterprise (date and reason)',
          params: IdParams,
          body: HelperEnd,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'enterprises.manage');
        await svc.endHelper(ctx, actor, req.params.id, req.body, req.id);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/enterprises/:id/help',
      {
        schema: {
          tags,
          summary: '走访或问题 Record a visit or a problem in the help ledger',
          params: IdParams,
          body: HelpInput,
          response: { 201: Created },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'enterprises.help');
        return reply.code(201).send(await svc.recordHelp(ctx, actor, req.params.id, req.body, req.id));
      },
    );
  };
