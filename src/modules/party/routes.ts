import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../accounts/index.js';
import type { PartyDeps } from './context.js';
import { authorize } from './abilities.js';
import { scopeOf } from './scope.js';
import { partyEditRoutes } from './routes-edit.js';
import { IdParams, MemberDetail, OrgDetail, OrgList, OrgQuery, Summary, Within } from './schemas.js';
import { memberDetail, orgDetail, orgsInScope, summary } from './service.js';

const tags = ['party'];

/** The party organisation laid over the grids (J8, J9): read here, edited in routes-edit.ts; scoped by region path. */
export const partyRoutes =
  (ctx: PartyDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/party/orgs',
      {
        schema: {
          tags,
          summary: '党组织 Party organisations in my scope (flat, with parent ids)',
          querystring: z.object({
            within: Within,
            closed: z
              .enum(['true', 'false'])
              .default('false')
              .describe('also organisations closed by a merge'),
          }),
          response: { 200: OrgList },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'party.read');
        return {
          items: await orgsInScope(ctx.db, scopeOf(actor, req.query.within), req.query.closed === 'true'),
        };
      },
    );

    app.get(
      '/party/orgs/:id',
      {
        schema: {
          tags,
          summary: '党组织详情 An organisation, its children and members',
          params: IdParams,
          querystring: OrgQuery,
          response: { 200: OrgDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'party.read');
        return orgDetail(ctx.db, scopeOf(actor), req.params.id, req.query);
      },
    );

    app.get(
      '/party/members/:id',
      {
        schema: {
          tags,
          summary: '党员详情 A party member and the households linked to them',
          params: IdParams,
          response: { 200: MemberDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'party.read');
        return memberDetail(ctx.db, scopeOf(actor), req.params.id);
      },
    );

    app.get(
      '/party/summary',
      {
        schema: {
          tags,
          summary: '党建概况 Counts of organisations, members, linked households and covered grids',
          querystring: z.object({ within: Within }),
          response: { 200: Summary },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'party.read');
        return summary(ctx.db, scopeOf(actor, req.query.within));
      },
    );

    await app.register(partyEditRoutes(ctx));
  };
