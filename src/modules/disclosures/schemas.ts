import { z } from 'zod';
import { Keyword, sortParam } from '../../platform/lists/index.js';
import { DISCLOSURE_SORT_KEYS } from './list-repository.js';
import { hasAtMostTwoDecimals, KINDS, MAX_AMOUNT, MAX_LINES } from './rules.js';

export const Kind = z.enum(KINDS).describe('party 党务 / village 村务 / finance 财务');
export const Status = z.enum(['draft', 'published', 'withdrawn']);
/** '2026-10' a month, '2026-Q3' a quarter, '2026' a year (the same shape the table checks). */
export const Period = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, 'YYYY-MM, YYYY-Qn or YYYY');

const Amount = z
  .number()
  .min(0)
  .max(MAX_AMOUNT)
  .refine(hasAtMostTwoDecimals, 'at most 2 decimals (fen)')
  .describe('yuan, non-negative, at most 2 decimals');

export const FinanceLine = z.object({
  item: z.string().trim().min(1).max(40),
  income: Amount,
  expense: Amount,
});

export const Totals = z.object({ income: z.number(), expense: z.number(), balance: z.number() });

const Content = {
  kind: Kind,
  period: Period.nullable().default(null).describe('null only for a major matter'),
  major: z.boolean().default(false).describe('a major matter, published at once (§30)'),
  title: z.string().trim().min(2).max(80),
  body: z.string().trim().max(20000).default(''),
  financeLines: z.array(FinanceLine).max(MAX_LINES).default([]),
};

export const DraftBody = z.object(Content);
/** A draft's edit replaces its whole content; `version` is the one the editor saw. */
export const EditBody = z.object({ ...Content, version: z.number().int().positive() });
export const PublishBody = z.object({ version: z.number().int().positive().optional() });
export const WithdrawBody = z.object({
  reason: z.string().trim().min(4).max(200),
  version: z.number().int().positive().optional(),
});
export const QuestionBody = z.object({
  question: z.string().trim().min(2).max(500),
  clientRequestId: z.uuid().optional().describe('a retry with the same id answers the same question'),
});
export const AnswerBody = z.object({ answer: z.string().trim().min(2).max(2000) });

/** A region code of a whole level: county (6), township (9), village (12) or grid (15). */
export const Within = z
  .string()
  .regex(/^(\d{6}|\d{9}|\d{12}|\d{15})$/)
  .optional()
  .describe('a region inside your scope');

export const ListQuery = z.object({
  kind: Kind.optional(),
  within: Within,
  period: z
    .string()
    .regex(/^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$/)
    .optional()
    .describe('a year matches all its months and quarters'),
  status: Status.optional().describe('village staff and monitors only; villagers always see published ones'),
  q: Keyword.describe("words in the title or the village's name (not a phone or ID number)"),
  sort: sortParam(DISCLOSURE_SORT_KEYS),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
/** The disclosure list's export: its filters and order, without paging. */
export const ListExportQuery = ListQuery.omit({ limit: true, offset: true });

export const DisclosureItem = z.object({
  id: z.number().int(),
  villageCode: z.string(),
  villageName: z.string(),
  kind: Kind,
  period: z.string().nullable(),
  major: z.boolean(),
  title: z.string(),
  status: Status,
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
  readCount: z.number().int(),
  questionCount: z.number().int(),
  unansweredCount: z.number().int(),
  readByMe: z.boolean(),
});

export const Question = z.object({
  id: z.number().int(),
  askerName: z.string().describe('masked: the family name only'),
  mine: z.boolean(),
  question: z.string(),
  askedAt: z.string(),
  answer: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
});

export const HistoryStep = z.object({
  action: z.enum(['created', 'edited', 'published', 'withdrawn']),
  actorName: z.string(),
  at: z.string(),
  note: z.string().nullable(),
});

export const DisclosureDetail = DisclosureItem.extend({
  body: z.string(),
  financeLines: z.array(FinanceLine),
  totals: Totals.nullable(),
  withdrawReason: z.string().nullable(),
  questions: z.array(Question),
  history: z.array(HistoryStep),
  actions: z
    .array(z.enum(['edit', 'publish', 'withdraw', 'ask', 'answer']))
    .describe('what the caller may do now'),
});

export const Saved = z.object({ id: z.number().int(), status: Status, version: z.number().int() });

const Flags = { villageAffairsDue: z.number().int(), financeDue: z.number().int() };
export const ComplianceVillage = z.object({
  code: z.string(),
  name: z.string(),
  townshipCode: z.string(),
  townshipName: z.string(),
  latestVillagePeriod: z.string().nullable(),
  latestFinancePeriod: z.string().nullable(),
  latestPartyPeriod: z.string().nullable(),
  lastVillagePublishedAt: z.string().nullable(),
  lastFinancePublishedAt: z.string().nullable(),
  lastMajorPublishedAt: z.string().nullable(),
  villageAffairsDue: z.boolean().describe('no village-affairs disclosure published this quarter'),
  financeDue: z.boolean().describe('no finance disclosure published this month'),
});
export const ComplianceResponse = z.object({
  quarter: z.string(),
  month: z.string(),
  totals: z.object({ villages: z.number().int(), ...Flags }),
  townships: z.array(z.object({ code: z.string(), name: z.string(), villages: z.number().int(), ...Flags })),
  villages: z.array(ComplianceVillage),
});
