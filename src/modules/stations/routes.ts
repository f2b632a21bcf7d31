import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { Id } from '../../platform/ids.js';
import { Paged } from '../../platform/lists/index.js';
import { actorOf, narrowScope } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import { authorize } from './abilities.js';
import type { StationDeps } from './context.js';
import * as repo from './repository.js';
import {
  PersonBody,
  StationBody,
  StationDetail,
  StationItem,
  StationParams,
  StationPatch,
  StationQuery,
  StockBody,
} from './schemas.js';
import { scopeOf, stationViewer } from './scope.js';
import { addPerson, createStation, patchStation, removePerson, setStock } from './service.js';
import { toStation } from './view.js';
import type { ItemKind } from './kinds.js';

const Made = z.object({ id: z.number().int() });
const tags = ['stations'];

/** 党群服务站: stations, their staff and volunteers, their stock of lending items. */
export const stationRoutes =
  (ctx: StationDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/stations',
      {
        schema: {
          tags,
          summary: '服务站点 Party-and-people service centres and grid stations in my scope',
          querystring: StationQuery,
          response: { 200: Paged(StationItem) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'stations.read');
        const path = narrowScope(stationViewer(actor), req.query.within, pathOf);
        const { items, total } = await repo.listStations(ctx.db, scopeOf(actor, path), req.query);
        return { items: items.map(toStation), total };
      },
    );

    app.get(
      '/stations/:id',
      {
        schema: {
          tags,
          summary: '站点详情 A station with its staff, volunteers and stock',
          params: StationParams,
          response: { 200: StationDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'stations.read');
        const s = await repo.findStation(ctx.db, scopeOf(actor), req.params.id);
        if (!s) throw new AppError('NOT_FOUND');
        const [people, stock] = await Promise.all([
          repo.people(ctx.db, actor.countyCode, req.params.id),
          repo.stock(ctx.db, actor.countyCode, req.params.id),
        ]);
        return {
          ...toStation(s),
          people: people.map((p) => ({ ...p, id: Number(p.id), role: p.role as 'staff' | 'volunteer' })),
          stock: stock.map((k) => ({ itemKind: k.item_kind as ItemKind, total: k.total, onHand: k.on_hand })),
        };
      },
    );

    app.post(
      '/stations',
      {
        schema: {
          tags,
          summary: '新增站点 Add a service centre or station (audited)',
          body: StationBody,
          response: { 201: Made },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'stations.manage');
        const id = await createStation(ctx.db, actor, req.body, { requestId: req.id });
        return reply.code(201).send({ id });
      },
    );

    app.patch(
      '/stations/:id',
      {
        schema: {
          tags,
          summary: '修改站点 Edit a station’s name, place, hours, services, lending or opening (audited)',
          params: StationParams,
          body: StationPatch,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'stations.manage');
        await patchStation(ctx.db, actor, req.params.id, req.body, { requestId: req.id });
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/stations/:id/people',
      {
        schema: {
          tags,
          summary: '添加工作人员或志愿者 Add a member of staff or a volunteer (audited)',
          params: StationParams,
          body: PersonBody,
          response: { 201: Made },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'stations.manage');
        const id = await addPerson(ctx.db, actor, req.params.id, req.body, { requestId: req.id });
        return reply.code(201).send({ id });
      },
    );

    app.post(
      '/stations/:id/people/:personId/remove',
      {
        schema: {
          tags,
          summary: '移除工作人员或志愿者 Take a member of staff or volunteer off the station (audited)',
          params: z.object({ id: Id, personId: Id }),
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'stations.manage');
        await removePerson(ctx.db, actor, req.params.id, req.params.personId, { requestId: req.id });
        return reply.code(204).send(null);
      },
    );

    app.put(
      '/stations/:id/stock',
      {
        schema: {
          tags,
          summary: '设置借用物品数量 Set how many items of a kind the station keeps (audited)',
          params: StationParams,
          body: StockBody,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'stations.manage');
        await setStock(ctx.db, actor, req.params.id, req.body, { requestId: req.id });
        return reply.code(204).send(null);
      },
    );
  };
