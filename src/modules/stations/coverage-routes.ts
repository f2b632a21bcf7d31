import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { beijingTime, exportList, Paged, sendXlsx, XLSX } from '../../platform/lists/index.js';
import { actorOf, narrowScope, type Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { pathOf } from '../regions/index.js';
import { Id } from '../../platform/ids.js';
import { z } from 'zod';
import { authorize } from './abilities.js';
import type { StationDeps } from './context.js';
import {
  candidateSites,
  coverageOf,
  listOutside,
  nearestStation,
  outsidePlaces,
  outsideQuery,
  type OutsideRow,
} from './coverage.js';
import { CIRCLE_RADIUS_M } from './reach.js';
import {
  CandidateItem,
  CandidateQuery,
  Coverage,
  CoverageMap,
  CoverageMapQuery,
  ExportQuery,
  Nearest,
  OutsideItem,
  OutsideQuery,
} from './schemas.js';

const tags = ['stations'];
const MAP_PLACES = 3000;

/** The region code the scope path ends in. */
const codeOf = (path: string) => path.split('.').pop()!;
const scopeFor = (actor: Actor, within: string | undefined) => {
  const path = narrowScope(actor, within, pathOf);
  return { countyCode: actor.countyCode, path };
};

/** The 500 m circle (J9): coverage of a scope, the households outside it, candidate sites, a household's nearest. */
export const coverageRoutes =
  (ctx: StationDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/stations/coverage',
      {
        schema: {
          tags,
          summary: '500米服务圈覆盖率 Share of the scope’s households within 500 m walking of a station',
          querystring: ExportQuery,
          response: { 200: Coverage },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'stations.read');
        const s = scopeFor(actor, req.query.within);
        return coverageOf(ctx.db, s, codeOf(s.path));
      },
    );

    app.get(
      '/stations/coverage/outside',
      {
        schema: {
          tags,
          summary: '服务圈外住户 Households beyond 500 m walking of every station (by grid and address)',
          querystring: OutsideQuery,
          response: { 200: Paged(OutsideItem) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'stations.read');
        const { items, total } = await listOutside(ctx.db, scopeFor(actor, req.query.within), req.query);
        return { items: items.map(toOutside), total };
      },
    );

    app.get(
      '/stations/coverage/outside/export.xlsx',
      {
        schema: {
          tags,
          summary: '导出服务圈外住户 The households outside the circle as .xlsx (audited)',
          querystring: ExportQuery,
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const s = scopeFor(actor, req.query.within);
        authorize(actor, 'stations.export');
        const { stream } = await exportList(
          ctx.db,
          {
            count: async (tx) => (await listOutside(tx, s, { limit: 1, offset: 0 })).total,
            audit: (tx, rows) =>
              recordAudit(tx, {
                actor,
                countyCode: actor.countyCode,
                action: 'station_coverage.export',
                entityType: 'station',
                entityId: null,
                after: { rows, within: codeOf(s.path), at: beijingTime(ctx.now()) },
                requestId: req.id,
              }),
            query: outsideQuery(s),
            sheet: '服务圈外住户 Outside 500 m',
            columns: OUTSIDE_COLUMNS,
          },
          await ctx.readDb(req), // the rows from the replica when it may serve; count and audit on the primary
        );
        return sendXlsx(reply, `outside-500m-${codeOf(s.path)}`, stream);
      },
    );

    app.get(
      '/stations/coverage/map',
      {
        schema: {
          tags,
          summary: '服务圈地图 Stations and the groups/buildings with households outside the circle',
          querystring: CoverageMapQuery,
          response: { 200: CoverageMap },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'stations.read');
        const s = scopeFor(actor, req.query.within);
        const [stations, outside] = await Promise.all([
          ctx.db
            .selectFrom('station')
            .select(['id', 'kind', 'name', 'lng', 'lat'])
            .where('county_code', '=', actor.countyCode)
            .where('active', '=', true)
            .orderBy('id')
            .execute(),
          outsidePlaces(ctx.db, s, MAP_PLACES + 1),
        ]);
        return {
          stations: stations.map((st) => ({
            ...st,
            id: Number(st.id),
            kind: st.kind as 'centre' | 'station',
          })),
          outside: outside.slice(0, MAP_PLACES).map((p) => ({
            unitId: p.place_id,
            name: `${p.grid_name} ${p.place_name}`,
            lng: p.lng,
            lat: p.lat,
            households: p.n,
            walkingMetres: p.walking,
          })),
          radiusMetres: Math.round(CIRCLE_RADIUS_M),
          truncated: outside.length > MAP_PLACES,
        };
      },
    );

    app.get(
      '/stations/candidates',
      {
        schema: {
          tags,
          summary: '新站点选址 Where new stations would bring the most households inside the circle (greedy)',
          querystring: CandidateQuery,
          response: { 200: z.object({ items: z.array(CandidateItem) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'stations.read');
        return { items: await candidateSites(ctx.db, scopeFor(actor, req.query.within), req.query.count) };
      },
    );

    app.get(
      '/households/:id/nearest-station',
      {
        schema: {
          tags,
          summary: '最近的站点 A household’s nearest station and its estimated walking distance',
          params: z.object({ id: Id }),
          response: { 200: Nearest },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'stations.read');
        return nearestStation(ctx.db, actor, req.params.id);
      },
    );
  };

const toOutside = (r: OutsideRow) => ({
  householdId: Number(r.household_id),
  address: r.address,
  gridCode: r.grid_code,
  gridName: r.grid_name,
  unitName: r.place_name,
  lng: r.lng,
  lat: r.lat,
  nearestStationId: r.station_id,
  nearestStationName: r.station_name,
  walkingMetres: r.walking,
});

const OUTSIDE_COLUMNS = [
  { header: '网格 Grid', width: 20, cell: (r: OutsideRow) => r.grid_name },
  { header: '小组/楼栋 Group or building', width: 14, cell: (r: OutsideRow) => r.place_name },
  { header: '地址 Address', width: 30, cell: (r: OutsideRow) => r.address },
  { header: '最近站点 Nearest station', width: 24, cell: (r: OutsideRow) => r.station_name ?? '' },
  { header: '步行距离(米，估算) Walk (m, estimated)', width: 16, cell: (r: OutsideRow) => r.walking },
] as const;
