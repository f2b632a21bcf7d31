import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx, XLSX } from '../../platform/lists/index.js';
import { actorOf } from '../accounts/index.js';
import { authorize, type PARTY_ABILITIES } from './abilities.js';
import type { PartyDeps } from './context.js';
import { gridChain, setGridLeader } from './leader.js';
import { assignHouseholds, exportHouseholdLinks, linkGrids, linkHouseholdList } from './links.js';
import { memberHistory, moveMember, transferIn, transferOut } from './member-edit.js';
import { createOrg, mergeOrg, renameOrg } from './org-edit.js';
import { IdParams } from './schemas.js';
import * as S from './schemas-edit.js';
import { scopeOf } from './scope.js';

const tags = ['party'];

/** The signed-in caller, refused (403) unless `ability` is theirs: how every handler here begins. */
const allowed = (req: FastifyRequest, ability: keyof typeof PARTY_ABILITIES) => {
  const actor = actorOf(req);
  authorize(actor, ability);
  return actor;
};

/** A change that answers nothing: 204 once it is done. */
const noContent = async (reply: FastifyReply, done: Promise<unknown>) => {
  await done;
  return reply.code(204).send(null);
};

/** Editing the party organisation (issue 14): organisations, members' relations, 党员联系户, 网格长. */
export const partyEditRoutes =
  (ctx: PartyDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/party/orgs',
      {
        schema: {
          tags,
          summary: '新建党组织 Create an organisation under a parent',
          body: S.OrgCreate,
          response: { 201: S.Created },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await createOrg(ctx, allowed(req, 'party.manage'), req.body, req.id)),
    );

    app.patch(
      '/party/orgs/:id',
      {
        schema: {
          tags,
          summary: '更名 Rename an organisation',
          params: IdParams,
          body: S.OrgRename,
          response: { 204: z.null() },
        },
      },
      (req, reply) =>
        noContent(reply, renameOrg(ctx, allowed(req, 'party.manage'), req.params.id, req.body, req.id)),
    );

    app.post(
      '/party/orgs/:id/merge',
      {
        schema: {
          tags,
          summary: '撤并 Merge an organisation into another (members and children move; it closes, kept)',
          params: IdParams,
          body: S.OrgMerge,
          response: { 200: S.Merged },
        },
      },
      async (req) => mergeOrg(ctx, allowed(req, 'party.manage'), req.params.id, req.body, req.id),
    );

    app.post(
      '/party/members/:id/move',
      {
        schema: {
          tags,
          summary: '调整所在组织 Move a member to another branch or group from a day',
          params: IdParams,
          body: S.MemberMove,
          response: { 204: z.null() },
        },
      },
      (req, reply) =>
        noContent(reply, moveMember(ctx, allowed(req, 'party.manage'), req.params.id, req.body, req.id)),
    );

    app.post(
      '/party/members/:id/transfer-out',
      {
        schema: {
          tags,
          summary: '组织关系转出 Transfer a member’s relation out on a day',
          params: IdParams,
          body: S.TransferOut,
          response: { 200: S.TransferredOut },
        },
      },
      async (req) => transferOut(ctx, allowed(req, 'party.manage'), req.params.id, req.body, req.id),
    );

    app.post(
      '/party/members/transfer-in',
      {
        schema: {
          tags,
          summary: '组织关系转入 A resident’s relation transferred in to a branch or group',
          body: S.TransferIn,
          response: { 201: S.Created },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await transferIn(ctx, allowed(req, 'party.manage'), req.body, req.id)),
    );

    app.get(
      '/party/members/:id/history',
      {
        schema: {
          tags,
          summary: '组织关系历史 A member’s organisations over time, dated',
          params: IdParams,
          response: { 200: S.History },
        },
      },
      async (req) => memberHistory(ctx.db, allowed(req, 'party.read'), req.params.id),
    );

    app.post(
      '/party/links',
      {
        schema: {
          tags,
          summary: '党员联系户 Link many households to one member (atomic; idempotent by clientRequestId)',
          body: S.LinkBatch,
          response: { 200: S.LinkResult },
        },
      },
      async (req) => {
        const actor = allowed(req, 'party.links');
        return assignHouseholds(ctx, actor, scopeOf(actor), req.body, req.id);
      },
    );

    app.get(
      '/party/links/grids',
      {
        schema: {
          tags,
          summary: '联系户看板 Grids with households no member looks after',
          querystring: S.LinkGridsQuery,
          response: { 200: S.LinkGrids },
        },
      },
      async (req) => linkGrids(ctx.db, scopeOf(allowed(req, 'party.read'), req.query.within), req.query),
    );

    app.get(
      '/party/links/households',
      {
        schema: {
          tags,
          summary: '联系户名单 Households of a region and the member looking after each',
          querystring: S.LinkHouseholdsQuery,
          response: { 200: S.LinkHouseholds },
        },
      },
      async (req) =>
        linkHouseholdList(ctx.db, scopeOf(allowed(req, 'party.read'), req.query.within), req.query),
    );

    app.get(
      '/party/links/households/export.xlsx',
      {
        schema: {
          tags,
          summary: '导出联系户名单 The household list as .xlsx (audited)',
          querystring: S.LinkHouseholdsQuery.omit({ limit: true, offset: true }),
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        const actor = allowed(req, 'party.read');
        const scope = scopeOf(actor, req.query.within);
        const { stream } = await exportHouseholdLinks(
          ctx.db,
          actor,
          scope,
          req.query.unlinked === 'true',
          req.query,
          req.id,
          await ctx.readDb(req), // the rows from the replica when it may serve
        );
        return sendXlsx(reply, `party-links-${actor.countyCode}`, stream);
      },
    );

    app.put(
      '/party/grids/:code/leader',
      {
        schema: {
          tags,
          summary: '设置网格长 Name the grid leader (a designation on a staff account)',
          params: S.GridParams,
          body: S.LeaderSet,
          response: { 204: z.null() },
        },
      },
      (req, reply) =>
        noContent(reply, setGridLeader(ctx, allowed(req, 'party.manage'), req.params.code, req.body, req.id)),
    );

    app.get(
      '/party/grids/:code/chain',
      {
        schema: {
          tags,
          summary: '五级链条 A grid’s chain: grid workers → grid leader → branch → committees',
          params: S.GridParams,
          response: { 200: S.Chain },
        },
      },
      async (req) => gridChain(ctx.db, scopeOf(allowed(req, 'party.read')), req.params.code),
    );
  };
