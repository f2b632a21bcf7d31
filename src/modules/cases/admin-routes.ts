import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id } from '../../platform/ids.js';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { actorOf } from '../accounts/index.js';
import type { CaseRouteDeps } from './context.js';
import { authorize } from './abilities.js';
import { recordAudit } from '../audit/index.js';
import { invalidateIntakeCache } from './intake-cache.js';

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
const RuleBody = Rule.omit({ id: true }).refine(
  (r) =>
    ({ village: 0, township: 1, county: 2 })[r.toTier] > { village: 0, township: 1, county: 2 }[r.fromTier],
  {
    message: 'toTier must be above fromTier',
    path: ['toTier'],
  },
);
const Day = z.object({
  date: z.iso.date(),
  kind: z.enum(['holiday', 'workday']),
  name: z.string().max(40).nullable(),
});
const Deadline = z.object({
  amount: z.number().positive().max(365),
  unit: z.enum(['sameday', 'workhour', 'workday', 'hour', 'day']),
});

type RuleRow = {
  id: number;
  category_code: string | null;
  urgency: string | null;
  from_tier: string;
  to_tier: string;
  cc: string[];
  note: string | null;
  active: boolean;
};
const toRule = (r: RuleRow): z.infer<typeof Rule> => ({
  id: r.id,
  categoryCode: r.category_code,
  urgency: r.urgency as z.infer<typeof Rule>['urgency'],
  fromTier: r.from_tier as z.infer<typeof Tier>,
  toTier: r.to_tier as z.infer<typeof Tier>,
  cc: r.cc,
  note: r.note,
  active: r.active,
});

