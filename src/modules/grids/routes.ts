import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { toWgs84 } from '../../platform/geo/coords.js';
import { actorOf, narrowScope } from '../accounts/index.js';
import type { GridDeps } from './context.js';
import { authorizeRegions, pathOf, RegionCode } from '../regions/index.js';
import { authorize } from './abilities.js';
import * as repo from './repository.js';
import { GridCollection, GridFeature, LocateQuery, LocateResponse } from './schemas.js';

type GridRow = NonNullable<Awaited<ReturnType<typeof repo.findGrid>>>;

const properties = (g: GridRow) => ({
  code: g.code,
  name: g.name,
  kind: g.kind,
  villageCode: g.village_code,
  villageName: g.village_name,
  townshipCode: g.township_code,
  townshipName: g.township_name,
});

const geometry = (g: GridRow) => (g.geometry ?? null) as z.infer<typeof GridFeature>['geometry'];

export const gridRoutes =
  (ctx: GridDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/grids/locate',
      {
        schema: {
          tags: ['territory'],
          summary: '坐标定位网格 Find the grid containing a point',
          description:
            'Any signed-in account may locate points in its own county (grid names are not personal data). Coordinates are converted to WGS-84.',
          querystring: LocateQuery,
          response: { 200: LocateResponse },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'grids.locate');
        const p = toWgs84(req.query.lng, req.query.lat, req.query.coordSystem);
        const code = await ctx.grids.locate(p.lng, p.lat);
        const grid = code ? await repo.findGrid(ctx.db, code, pathOf(actor.countyCode)) : undefined;
        if (!grid) throw new AppError('GRID_NOT_FOUND_AT_POINT');
        return { grid: properties(grid), wgs84: { lat: p.lat, lng: p.lng } };
      },
    );

    app.get(
      '/grids',
      {
        schema: {
          tags: ['territory'],
          summary: '网格边界 Grids under a region, as GeoJSON',
          querystring: z.object({
            within: RegionCode.describe('a township, village or county code in your scope'),
          }),
          response: { 200: GridCollection },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorizeRegions(actor, 'regions.read');
        const rows = await repo.listGridsUnder(ctx.db, narrowScope(actor, req.query.within, pathOf));
        return {
          type: 'FeatureCollection' as const,
          features: rows.map((g) => ({
            type: 'Feature' as const,
            id: g.code,
            properties: properties(g),
            geometry: geometry(g),
          })),
        };
      },
    );

    app.get(
      '/grids/:code',
      {
        schema: {
          tags: ['territory'],
          summary: '网格详情 A grid with its polygon (GeoJSON Feature)',
          params: z.object({ code: z.string().regex(/^\d{15}$/, 'a 15-digit grid code') }),
          response: { 200: GridFeature },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorizeRegions(actor, 'regions.read');
        const g = await repo.findGrid(ctx.db, req.params.code, actor.scopePath);
        if (!g) throw new AppError('NOT_FOUND');
        const counts = await repo.gridCounts(ctx.db, g.county_code ?? '', g.code);
        return {
          type: 'Feature' as const,
          id: g.code,
          properties: { ...properties(g), ...counts },
          geometry: geometry(g),
        };
      },
    );
  };
