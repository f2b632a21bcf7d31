import { z } from 'zod';
import { Id } from '../../platform/ids.js';
import { Keyword, NumberSearch, PageQuery, sortParam } from '../../platform/lists/index.js';
import { LEDGER_SORT_KEYS } from './ledger-list.js';

export const Within = z
  .string()
  .regex(/^\d{6,15}$/)
  .optional()
  .describe('limit to this region (inside your scope); default your whole scope');
export const IdParams = z.object({
  id: Id,
});
export const Employment = z.enum(['fullTime', 'partTime']);
export const DUTIES = [
  'grid_worker',
  'central_household',
  'building_head',
  'unit_head',
  'party_member',
  'volunteer',
] as const;
export const Duty = z.enum(DUTIES);
export const RedemptionStatus = z.enum(['requested', 'handed_over', 'cancelled']);

export const Entry = z.object({
  id: z.number().int(),
  delta: z.number().int(),
  reason: z.string().describe("a rule code, 'redeem', 'refund' or 'adjust'"),
  reasonZh: z.string(),
  reasonEn: z.string(),
  note: z.string().nullable(),
  refType: z.string().nullable(),
  refId: z.string().nullable(),
  balanceAfter: z.number().int(),
  at: z.string(),
});

export const WorkerItem = z.object({
  id: z.number().int(),
  name: z.string(),
  gridCode: z.string(),
  gridName: z.string(),
  villageName: z.string(),
  employment: Employment,
  duty: Duty,
  earnsPoints: z.boolean().describe('part-time workers earn points; full-time workers are paid'),
  pointsBalance: z.number().int(),
  hasAccount: z.boolean(),
  active: z.boolean(),
});

export const RedemptionItem = z.object({
  id: z.number().int(),
  workerId: z.number().int(),
  workerName: z.string(),
  gridName: z.string(),
  goodsId: z.number().int(),
  goodsName: z.string(),
  unit: z.string(),
  stockedBy: z.string(),
  quantity: z.number().int(),
  points: z.number().int(),
  status: RedemptionStatus,
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
});

export const GoodsItem = z.object({
  id: z.number().int(),
  regionCode: z.string(),
  regionName: z.string(),
  name: z.string(),
  unit: z.string(),
  pointsCost: z.number().int(),
  stock: z.number().int(),
  active: z.boolean(),
  manageable: z.boolean().describe('the caller may change these goods (stocked inside their scope)'),
});

const GoodsName = z.string().trim().min(1).max(60);
const Unit = z.string().trim().min(1).max(10);
const Cost = z.number().int().min(1).max(100_000);
const Stock = z.number().int().min(0).max(1_000_000);

export const GoodsCreate = z.object({
  regionCode: z.string().regex(/^\d{9}$|^\d{12}$/, 'a township (9 digits) or village (12 digits) code'),
  name: GoodsName,
  unit: Unit.default('件'),
  pointsCost: Cost,
  stock: Stock,
  active: z.boolean().default(true),
});

export const GoodsPatch = z
  .object({ name: GoodsName, unit: Unit, pointsCost: Cost, stock: Stock, active: z.boolean() })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');

export const RedeemBody = z.object({
  goodsId: z.number().int().positive(),
  quantity: z.number().int().min(1).max(100).default(1),
  clientRequestId: z
    .uuid()
    .describe('one id per exchange: a retry answers the same exchange instead of making another'),
});

export const AdjustBody = z.object({
  delta: z
    .number()
    .int()
    .min(-10_000)
    .max(10_000)
    .refine((d) => d !== 0, 'delta must not be 0')
    .describe('points to add (positive) or take away (negative)'),
  reason: z.string().trim().min(2, '请写明理由 (a reason of at least 2 characters)').max(200),
});

export const Rule = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  points: z.number().int(),
  dailyCap: z.number().int().nullable(),
  active: z.boolean(),
});

export const RuleBody = z.object({
  points: z.number().int().min(1).max(1000),
  dailyCap: z.number().int().min(1).max(100_000).nullable(),
  active: z.boolean(),
});

const Day = z.iso.date().describe('a date, YYYY-MM-DD (Beijing)');

/** The points ledger of the scope (issue 11): filters, search and sort of GET /points/ledger. */
export const LedgerQuery = z.object({
  within: Within,
  workerId: Id.optional().describe('only this grid worker’s entries'),
  reason: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,39}$/)
    .optional()
    .describe("a rule code, 'redeem', 'refund' or 'adjust'"),
  direction: z.enum(['earned', 'spent']).optional().describe('points earned (+) or spent (−)'),
  from: Day.optional(),
  to: Day.optional(),
  number: NumberSearch.describe('the entry’s number (its id) or a part of it'),
  q: Keyword.describe('words in the worker’s name, the grid or village, or the note (not a phone number)'),
  sort: sortParam(LEDGER_SORT_KEYS),
  ...PageQuery,
});
/** The export takes the ledger's filters and order, without paging. */
export const LedgerExportQuery = LedgerQuery.omit({ limit: true, offset: true });

export const LedgerItem = Entry.extend({
  workerId: z.number().int(),
  workerName: z.string(),
  gridName: z.string(),
  villageName: z.string().nullable(),
});
