import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { actorOf, narrowScope } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import { authorize } from './abilities.js';
import type { DisputeDeps } from './context.js';
import {
  Created,
  Mediator,
  MediatorBody,
  Place,
  PlaceBody,
  RecordSheet,
  RegistryQuery,
  RewardBody,
  RewardList,
  SessionBody,
  TeamMemberChoice,
} from './mediation-schemas.js';
import { addMediator, addPlace, listMediators, listPlaces } from './registry.js';
import { awardReward, rewardLedger } from './rewards.js';
import { IdParams } from './schemas.js';
import { recordSession, recordSheet } from './sessions.js';
import { disputeTeamMembers } from './team-mediators.js';

const tags = ['mediation'];

export const mediationRoutes =
  (ctx: DisputeDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/mediation/places',
      {
        schema: {
          tags,
          summary:
            '调解场所 评理说事点, mediation rooms, township and county centres of my scope (and above it)',
          querystring: RegistryQuery,
          response: { 200: z.object({ items: z.array(Place) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'mediation.read');
        const rows = await listPlaces(ctx.db, actor, narrowScope(actor, req.query.within, pathOf));
        return {
          items: rows.map((p) => ({
            id: p.id,
            kind: p.kind as 'room',
            name: p.name,
            regionCode: p.region_code,
            regionName: p.region_name,
            address: p.address,
            mediatorId: p.mediator_id,
            mediatorName: p.mediator_name,
            video: p.video,
            sessions: p.sessions,
          })),
        };
      },
    );

    app.post(
      '/mediation/places',
      {
        schema: {
          tags,
          summary: '新增调解场所 Add a mediation place',
          body: PlaceBody,
          response: { 201: Created },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'mediation.manage');
        return reply.code(201).send(await addPlace(ctx.db, ctx.now(), actor, req.body, req.id));
      },
    );

    app.get(
      '/mediation/mediators',
      {
        schema: {
          tags,
          summary: '调解员 Mediators of my scope (and above it), 5+5+N team members included',
          querystring: RegistryQuery,
          response: { 200: z.object({ items: z.array(Mediator) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'mediation.read');
        const rows = await listMediators(ctx.db, actor, narrowScope(actor, req.query.within, pathOf));
        return {
          items: rows.map((m) => ({
            id: m.id,
            name: m.name,
            source: m.source as 'staff',
            regionCode: m.region_code,
            regionName: m.region_name,
            teamMemberId: m.team_member_id,
            title: m.title,
            settled: m.settled,
          })),
        };
      },
    );

    app.get(
      '/disputes/:id/team-members',
      {
        schema: {
          tags,
          summary:
            '可邀调解的五加五加N成员 The mediating 5+5+N team members of the dispute’s village (session participants)',
          params: IdParams,
          response: {
            200: z.object({ villageCode: z.string(), items: z.array(TeamMemberChoice) }),
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'mediation.read');
        return disputeTeamMembers(ctx.db, actor, req.params.id);
      },
    );

    app.post(
      '/mediation/mediators',
      {
        schema: {
          tags,
          summary: '新增调解员 Add a mediator',
          body: MediatorBody,
          response: { 201: Created },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'mediation.manage');
        return reply.code(201).send(await addMediator(ctx.db, ctx.now(), actor, req.body, req.id));
      },
    );

    app.post(
      '/disputes/:id/sessions',
      {
        schema: {
          tags,
          summary:
            '调解笔录 Record a mediation session (record sheet, signed paper as a photo, remote or not)',
          params: IdParams,
          body: SessionBody,
          response: { 201: Created, 200: Created.describe('already recorded with this clientRequestId') },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'mediation.record');
        const { replayed, id } = await recordSession(
          ctx.db,
          ctx.now(),
          actor,
          req.params.id,
          req.body,
          req.id,
        );
        return reply.code(replayed ? 200 : 201).send({ id });
      },
    );

    app.get(
      '/mediation/sessions/:id',
      {
        schema: {
          tags,
          summary: '评理记录表 The record sheet of a session (printable on A4)',
          params: IdParams,
          response: { 200: RecordSheet },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'mediation.read');
        const sheet = await recordSheet(ctx.db, actor, req.params.id);
        if (!sheet) throw new AppError('NOT_FOUND');
        return sheet;
      },
    );

    app.get(
      '/mediation/rewards',
      {
        schema: {
          tags,
          summary:
            '以奖代补台账 The township fund’s rewards per mediator or place, with the dispute each rewards',
          querystring: RegistryQuery,
          response: { 200: RewardList },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'mediation.read');
        return rewardLedger(ctx.db, actor, narrowScope(actor, req.query.within, pathOf));
      },
    );

    app.post(
      '/mediation/rewards',
      {
        schema: {
          tags,
          summary: '发放调解奖励 Award the township fund’s reward for a settled dispute',
          body: RewardBody,
          response: { 201: Created },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'mediation.reward');
        return reply.code(201).send(await awardReward(ctx.db, ctx.now(), actor, req.body, req.id));
      },
    );
  };
