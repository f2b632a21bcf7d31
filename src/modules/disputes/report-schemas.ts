import { z } from 'zod';
import { DISPUTE_STATES, TIERS } from './states.js';
import { Day } from './schemas.js';

const Within = z
  .string()
  .regex(/^\d{6,15}$/)
  .optional()
  .describe('a region code inside your scope');

export const RhythmQuery = z.object({ within: Within, date: Day.optional().describe('default: today') });
export const Rhythm = z.object({
  date: z.string(),
  weekStart: z.string(),
  monthStart: z.string(),
  villages: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      townshipCode: z.string(),
      townshipName: z.string(),
      reported: z.boolean().describe('filed the day’s screening; false: flagged for the township'),
      found: z.number().int(),
      nothingFound: z.boolean(),
    }),
  ),
  townships: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      weekReported: z.boolean().describe('issued the week’s report; false: flagged for the county'),
      weekDispatched: z
        .boolean()
        .describe('held the week’s dispatch meeting (周调度); false: flagged for the county'),
      villagesMissing: z.number().int().describe('villages without the day’s screening'),
    }),
  ),
  counties: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      monthReported: z.boolean(),
      monthDispatched: z.boolean().describe('held the month’s dispatch meeting (月调度)'),
    }),
  ),
});

export const ReportQuery = z.object({
  within: Within,
  period: z
    .enum(['day', 'week', 'month'])
    .default('day')
    .describe('village daily, township weekly, county monthly'),
  date: Day.optional().describe('any date in the period; default: today'),
});
const Listed = z.object({
  count: z.number().int(),
  items: z.array(
    z.object({
      id: z.number().int(),
      number: z.string(),
      summary: z.string(),
      type: z.string(),
      riskLevel: z.string(),
      tier: z.enum(TIERS),
      state: z.enum(DISPUTE_STATES),
      gridName: z.string(),
    }),
  ),
});
export const ReportOut = z.object({
  regionCode: z.string(),
  period: z.enum(['day', 'week', 'month']),
  start: z.string(),
  end: z.string().describe('the day after the period'),
  found: Listed,
  settled: Listed,
  escalated: Listed,
  overdue: Listed,
  open: Listed.describe('open at the end of the period'),
  screeningsFiled: z.number().int(),
  nothingFound: z.number().int(),
  issuedAt: z.string().nullable().describe('when the township / county issued it (weekly, monthly)'),
});

export const IssueBody = z.object({
  period: z.enum(['week', 'month']).describe('township centre: week; county centre: month'),
  date: Day.optional().describe('any date in the period; default: today'),
});
const Counts = z.object({
  found: z.number().int(),
  settled: z.number().int(),
  escalated: z.number().int(),
  overdue: z.number().int(),
  open: z.number().int(),
  screeningsFiled: z.number().int(),
  nothingFound: z.number().int(),
});
export const Issued = z.object({
  id: z.number().int(),
  period: z.enum(['week', 'month']),
  start: z.string(),
  figures: Counts,
  issuedAt: z.string(),
});
