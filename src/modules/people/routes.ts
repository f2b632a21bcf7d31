import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id } from '../../platform/ids.js';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { actorOf, narrowScope, type Actor } from '../accounts/index.js';
import type { PeopleDeps } from './context.js';
import { checkRevealSearch } from '../audit/index.js';
import { authorize, can } from './abilities.js';
import { pathOf } from '../regions/index.js';
import * as repo from './repository.js';
import {
  HouseholdItem,
  HouseholdQuery,
  ResidentItem,
  ResidentQuery,
  RevealBody,
  RevealResponse,
} from './schemas.js';
import { revealResident, searchHouseholdsExactly, searchResidentsExactly } from './service.js';
import { householdFilter, listExportRoutes, residentFilter } from './list-routes.js';
import { noStore } from '../../platform/no-store.js';
import { archiveRoutes } from './archive-routes.js';
import { accessRoutes } from './access-routes.js';
import { unitFeedbackRoutes } from './unit-feedback-routes.js';
import { excelRoutes } from './excel-routes.js';
import { AsOfQuery } from './archive-schemas.js';
import { householdOnDay } from './as-of.js';

type HouseholdRow = Awaited<ReturnType<typeof repo.listHouseholds>>['items'][number];
type ResidentRow = Awaited<ReturnType<typeof repo.listResidents>>['items'][number];

const toHousehold = (h: HouseholdRow): z.infer<typeof HouseholdItem> => ({
  id: h.id,
  gridCode: h.grid_code,
  gridName: h.grid_name,
  address: h.address,
  memberCount: h.member_count,
  careTags: h.care_tags,
  lastVisitAt: h.last_visit_at?.toISOString() ?? null,
  unitId: h.unit_id === null ? null : Number(h.unit_id),
  version: h.version,
});

const toResident = (r: ResidentRow): z.infer<typeof ResidentItem> => ({
  id: r.id,
  householdId: r.household_id,
  gridCode: r.grid_code,
  name: r.name,
  gender: r.gender as 'male' | 'female',
  birthYear: Number(r.birth_date.slice(0, 4)),
  relation: r.relation,
  idNumber: r.id_number_masked,
  phone: r.phone_masked,
  careTags: r.care_tags,
  isPartyMember: r.is_party_member,
  status: r.status as z.infer<typeof ResidentItem>['status'],
  maritalStatus: r.marital_status,
  version: r.version,
});

const scopeOf = (actor: Actor, within?: string) => ({
  countyCode: actor.countyCode,
  path: narrowScope(actor, within, pathOf),
});
const IdParams = z.object({
  id: Id,
});

export const peopleRoutes =
  (ctx: PeopleDeps): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(archiveRoutes(ctx));
    await app.register(accessRoutes(ctx));
    await app.register(excelRoutes(ctx));
    await app.register(unitFeedbackRoutes(ctx));
    await app.register(listExportRoutes(ctx));

    app.get(
      '/households',
      {
        schema: {
          tags: ['people'],
          summary: '户籍档案 Households in my scope',
          querystring: HouseholdQuery,
          response: { 200: z.object({ items: z.array(HouseholdItem), total: z.number().int() }) },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'people.read');
        const q = req.query;
        const scope = scopeOf(actor, q.within);
        const f = { ...householdFilter(q), limit: q.limit, offset: q.offset };
        if (!q.phone) {
          // read-only work: the replica when it may serve (a phone search below is a reveal: primary)
          const { items, total } = await repo.listHouseholds(await ctx.readDb(req), scope, f);
          return { items: items.map(toHousehold), total };
        }
        // a member's phone answers "does this number live here?": a reveal, as the resident search
        checkRevealSearch(can(actor, 'people.reveal'), q.reason);
        noStore(reply);
        const { items, total } = await searchHouseholdsExactly(ctx.db, actor, scope, {
          ...f,
          reason: q.reason,
          phoneHash: ctx.pii.blindIndex('phone', q.phone),
          requestId: req.id,
        });
        return { items: items.map(toHousehold), total };
      },
    );

    app.get(
      '/households/:id',
      {
        schema: {
          tags: ['people'],
          summary: '户详情 A household and its members (masked); with asOf, as it stood on that day',
          params: IdParams,
          querystring: AsOfQuery,
          response: { 200: HouseholdItem.extend({ members: z.array(ResidentItem) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'people.read');
        const scope = scopeOf(actor);
        const h = await repo.findHousehold(ctx.db, scope, req.params.id);
        if (!h) throw new AppError('NOT_FOUND');
        if (req.query.asOf) return householdOnDay(ctx.db, scope, h, h.created_at, req.query.asOf);
        const members = await repo.listResidents(ctx.db, scope, { householdId: h.id, limit: 100, offset: 0 });
        return { ...toHousehold(h), members: members.items.map(toResident) };
      },
    );

    app.get(
      '/residents',
      {
        schema: {
          tags: ['people'],
          summary: '居民 Residents in my scope (masked)',
          querystring: ResidentQuery,
          response: {
            200: z.object({
              items: z.array(ResidentItem),
              total: z.number().int().describe('the exact number of residents of the filter'),
            }),
          },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'people.read');
        const q = req.query;
        const scope = scopeOf(actor, q.within);
        if (!q.idNumber && !q.phone) {
          // read-only work: the replica when it may serve (an exact search below is a reveal: primary)
          const { items, total } = await repo.listResidents(
            await ctx.readDb(req),
            scope,
            residentFilter(q, q),
          );
          return { items: items.map(toResident), total };
        }
        // an exact value answers "is this person here?": a reveal, with its right, reason, audit and limit
        checkRevealSearch(can(actor, 'people.reveal'), q.reason);
        noStore(reply);
        const { items, total } = await searchResidentsExactly(ctx.db, actor, scope, {
          ...residentFilter(q, q),
          reason: q.reason,
          idNumberHash: q.idNumber ? ctx.pii.blindIndex('idNumber', q.idNumber) : undefined,
          phoneHash: q.phone ? ctx.pii.blindIndex('phone', q.phone) : undefined,
          requestId: req.id,
        });
        return { items: items.map(toResident), total };
      },
    );

    app.get(
      '/residents/:id',
      {
        schema: {
          tags: ['people'],
          summary: '居民详情 One resident (masked)',
          params: IdParams,
          response: { 200: ResidentItem },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'people.read');
        const r = await repo.findResident(ctx.db, scopeOf(actor), req.params.id);
        if (!r) throw new AppError('NOT_FOUND');
        return toResident(r);
      },
    );

    app.post(
      '/residents/:id/reveal',
      {
        schema: {
          tags: ['people'],
          summary: '查看完整信息 Reveal a full ID number or phone (reason required, audited)',
          params: IdParams,
          body: RevealBody,
          response: { 200: RevealResponse },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'people.reveal');
        noStore(reply);
        return revealResident(ctx.db, ctx.pii, actor, req.params.id, req.body, req.id);
      },
    );
  };
