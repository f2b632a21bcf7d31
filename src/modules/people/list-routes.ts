import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { sendXlsx, XLSX } from '../../platform/lists/index.js';
import { actorOf, narrowScope } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import { authorize } from './abilities.js';
import type { PeopleDeps } from './context.js';
import { exportHouseholdList, exportResidentList } from './list-export.js';
import type { HouseholdFilter, ResidentFilter } from './list-repository.js';
import { HouseholdExportQuery, ResidentExportQuery } from './schemas.js';

/** The household list's filter from its query (the list, the phone search and the export share it). */
export const householdFilter = (q: z.infer<typeof HouseholdExportQuery>): HouseholdFilter => ({
  careTag: q.careTag,
  number: q.number,
  keyword: q.q,
  sort: q.sort,
});

/** The resident list's filter from its query. */
export const residentFilter = (
  q: z.infer<typeof ResidentExportQuery>,
  page: { limit: number; offset: number },
): ResidentFilter & { limit: number; offset: number } => ({
  householdId: q.householdId,
  name: q.name,
  careTag: q.careTag,
  number: q.number,
  keyword: q.q,
  sort: q.sort,
  limit: page.limit,
  offset: page.offset,
});

/**
 * The household and resident lists exported as they are filtered (issue 11): people.export, masked,
 * audited with the filter and the row count. The archive's own export (households/export.xlsx, the
 * import layout) stays as it is.
 */
export const listExportRoutes =
  (ctx: PeopleDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/households/list.xlsx',
      {
        schema: {
          tags: ['people'],
          summary: '导出户列表 The filtered household list as .xlsx, streamed (masked; audited)',
          querystring: HouseholdExportQuery,
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const path = narrowScope(actor, req.query.within, pathOf);
        authorize(actor, 'people.export');
        const { stream } = await exportHouseholdList(
          ctx.db,
          { actor, scope: { countyCode: actor.countyCode, path }, filter: req.query, requestId: req.id },
          await ctx.readDb(req), // the rows from the replica when it may serve; audit on the primary
          householdFilter(req.query),
        );
        return sendXlsx(reply, `households-${actor.countyCode}`, stream);
      },
    );

    app.get(
      '/residents/export.xlsx',
      {
        schema: {
          tags: ['people'],
          summary: '导出居民列表 The filtered resident list as .xlsx, streamed (masked; audited)',
          querystring: ResidentExportQuery,
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const path = narrowScope(actor, req.query.within, pathOf);
        authorize(actor, 'people.export');
        const { stream } = await exportResidentList(
          ctx.db,
          { actor, scope: { countyCode: actor.countyCode, path }, filter: req.query, requestId: req.id },
          await ctx.readDb(req), // the rows from the replica when it may serve; audit on the primary
          residentFilter(req.query, { limit: 0, offset: 0 }),
        );
        return sendXlsx(reply, `residents-${actor.countyCode}`, stream);
      },
    );
  };
