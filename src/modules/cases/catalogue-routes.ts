import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { actorOf, narrowScope } from '../accounts/index.js';
import type { CaseRouteDeps } from './context.js';
import { pathOf } from '../regions/index.js';
import { inSubtree } from '../../platform/db/ltree.js';
import { areaOf, orderCategories, reportCounts } from './category-order.js';

const Category = z.object({
  code: z.string(),
  kind: z.string(),
  majorCode: z.string(),
  majorName: z.string(),
  majorNameEn: z.string(),
  name: z.string(),
  nameEn: z.string(),
  keywords: z.array(z.string()),
  filingCriteria: z.string(),
  closingCriteria: z.string(),
  deadlines: z.unknown(),
  attributes: z.unknown(),
});

export const catalogueRoutes =
  (ctx: CaseRouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/categories',
      {
        schema: {
          tags: ['cases'],
          summary: '事件类别 The case category catalogue (searchable by name and keyword)',
          querystring: z.object({
            q: z.string().trim().max(20).optional(),
            kind: z.enum(['component', 'event', 'governance']).optional(),
            order: z
              .enum(['code', 'area'])
              .default('code')
              .describe(
                'area: for a reporter — what is reported most in places like theirs (rural village or urban community) first, then the categories of that kind of place',
              ),
          }),
          response: { 200: z.object({ items: z.array(Category) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        // deadlines as in force in the caller's county (its own, else the national default)
        let q = ctx.db
          .selectFrom('category')
          .leftJoin('category_deadline as d', (j) =>
            j.onRef('d.category_code', '=', 'category.code').on('d.county_code', '=', actor.countyCode),
          )
          .selectAll('category')
          .select(sql<unknown>`coalesce(d.deadlines, category.deadlines)`.as('county_deadlines'))
          .where('category.active', '=', true);
        if (req.query.kind) q = q.where('kind', '=', req.query.kind);
        if (req.query.q) {
          const term = req.query.q;
          const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
          q = q.where((eb) =>
            eb.or([
              eb('name', 'like', like),
              eb('major_name', 'like', like),
              eb(sql<string>`array_to_string(keywords, ' ')`, 'like', like),
            ]),
          );
        }
        let rows = await q.orderBy('category.code').execute();
        if (req.query.order === 'area') {
          const area = await areaOf(ctx.db, actor.scopePath);
          const reported = area ? await reportCounts(ctx.db, actor.countyCode, area, ctx.now()) : new Map();
          rows = orderCategories(rows, area, reported);
        }
        return {
          items: rows.map((c) => ({
            code: c.code,
            kind: c.kind,
            majorCode: c.major_code,
            majorName: c.major_name,
            majorNameEn: c.major_name_en,
            name: c.name,
            nameEn: c.name_en,
            keywords: c.keywords,
            filingCriteria: c.filing_criteria,
            closingCriteria: c.closing_criteria,
            deadlines: c.county_deadlines,
            attributes: c.attributes,
          })),
        };
      },
    );

    app.get(
      '/departments',
      {
        schema: {
          tags: ['cases'],
          summary: '职能部门 Departments in my scope (for dispatch)',
          querystring: z.object({
            within: z
              .string()
              .regex(/^\d{6,9}$/)
              .optional(),
            tier: z.enum(['township', 'county']).optional(),
          }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.number().int(),
                  code: z.string(),
                  name: z.string(),
                  tier: z.string(),
                  regionCode: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        // departments of the county and of the townships on the caller's path
        const path = narrowScope(actor, req.query.within, pathOf);
        let q = ctx.db
          .selectFrom('department')
          .select(['id', 'code', 'name', 'tier', 'region_code'])
          .where('county_code', '=', actor.countyCode)
          .where('active', '=', true)
          .where((eb) => eb.or([inSubtree('region_path', path), eb('region_code', '=', actor.countyCode)]));
        if (req.query.tier) q = q.where('tier', '=', req.query.tier);
        const rows = await q.orderBy('region_code').orderBy('id').execute();
        return {
          items: rows.map((d) => ({
            id: d.id,
            code: d.code,
            name: d.name,
            tier: d.tier,
            regionCode: d.region_code,
          })),
        };
      },
    );
  };
