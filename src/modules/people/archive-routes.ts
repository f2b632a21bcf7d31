import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '../../platform/ids.js';
import { actorOf } from '../accounts/index.js';
import { authorize } from './abilities.js';
import {
  HistoryEntry,
  MoveHouseholdBody,
  NewHouseholdBody,
  NewResidentBody,
  ResidentEventBody,
  UpdateHouseholdBody,
  UpdateResidentBody,
} from './archive-schemas.js';
import type { PeopleDeps } from './context.js';
import { recordResidentEvent } from './events.js';
import { visibleHistory } from './history-read.js';
import { createHousehold, moveHousehold, updateHousehold } from './households.js';
import { createResident, updateResident } from './residents.js';
import { listDuplicates, mergeResident } from './merge.js';
import { Reason, BodyId } from './archive-schemas.js';

const IdParams = z.object({ id: Id });
const Created = z.object({ id: z.number().int() });
const Versioned = z.object({ id: z.number().int(), version: z.number().int() });

/** 一户一档: the grid keeps the archive — households and residents made, corrected, moved; their history. */
export const archiveRoutes =
  (ctx: PeopleDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const c = (reqId: string) => ({ db: ctx.db, pii: ctx.pii, now: ctx.now(), requestId: reqId });

    app.post(
      '/households',
      {
        schema: {
          tags: ['people'],
          summary: '新建户 A new household with its head (move-in or late entry), in my scope',
          body: NewHouseholdBody,
          response: { 201: Created },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'people.edit');
        reply.code(201);
        return createHousehold(c(req.id), actor, req.body);
      },
    );

    app.patch(
      '/households/:id',
      {
        schema: {
          tags: ['people'],
          summary: '修改户 Address, building/unit or hamlet, care tags of a household (kept in its history)',
          params: IdParams,
          body: UpdateHouseholdBody,
          response: { 200: Versioned },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'people.edit');
        return updateHousehold(c(req.id), actor, req.params.id, req.body);
      },
    );

    app.post(
      '/households/:id/move',
      {
        schema: {
          tags: ['people'],
          summary: '整户迁移 The household moves to another grid of the county, with its history',
          params: IdParams,
          body: MoveHouseholdBody,
          response: { 200: z.object({ id: z.number().int(), gridCode: z.string() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'people.edit');
        return moveHousehold(c(req.id), actor, req.params.id, req.body);
      },
    );

    app.post(
      '/residents',
      {
        schema: {
          tags: ['people'],
          summary:
            '登记居民 A birth, move-in or late entry into a household in my scope (one person, one record)',
          body: NewResidentBody,
          response: { 201: Created },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'people.edit');
        reply.code(201);
        return createResident(c(req.id), actor, req.body);
      },
    );

    app.patch(
      '/residents/:id',
      {
        schema: {
          tags: ['people'],
          summary:
            '更正居民信息 Correct a resident’s details (history names the fields, never the values of ID or phone)',
          params: IdParams,
          body: UpdateResidentBody,
          response: { 200: Versioned },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'people.edit');
        return updateResident(c(req.id), actor, req.params.id, req.body);
      },
    );

    app.post(
      '/residents/:id/events',
      {
        schema: {
          tags: ['people'],
          summary: '居民事项 Death, marriage, move out, care tag added or ended — with the date and reason',
          params: IdParams,
          body: ResidentEventBody,
          response: {
            200: z.object({
              id: z.number().int(),
              householdId: z.number().int(),
              gridCode: z.string(),
              status: z.string(),
            }),
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'people.edit');
        return recordResidentEvent(c(req.id), actor, req.params.id, req.body);
      },
    );

    const histories = [
      [
        'household',
        '/households/:id/history',
        '户档案变更记录 What changed in a household and its members: who, when, what',
      ],
      [
        'resident',
        '/residents/:id/history',
        '居民档案变更记录 A resident’s history (with the records merged into it)',
      ],
    ] as const;
    for (const [subject, url, summary] of histories)
      app.get(
        url,
        {
          schema: {
            tags: ['people'],
            summary,
            params: IdParams,
            response: { 200: z.object({ items: z.array(HistoryEntry) }) },
          },
        },
        async (req) => {
          const actor = actorOf(req);
          authorize(actor, 'people.read');
          return visibleHistory(ctx.db, actor, subject, req.params.id);
        },
      );

    app.get(
      '/residents/duplicates',
      {
        schema: {
          tags: ['people'],
          summary: '重复档案 Records of one person (same ID number) entered more than once before the rule',
          response: {
            200: z.object({
              groups: z.array(
                z.object({
                  idNumber: z.string(),
                  records: z.array(
                    z.object({
                      id: z.number().int(),
                      name: z.string(),
                      gender: z.string(),
                      birthYear: z.number().int(),
                      householdId: z.number().int(),
                      address: z.string(),
                      gridCode: z.string(),
                      createdAt: z.string(),
                    }),
                  ),
                }),
              ),
            }),
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'people.merge');
        return { groups: await listDuplicates(ctx.db, actor) };
      },
    );

    app.post(
      '/residents/:id/merge',
      {
        schema: {
          tags: ['people'],
          summary:
            '合并重复档案 Fold this duplicate into the record that stays (both histories kept; audited)',
          params: IdParams,
          body: z.strictObject({ intoId: BodyId, reason: Reason }),
          response: { 200: z.object({ id: z.number().int(), merged: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'people.merge');
        return mergeResident(
          ctx.db,
          actor,
          req.params.id,
          req.body.intoId,
          req.body.reason,
          ctx.now(),
          req.id,
        );
      },
    );
  };
