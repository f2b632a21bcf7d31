import { z } from 'zod';
import { Day } from './schemas.js';

const text = (min: number, max: number) => z.string().trim().min(min).max(max);

/** 周调度 / 月调度: the meeting held, who chaired and attended, the disputes dispatched and what was decided. */
export const DispatchBody = z.object({
  period: z.enum(['week', 'month']).describe('township centre: week; county centre: month'),
  heldOn: Day.describe('the day of the meeting (not in the future); its week or month is the period'),
  chair: text(1, 60).describe('who chaired (e.g. 分管副书记 王某)'),
  attendees: text(1, 1000).describe('who attended: offices, departments, mediators, team members'),
  notes: text(0, 2000).optional(),
  items: z
    .array(
      z.object({
        disputeId: z.number().int().positive().describe('a dispute in your scope'),
        assignee: text(0, 100).optional().describe('who is to handle it: an office, a department, a person'),
        decision: text(1, 500).describe('what the meeting decided'),
        dueOn: Day.optional(),
      }),
    )
    .max(100)
    .refine((xs) => new Set(xs.map((x) => x.disputeId)).size === xs.length, 'a dispute listed twice')
    .default([])
    .describe('the disputes dispatched'),
});

export const DispatchQuery = z.object({
  within: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional()
    .describe('a region code inside your scope'),
  period: z.enum(['week', 'month']).optional(),
  date: Day.optional().describe('the meetings of the period containing this date (with period)'),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const DispatchOut = z.object({
  id: z.number().int(),
  regionCode: z.string(),
  regionName: z.string(),
  period: z.enum(['week', 'month']),
  start: z.string(),
  heldOn: z.string(),
  chair: z.string(),
  attendees: z.string(),
  notes: z.string(),
  recordedAt: z.string(),
  reportIssuedAt: z
    .string()
    .nullable()
    .describe('the weekly / monthly report of the same period, when issued'),
  items: z.array(
    z.object({
      disputeId: z.number().int(),
      number: z.string(),
      summary: z.string(),
      state: z.string(),
      tier: z.string(),
      assignee: z.string(),
      decision: z.string(),
      dueOn: z.string().nullable(),
    }),
  ),
});
export const DispatchList = z.object({ items: z.array(DispatchOut) });
export const DispatchMade = z.object({
  id: z.number().int(),
  period: z.enum(['week', 'month']),
  start: z.string(),
});
