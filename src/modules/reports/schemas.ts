import { z } from 'zod';
import { PageQuery, Paged, sortParam } from '../../platform/lists/index.js';
import { REPORT_SORT_KEYS } from './repository.js';
import { KINDS } from './spec.js';

export const Kind = z.enum(KINDS);

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
export const ReportListQuery = z.object({
  kind: Kind.optional(),
  region: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional()
    .describe('only reports of this region and the regions under it (in your scope)'),
  from: Day.optional().describe('only reports whose period ends after this day (YYYY-MM-DD)'),
  to: Day.optional().describe('only reports whose period starts on or before this day (YYYY-MM-DD)'),
  sort: sortParam(REPORT_SORT_KEYS),
  ...PageQuery,
});

export const ReportSummary = z.object({
  id: z.number().int(),
  kind: Kind,
  regionCode: z.string(),
  regionName: z.string(),
  periodFrom: z.string().describe('first day, YYYY-MM-DD (Beijing)'),
  periodTo: z.string().describe('the day after the last, YYYY-MM-DD'),
  scheduled: z.boolean().describe('made by the schedule (else on demand, by generatedBy)'),
  generatedAt: z.string(),
  generatedBy: z.string().nullable(),
});
export const ReportPage = Paged(ReportSummary);

const Value = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  value: z.number().nullable(),
  previous: z.number().nullable(),
  yearBefore: z.number().nullable(),
  changePrevious: z.number().nullable().describe('环比, %'),
  changeYear: z.number().nullable().describe('同比, %'),
});
const Listed = z.object({
  total: z.number().int(),
  items: z.array(
    z.object({
      id: z.number().int(),
      number: z.string(),
      at: z.string().nullable(),
      category: z.string().optional(),
      grid: z.string().optional(),
      state: z.string().optional(),
    }),
  ),
});
export const ReportOut = ReportSummary.extend({
  trail: z
    .array(z.string())
    .describe('the names from the county down to the report’s region (the print header)'),
  values: z.array(Value),
  byRegion: z.array(
    z.object({ code: z.string(), name: z.string(), values: z.record(z.string(), z.number().nullable()) }),
  ),
  lists: z.record(z.string(), Listed).describe('the cases behind a figure, by indicator code (first 500)'),
});

export const GenerateBody = z.object({
  kind: Kind,
  region: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional()
    .describe('a village (daily), township (weekly) or county (monthly) in your scope; default your own'),
  at: z
    .string()
    .regex(/^\d{4}-\d{2}(-\d{2})?$/)
    .optional()
    .describe('a day of the period (YYYY-MM-DD; a month YYYY-MM for monthly); default the current one'),
});
