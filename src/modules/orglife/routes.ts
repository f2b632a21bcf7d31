import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { IdParams } from '../../platform/ids.js';
import { actorOf } from '../accounts/index.js';
import { orgInScope, orgRoster } from '../party/index.js';
import { authorize } from './abilities.js';
import type { OrgLifeDeps } from './context.js';
import * as repo from './repository.js';
import { beijingDate } from './rules.js';
import {
  Board,
  BoardQuery,
  MeetingDetail,
  MeetingItem,
  MeetingListQuery,
  MeetingMade,
  OrgLife,
  OrgQuery,
  RecordMeetingBody,
  Rhythm,
  RhythmBody,
} from './schemas.js';
import { boardEntries, recordMeeting, rhythmBoard, setRhythm } from './service.js';
import { scopeOf } from './scope.js';

const TAGS = ['orglife'];

type Row = Awaited<ReturnType<typeof repo.listMeetings>>['items'][number];
const toItem = (m: Row) => ({
  id: Number(m.id),
  orgId: Number(m.org_id),
  orgName: m.org_name,
  kind: m.kind as z.infer<typeof MeetingItem>['kind'],
  heldOn: m.held_on,
  topic: m.topic,
  present: m.present,
  membersTotal: m.members_total,
});

/** 三会一课 and 主题党日: meetings with attendance, the county's rhythm, the rhythm board. */
export const orgLifeRoutes =
  (ctx: OrgLifeDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/org-life/meetings',
      {
        schema: {
          tags: TAGS,
          summary: '三会一课 Meetings of organisational life in my scope, latest first',
          querystring: MeetingListQuery,
          response: { 200: z.object({ items: z.array(MeetingItem), total: z.number().int() }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'orglife.read');
        const { items, total } = await repo.listMeetings(ctx.db, scopeOf(actor, req.query.within), req.query);
        return { items: items.map(toItem), total };
      },
    );

    app.post(
      '/org-life/meetings',
      {
        schema: {
          tags: TAGS,
          summary:
            '记录组织生活 Record a meeting of a branch or party group with its attendance (members only)',
          body: RecordMeetingBody,
          response: {
            201: MeetingMade,
            200: MeetingMade.describe('already recorded with this clientRequestId'),
          },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'orglife.record');
        const made = await recordMeeting(ctx, actor, req.body, req.id);
        return reply.code(made.replayed ? 200 : 201).send(made);
      },
    );

    app.get(
      '/org-life/meetings/:id',
      {
        schema: {
          tags: TAGS,
          summary: '组织生活记录 A meeting with its minutes and attendance',
          params: IdParams,
          response: { 200: MeetingDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'orglife.read');
        const m = await repo.findMeeting(ctx.db, scopeOf(actor), req.params.id);
        if (!m) throw new AppError('NOT_FOUND');
        const att = await repo.attendanceOf(ctx.db, actor.countyCode, req.params.id);
        return {
          ...toItem(m),
          minutes: m.minutes,
          attendance: att.map((a) => ({
            memberId: Number(a.member_id),
            name: a.name,
            status: a.status as 'present' | 'absent' | 'excused',
          })),
        };
      },
    );

    app.get(
      '/org-life/org',
      {
        schema: {
          tags: TAGS,
          summary:
            '支部组织生活 One branch or party group: its members (for attendance) and its standing on each kind',
          querystring: OrgQuery,
          response: { 200: OrgLife },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'orglife.read');
        const org = await orgInScope(ctx.db, actor.countyCode, actor.scopePath, req.query.orgId);
        if (!org) throw new AppError('NOT_FOUND');
        const today = beijingDate(ctx.now());
        const [roster, entries] = await Promise.all([
          orgRoster(ctx.db, actor.countyCode, Number(org.id)),
          boardEntries(ctx.db, { countyCode: actor.countyCode, path: org.region_path }, today),
        ]);
        return {
          org: { id: Number(org.id), name: org.name, kind: org.kind },
          roster: roster.map((m) => ({ id: m.id, name: m.name })),
          rhythm: entries.filter((e) => e.orgId === Number(org.id)),
        };
      },
    );

    app.get(
      '/org-life/rhythm',
      {
        schema: {
          tags: TAGS,
          summary: '组织生活频次 The county’s required rhythm per kind',
          response: { 200: Rhythm },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'orglife.read');
        return { items: await repo.rhythmOf(ctx.db, actor.countyCode) };
      },
    );

    app.put(
      '/org-life/rhythm',
      {
        schema: {
          tags: TAGS,
          summary:
            '设置组织生活频次 Set the county’s rhythm per kind (county party organisers, admin; audited)',
          body: RhythmBody,
          response: { 200: Rhythm },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'orglife.configure');
        return setRhythm(ctx, actor, req.body.items, req.id);
      },
    );

    app.get(
      '/org-life/board',
      {
        schema: {
          tags: TAGS,
          summary:
            '三会一课落实情况 The rhythm board: per kind how many branches are on time, and who is behind since when',
          querystring: BoardQuery,
          response: { 200: Board },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'orglife.read');
        return rhythmBoard(ctx.db, scopeOf(actor, req.query.within), beijingDate(ctx.now()), req.query);
      },
    );
  };