/** Administrators change the three-tier linkage rules, the working calendar and category deadlines. */
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
        const rows = await ctx.db
          .selectFrom('escalation_rule')
          .selectAll()
          .where('county_code', '=', actor.countyCode)
          .orderBy('id')
          .execute();
        return { items: rows.map(toRule) };
      },
    );

    app.post(
      '/admin/escalation-rules',
      {
        schema: {
          tags: ['administration'],
          summary: '新增规则 Add an escalation rule',
          body: RuleBody,
          response: { 201: Rule },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'cases.configure');
        const b = req.body;
        const row = await ctx.db.transaction().execute(async (tx) => {
          const r = await tx
            .insertInto('escalation_rule')
            .values({
              county_code: actor.countyCode,
              category_code: b.categoryCode,
              urgency: b.urgency,
              from_tier: b.fromTier,
              to_tier: b.toTier,
              cc: b.cc,
              note: b.note,
              active: b.active,
            })
            .returningAll()
            .executeTakeFirstOrThrow()
            .catch((err: { code?: string }) => {
              if (err.code === '23503' || err.code === '23514')
                throw new AppError('VALIDATION_FAILED', {
                  detail: '类别或层级无效',
                  detailEn: 'unknown category or invalid tiers',
                });
              throw err;
            });
          await recordAudit(tx, {
            actor,
            countyCode: actor.countyCode,
            action: 'escalation_rule.create',
            entityType: 'escalation_rule',
            entityId: r.id,
            after: { ...b },
            requestId: req.id,
          });
          return r;
        });
        return reply.code(201).send(toRule(row));
      },
    );

    app.put(
      '/admin/escalation-rules/:id',
      {
        schema: {
          tags: ['administration'],
          summary: '修改规则 Change an escalation rule',
          params: z.object({ id: Id }),
          body: RuleBody,
          response: { 200: Rule },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'cases.configure');
        const b = req.body;
        return ctx.db.transaction().execute(async (tx) => {
          const before = await tx
            .selectFrom('escalation_rule')
            .selectAll()
            .where('county_code', '=', actor.countyCode)
            .where('id', '=', req.params.id)
            .forUpdate()
            .executeTakeFirst();
          if (!before) throw new AppError('NOT_FOUND');
          const r = await tx
            .updateTable('escalation_rule')
            .set({
              category_code: b.categoryCode,
              urgency: b.urgency,
              from_tier: b.fromTier,
              to_tier: b.toTier,
              cc: b.cc,
              note: b.note,
              active: b.active,
            })
            .where('county_code', '=', actor.countyCode)
            .where('id', '=', req.params.id)
            .returningAll()
            .executeTakeFirstOrThrow();
          await recordAudit(tx, {
            actor,
            countyCode: actor.countyCode,
            action: 'escalation_rule.update',
            entityType: 'escalation_rule',
            entityId: r.id,
            before: toRule(before),
            after: toRule(r),
            requestId: req.id,
          });
          return toRule(r);
        });
      },
    );

    app.get(
      '/admin/calendar/:year',
      {
        schema: {
          tags: ['administration'],
          summary: '工作日历 Holidays and make-up working days of a year',
          params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
          response: { 200: z.object({ items: z.array(Day) }) },
        },
      },
      async (req) => {
        authorize(actorOf(req), 'cases.configure');
        const rows = await ctx.db
          .selectFrom('calendar_day')
          .selectAll()
          .where('day', '>=', `${req.params.year}-01-01`)
          .where('day', '<=', `${req.params.year}-12-31`)
          .orderBy('day')
          .execute();
        return {
          items: rows.map((d) => ({ date: d.day, kind: d.kind as 'holiday' | 'workday', name: d.name })),
        };
      },
    );

    app.put(
      '/admin/calendar/:year',
      {
        schema: {
          tags: ['administration'],
          summary:
            '设置工作日历 Replace a year’s holidays and make-up days (as published by the State Council)',
          params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
          body: z.object({ days: z.array(Day).max(120) }),
          response: { 200: z.object({ items: z.array(Day) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'cases.configure');
        const { year } = req.params;
        const days = req.body.days;
        if (days.some((d) => !d.date.startsWith(`${year}-`)))
          throw new AppError('VALIDATION_FAILED', {
            detail: `日期须在 ${year} 年内`,
            detailEn: `every date must be in ${year}`,
          });
        if (new Set(days.map((d) => d.date)).size !== days.length)
          throw new AppError('VALIDATION_FAILED', { detail: '日期重复', detailEn: 'duplicate dates' });
        await ctx.db.transaction().execute(async (tx) => {
          await tx
            .deleteFrom('calendar_day')
            .where('day', '>=', `${year}-01-01`)
            .where('day', '<=', `${year}-12-31`)
            .execute();
          if (days.length)
            await tx
              .insertInto('calendar_day')
              .values(days.map((d) => ({ day: d.date, kind: d.kind, name: d.name })))
              .execute();
          await recordAudit(tx, {
            actor,
            countyCode: actor.countyCode,
            action: 'calendar.replace',
            entityType: 'calendar',
            entityId: year,
            after: { days: days.length },
            requestId: req.id,
          });
        });
        await ctx.reloadCalendar();
        return { items: days };
      },
    );

    app.put(
      '/admin/categories/:code/deadlines',
      {
        schema: {
          tags: ['administration'],
          summary: '办理时限 Set a category’s deadline per tier',
          params: z.object({ code: z.string().regex(/^[PEG]\d{4}$/) }),
          body: z.object({ village: Deadline, township: Deadline, county: Deadline }),
          response: {
            200: z.object({
              code: z.string(),
              deadlines: z.object({ village: Deadline, township: Deadline, county: Deadline }),
            }),
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'cases.configure');
        const changed = await ctx.db.transaction().execute(async (tx) => {
          const before = await tx
            .selectFrom('category')
            .select(['code', 'deadlines'])
            .where('code', '=', req.params.code)
            .forUpdate()
            .executeTakeFirst();
          if (!before) throw new AppError('NOT_FOUND');
          await tx
            .updateTable('category')
            .set({ deadlines: JSON.stringify(req.body), updated_at: new Date() })
            .where('code', '=', req.params.code)
            .execute();
          await recordAudit(tx, {
            actor,
            countyCode: actor.countyCode,
            action: 'category.deadlines',
            entityType: 'category',
            entityId: req.params.code,
            before: { deadlines: before.deadlines },
            after: { deadlines: req.body },
            requestId: req.id,
          });
          return { code: req.params.code, deadlines: req.body };
        });
        invalidateIntakeCache();
        return changed;
      },
    );
  };
