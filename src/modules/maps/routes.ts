import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, narrowScope } from '../accounts/index.js';
import { IdParams } from '../../platform/ids.js';
import { pathOf, RegionCode } from '../regions/index.js';
import { authorize } from './abilities.js';
import type { MapDeps } from './context.js';
import { caseDensity, placeOf } from './density.js';
import { casePlace, casePoints } from './places.js';
import { publicMap } from './public-map.js';
import {
  BaseMap,
  CasePlace,
  CasePoints,
  Density,
  DensityQuery,
  MapSettings,
  MapSettingsBody,
  Place,
  PublicMap,
  PublicParams,
  PublicQuery,
} from './schemas.js';
import { baseMapOf, findSetting, readMapSettings, writeMapSettings } from './settings.js';

const DAY = 86_400_000;

export const mapRoutes =
  (ctx: MapDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/map/base',
      {
        schema: {
          tags: ['maps'],
          summary: '底图 The county’s base map: tile layers and their coordinate system (none = grids alone)',
          response: { 200: BaseMap },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'maps.read');
        return baseMapOf(await findSetting(ctx.db, actor.countyCode));
      },
    );

    app.get(
      '/map/settings',
      {
        schema: {
          tags: ['maps'],
          summary: '地图设置 The county’s map settings (administrators)',
          response: { 200: MapSettings },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'maps.configure');
        return readMapSettings(ctx.db, actor.countyCode);
      },
    );

    app.put(
      '/map/settings',
      {
        schema: {
          tags: ['maps'],
          summary:
            '修改地图设置 Set the base map (天地图, 高德 GCJ-02, custom, none) and the public map of reports',
          body: MapSettingsBody,
          response: { 200: MapSettings },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'maps.configure');
        return writeMapSettings(ctx.db, actor, req.body, req.id);
      },
    );

    app.get(
      '/map/cases',
      {
        schema: {
          tags: ['maps'],
          summary: '事件分布 Cases clustered by child region with counts, and a heat map, in my scope',
          querystring: DensityQuery,
          response: { 200: Density },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'maps.cases');
        const path = narrowScope(actor, req.query.region, pathOf);
        const code = path.slice(path.lastIndexOf('.') + 1);
        return caseDensity(ctx.db, {
          countyCode: actor.countyCode,
          code,
          path,
          since: new Date(ctx.now().getTime() - req.query.days * DAY),
          openOnly: req.query.open === 'true',
        });
      },
    );

    app.get(
      '/map/case-points',
      {
        schema: {
          tags: ['maps'],
          summary:
            '事件点位 Cases in my scope as points with their place (village, group, grid), for clustered markers',
          querystring: DensityQuery,
          response: { 200: CasePoints },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'maps.cases');
        const now = ctx.now();
        return casePoints(ctx.db, {
          countyCode: actor.countyCode,
          path: narrowScope(actor, req.query.region, pathOf),
          since: new Date(now.getTime() - req.query.days * DAY),
          openOnly: req.query.open === 'true',
          now,
        });
      },
    );

    app.get(
      '/map/cases/:id/place',
      {
        schema: {
          tags: ['maps'],
          summary: '事件地点 A case’s place from the territory: township, village, villagers’ group, grid',
          params: IdParams,
          response: { 200: CasePlace },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'maps.cases');
        return casePlace(ctx.db, actor.countyCode, actor.scopePath, req.params.id);
      },
    );

    app.get(
      '/map/places/:code',
      {
        schema: {
          tags: ['maps'],
          summary: '地点 A region’s place in words from the territory (township, village, grid)',
          params: z.object({ code: RegionCode }),
          response: { 200: Place },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'maps.cases');
        const path = narrowScope(actor, req.params.code, pathOf);
        return placeOf(ctx.db, actor.countyCode, path.slice(path.lastIndexOf('.') + 1));
      },
    );

    app.get(
      '/public/map/:county',
      {
        config: {
          public: true,
          // open to anyone: slowed per address so the map cannot be scraped in a loop
          rateLimit: { max: 60, timeWindow: '1 minute', hook: 'preHandler' },
        },
        schema: {
          tags: ['maps'],
          summary: '问题地图 Public map of reports near a point: open and recently fixed, no personal data',
          security: [],
          params: PublicParams,
          querystring: PublicQuery,
          response: { 200: PublicMap },
        },
      },
      async (req) => publicMap(ctx.db, req.params.county, req.query, ctx.now()),
    );
  };
