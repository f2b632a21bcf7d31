import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '../../platform/ids.js';
import { actorOf } from '../accounts/index.js';
import { authorize } from './abilities.js';
import type { CaseRouteDeps } from './context.js';
import * as settings from './settings.js';

const Tier = z.enum(['village', 'township', 'county']);
const Rule = z.object({
  id: z.number().int(),
  categoryCode: z.string().nullable(),
  urgency: z.enum(['normal', 'urgent', 'emergency']).nullable(),
  fromTier: Tier,
  toTier: Tier,
  cc: z.array(z.string()),
  note: z.string().nullable(),
  active: z.boolean(),
});
const TIER_RANK = { village: 0, township: 1, county: 2 } as const;
const RuleBody = Rule.omit({ id: true }).refine((r) => TIER_RANK[r.toTier] > TIER_RANK[r.fromTier], {
  message: 'toTier must be above fromTier',
  path: ['toTier'],
});
const Day = z.object({
  date: z.iso.date(),
  kind: z.enum(['holiday', 'workday']),
  name: z.string().max(40).nullable(),
});
const EffectiveDay = Day.extend({
  /** national: the State Council's calendar; county: this county's own entry */
  source: z.enum(['national', 'county']),
});
const Deadline = z.object({
  amount: z.number().positive().max(365),
  unit: z.enum(['sameday', 'workhour', 'workday', 'hour', 'day']),
});
const Deadlines = z.object({ village: Deadline, township: Deadline, county: Deadline });
const Year = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

/**
 * Administrators change their own county's three-tier linkage rules, working calendar
 * and category deadlines (other counties keep theirs; see settings.ts).
 */
export const caseAdminRoutes =
  (ctx: CaseRouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/admin/escalation-rules',
      {
        schema: {
          tags: ['administration'],
          summary: '三级联动规则 Escalation rules of my county',
          response: { 200: z.object({ items: z.array(Rule) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'cases.configure');
        return { items: await settings.listEscalationRules(ctx.db, actor) };
      },
    );

    app.post(
      '/admin/escalation-rules',
      {
        schema: {
          tags: ['administration'],
          summary: '新增规则 Add an escalation rule to my county',
          body: RuleBody,
          response: { 201: Rule },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'cases.configure');
        return reply.code(201).send(await settings.createEscalationRule(ctx.db, actor, req.body, req.id));
      },
    );

    app.put(
      '/admin/escalation-rules/:id',
      {
        schema: {
          tags: ['administration'],
          summary: '修改规则 Change an escalation rule of my county',
          params: z.object({ id: Id }),
          body: RuleBody,
          response: { 200: Rule },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'cases.configure');
        return settings.updateEscalationRule(ctx.db, actor, req.params.id, req.body, req.id);
      },
    );

    app.get(
      '/admin/calendar/:year',
      {
        schema: {
          tags: ['administration'],
          summary: '工作日历 My county’s holidays and make-up working days of a year (national + own)',
          params: Year,
          response: { 200: z.object({ items: z.array(EffectiveDay) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'cases.configure');
        return { items: await settings.calendarOfYear(ctx.db, actor.countyCode, req.params.year) };
      },
    );

    app.put(
      '/admin/calendar/:year',
      {
        schema: {
          tags: ['administration'],
          summary:
            '设置工作日历 Replace my county’s holidays and make-up days of a year (kept as overrides of the national calendar)',
          params: Year,
          body: z.object({ days: z.array(Day).max(120) }),
          response: { 200: z.object({ items: z.array(EffectiveDay) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'cases.configure');
        const items = await settings.replaceCalendarYear(
          ctx.db,
          actor,
          req.params.year,
          req.body.days,
          req.id,
        );
        await ctx.reloadCalendar();
        return { items };
      },
    );

    app.put(
      '/admin/categories/:code/deadlines',
      {
        schema: {
          tags: ['administration'],
          summary: '办理时限 Set a category’s deadline per tier in my county',
          params: z.object({ code: z.string().regex(/^[PEG]\d{4}$/) }),
          body: Deadlines,
          response: { 200: z.object({ code: z.string(), deadlines: Deadlines }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'cases.configure');
        return settings.setCategoryDeadlines(ctx.db, actor, req.params.code, req.body, ctx.now(), req.id);
      },
    );
  };
