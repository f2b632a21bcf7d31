import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { IdParams } from '../../platform/ids.js';
import { sendXlsx, XLSX } from '../../platform/lists/index.js';
import { actorOf } from '../accounts/index.js';
import { authorize } from './abilities.js';
import type { MeetingDeps } from './context.js';
import { exportMeetings } from './export.js';
import { majorMatterRoutes } from './matter-routes.js';
import * as repo from './repository.js';
import {
  Candidates,
  CandidateQuery,
  ConveneBody,
  Counts,
  CountsQuery,
  ExportQuery,
  ListQuery,
  Made,
  MeetingDetail,
  MeetingItem,
  RecordBody,
  ResolutionBody,
  ResolutionMade,
  UpdateBody,
} from './schemas.js';
import { candidates } from './participant-repository.js';
import { inviteePath } from './participants.js';
import { placeOf, scopeOf } from './scope.js';
import { addResolution, conveneMeeting, recordMeeting, updateResolution } from './service.js';
import { meetingDetail, toMeetingItem } from './view.js';

const TAGS = ['meetings'];

export const meetingRoutes =
  (ctx: MeetingDeps): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(majorMatterRoutes(ctx));

    app.get(
      '/meetings',
      {
        schema: {
          tags: TAGS,
          summary:
            '议事厅 Meetings in my scope: searched by words, sorted by a column (newest first by default), the exact total',
          querystring: ListQuery,
          response: { 200: z.object({ items: z.array(MeetingItem), total: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'meetings.read');
        const { items, total } = await repo.listMeetings(ctx.db, scopeOf(actor, req.query.within), req.query);
        return { items: items.map(toMeetingItem), total };
      },
    );

    app.get(
      '/meetings/export.xlsx',
      {
        schema: {
          tags: TAGS,
          summary: '导出议事 The filtered meeting list as .xlsx, streamed (free text masked; audited)',
          querystring: ExportQuery,
          produces: [XLSX],
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'meetings.export');
        const scope = scopeOf(actor, req.query.within);
        const { stream } = await exportMeetings(
          ctx.db,
          actor,
          scope,
          req.query,
          req.query,
          req.id,
          await ctx.readDb(req), // the rows from the replica when it may serve; count and audit on the primary
        );
        return sendXlsx(reply, 'meetings', stream);
      },
    );

    app.get(
      '/meetings/counts',
      {
        schema: {
          tags: TAGS,
          summary: '议事成效 Meetings held, matters settled, resolutions done and open in my scope',
          querystring: CountsQuery,
          response: { 200: Counts },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'meetings.read');
        const q = req.query;
        const c = await repo.countsIn(ctx.db, scopeOf(actor, q.within), q.from ?? null, q.to ?? null);
        return {
          meetings: c.meetings,
          held: c.held,
          matters: c.matters,
          settled: c.settled,
          resolutionsDone: c.done,
          resolutionsOpen: c.open,
        };
      },
    );

    app.get(
      '/meetings/candidates',
      {
        schema: {
          tags: TAGS,
          summary:
            '邀请对象 Find residents, party members, enterprises, stations, 5+5+N members or cadres to invite (the meeting’s village, within my scope)',
          querystring: CandidateQuery,
          response: { 200: Candidates },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'meetings.convene');
        const q = req.query;
        const place = await placeOf(ctx.db, actor, q.regionCode);
        // the meeting's village, as POST /meetings accepts — but never more than the caller's scope
        const path = inviteePath(actor, place.path);
        return { items: await candidates(ctx.db, actor.countyCode, path, q.type, q.q, q.limit) };
      },
    );

    app.post(
      '/meetings',
      {
        schema: {
          tags: TAGS,
          summary: '召集议事 Convene a meeting with its agenda, participants and the matters it takes up',
          body: ConveneBody,
          response: { 201: Made, 200: Made.describe('already made with this clientRequestId') },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'meetings.convene');
        const made = await conveneMeeting(ctx, actor, req.body, req.id);
        return reply.code(made.replayed ? 200 : 201).send(made);
      },
    );

    app.get(
      '/meetings/:id',
      {
        schema: {
          tags: TAGS,
          summary: '议事详情 Agenda, attendance, minutes, matters, resolutions and their follow-through',
          params: IdParams,
          response: { 200: MeetingDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'meetings.read');
        const m = await repo.findMeeting(ctx.db, scopeOf(actor), req.params.id);
        if (!m) throw new AppError('NOT_FOUND');
        return meetingDetail(ctx.db, m);
      },
    );

    app.post(
      '/meetings/:id/record',
      {
        schema: {
          tags: TAGS,
          summary: '登记出席和记录 Record who came and the minutes; the meeting is held',
          params: IdParams,
          body: RecordBody,
          response: { 200: Made },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'meetings.convene');
        return recordMeeting(ctx, actor, req.params.id, req.body, req.id);
      },
    );

    app.post(
      '/meetings/:id/resolutions',
      {
        schema: {
          tags: TAGS,
          summary: '形成决议 A resolution of a held meeting, with the person responsible',
          params: IdParams,
          body: ResolutionBody,
          response: { 201: ResolutionMade },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'meetings.convene');
        return reply.code(201).send(await addResolution(ctx, actor, req.params.id, req.body, req.id));
      },
    );

    app.post(
      '/meeting-resolutions/:id/updates',
      {
        schema: {
          tags: TAGS,
          summary: '决议落实 A dated follow-through update: status and progress',
          params: IdParams,
          body: UpdateBody,
          response: { 200: ResolutionMade },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'meetings.convene');
        return updateResolution(ctx, actor, req.params.id, req.body, req.id);
      },
    );
  };
