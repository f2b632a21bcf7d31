import { z } from 'zod';
import { PERIODS } from './periods.js';

const Code = z
  .string()
  .regex(/^[a-z_]+\.[a-z0-9_]+$/)
  .max(60);

export const Region = z
  .string()
  .regex(/^\d{6}(\d{3}(\d{3}(\d{3})?)?)?$/)
  .optional()
  .describe('a county, township, village or grid code inside your scope; default your scope');

export const PeriodQuery = z.object({
  region: Region,
  period: z.enum(PERIODS).default('month'),
  at: z
    .string()
    .regex(/^\d{4}(-(\d{2}(-\d{2})?|Q[1-4]))?$/)
    .optional()
    .describe('2026-11-05 (day, week), 2026-11 (month), 2026-Q4 (quarter), 2026 (year); default now'),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .describe('custom period: first day'),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .describe('custom period: last day (inclusive)'),
});

const Codes = z
  .string()
  .max(2000)
  .transform((s) => [...new Set(s.split(',').filter(Boolean))])
  .pipe(z.array(Code).min(1).max(60))
  .describe('comma-separated indicator codes');

export const ValuesQuery = PeriodQuery.extend({ codes: Codes });
export const SeriesQuery = PeriodQuery.extend({
  codes: Codes,
  points: z.coerce.number().int().min(2).max(60).default(12),
});
export const DIMS = ['region', 'category', 'source', 'department'] as const;
export const BreakdownQuery = PeriodQuery.extend({ code: Code, by: z.enum(DIMS).default('region') });
export const RecordsQuery = PeriodQuery.extend({
  code: Code,
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const DashboardQuery = PeriodQuery;

const Info = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  formulaZh: z.string(),
  formulaEn: z.string(),
  unit: z.enum(['count', 'percent', 'hours', 'ratio']),
  direction: z.enum(['higher_better', 'lower_better', 'neutral']),
  group: z.string(),
  snapshot: z.boolean().describe('a state now (no 环比/同比)'),
});
export const CatalogueResponse = z.object({ items: z.array(Info) });

const Win = z.object({ from: z.string(), to: z.string().describe('exclusive') });
const NodeOut = z.object({ code: z.string(), name: z.string(), level: z.string() });
const Value = z.number().nullable();

export const ValueItem = z.object({
  code: z.string(),
  value: Value,
  previous: Value,
  yearBefore: Value,
  changePrevious: Value.describe('环比 %'),
  changeYear: Value.describe('同比 %'),
});
export const ValuesResponse = z.object({
  region: NodeOut,
  window: Win,
  previous: Win,
  yearBefore: Win,
  items: z.array(ValueItem),
});
export const SeriesResponse = z.object({
  region: NodeOut,
  points: z.array(Win.extend({ values: z.record(z.string(), Value) })),
});
export const BreakdownItem = z.object({ key: z.string(), name: z.string(), value: Value });
export const BreakdownResponse = z.object({
  region: NodeOut,
  window: Win,
  code: z.string(),
  by: z.enum(DIMS),
  items: z.array(BreakdownItem),
});
export const RecordsResponse = z.object({
  region: NodeOut,
  window: Win,
  code: z.string(),
  total: z.number().int(),
  items: z.array(
    z.object({ kind: z.string(), id: z.number().int(), label: z.string(), at: z.string().nullable() }),
  ),
});
export const DashboardResponse = z.object({
  region: NodeOut,
  window: Win,
  values: z.array(ValueItem),
  today: z.object({ reported: z.number(), closed: z.number() }),
  trend: z.array(Win.extend({ values: z.record(z.string(), Value) })),
  byRegion: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      reported: Value,
      closureRate: Value,
      onTimeClosureRate: Value,
      overdueNow: Value,
    }),
  ),
  byCategory: z.array(BreakdownItem),
  byDepartment: z.array(BreakdownItem),
  satisfaction: z.object({ satisfied: z.number(), basic: z.number(), dissatisfied: z.number() }),
});
