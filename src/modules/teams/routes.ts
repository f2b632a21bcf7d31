import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '../../platform/ids.js';
import { AppError } from '../../platform/errors.js';
import { sendXlsx, XLSX } from '../../platform/lists/index.js';
import { actorOf, inScope, narrowScope } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import { authorize } from './abilities.js';
import type { TeamDeps } from './context.js';
import { exportTeams } from './export.js';
import type { TeamKind } from './kinds.js';
import * as repo from './repository.js';
import {
  AddMemberBody,
  CandidateQuery,
  CreateTeamBody,
  Member,
  MemberParams,
  TeamDetail,
  TeamExportQuery,
  TeamItem,
  TeamQuery,
} from './schemas.js';
import { addMember, createGroup, removeMember, teamMembersFor, teamViewer } from './service.js';

const Made = z.object({ id: z.number().int() });
type TeamRow = NonNullable<Awaited<ReturnType<typeof repo.findTeam>>>;
const toItem = (t: TeamRow) => ({
  id: t.id,
  villageCode: t.village_code,
  villageName: t.village_name,
  kind: t.kind as TeamKind,
  code: t.code,
  name: t.name,
  duty: t.duty,
  members: t.members ?? 0,
});

export const teamRoutes =
  (ctx: TeamDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/teams',
      {
        schema: {
          tags: ['teams'],
          summary:
            '5+5+N队伍 The villages’ councils, roles and local groups in my scope: searched, sorted, the exact total',
          querystring: TeamQuery,
          response: { 200: z.object({ items: z.array(TeamItem), total: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'teams.read');
        const path = narrowScope(teamViewer(actor), req.query.within, pathOf);
        const { items, total } = await repo.listTeams(
          ctx.db,
          { countyCode: actor.countyCode, path },
          req.query,
        );
        return { items: items.map(toItem), total };
      },
    );

    app.get(
      '/teams/export.xlsx',
      {
        schema: {
          tags: ['teams'],
          summary: '导出队伍 The filtered team list as .xlsx, streamed (audited)',
          querystring: TeamExportQuery,
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'teams.export');
        const path = narrowScope(teamViewer(actor), req.query.within, pathOf);
        const { stream } = await exportTeams(
          ctx.db,
          actor,
          { countyCode: actor.countyCode, path },
          req.query,
          req.query,
          req.id,
          await ctx.readDb(req), // the rows from the replica when it may serve; count and audit on the primary
        );
        return sendXlsx(reply, 'teams', stream);
      },
    );

    app.get(
      '/teams/candidates',
      {
        schema: {
          tags: ['teams'],
          summary:
            '可选调解员/参会人 Members of a village’s teams to choose as mediators or meeting participants',
          querystring: CandidateQuery,
          response: { 200: z.object({ items: z.array(Member) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'teams.read');
        const viewer = teamViewer(actor);
        if (!inScope(viewer, pathOf(req.query.village))) throw new AppError('NOT_FOUND');
        return { items: await teamMembersFor(ctx.db, viewer, req.query.village, req.query.purpose) };
      },
    );

    app.get(
      '/teams/:id',
      {
        schema: {
          tags: ['teams'],
          summary: '队伍详情 A team with its members',
          params: z.object({ id: Id }),
          response: { 200: TeamDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'teams.read');
        const scope = { countyCode: actor.countyCode, path: teamViewer(actor).scopePath };
        const t = await repo.findTeam(ctx.db, scope, req.params.id);
        if (!t) throw new AppError('NOT_FOUND');
        const list = await repo.members(ctx.db, scope, { teamId: t.id });
        return {
          ...toItem(t),
          memberList: list.map((m) => ({
            id: m.id,
            teamId: Number(m.team_id),
            teamName: m.team_name,
            residentId: m.resident_id === null ? null : Number(m.resident_id),
            name: m.name,
            title: m.title,
            affiliation: m.affiliation,
          })),
        };
      },
    );

    app.post(
      '/teams',
      {
        schema: {
          tags: ['teams'],
          summary: '新增本村自治组织 A village’s own local group (the N of 5+5+N)',
          body: CreateTeamBody,
          response: { 201: Made },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'teams.manage');
        return reply.code(201).send(await createGroup(ctx, actor, req.body, req.id));
      },
    );

    app.post(
      '/teams/:id/members',
      {
        schema: {
          tags: ['teams'],
          summary: '添加成员 A resident of the village or an outside person joins a team',
          params: z.object({ id: Id }),
          body: AddMemberBody,
          response: { 201: Made },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'teams.manage');
        return reply.code(201).send(await addMember(ctx, actor, req.params.id, req.body, req.id));
      },
    );

    app.delete(
      '/teams/:id/members/:memberId',
      {
        schema: {
          tags: ['teams'],
          summary: '移除成员 A member leaves the team',
          params: MemberParams,
          response: { 204: z.null().describe('removed') },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'teams.manage');
        await removeMember(ctx, actor, req.params.id, req.params.memberId, req.id);
        return reply.code(204).send(null);
      },
    );
  };
