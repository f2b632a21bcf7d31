import { z } from 'zod';
import { Keyword, sortParam } from '../../platform/lists/index.js';
import { ENTERPRISE_SORT_KEYS } from './repository.js';
import { creditCodeProblem } from './credit-code.js';

export const Within = z
  .string()
  .regex(/^\d{6,15}$/)
  .optional()
  .describe('limit to this region (inside your scope); default your whole scope');
export const DateOn = z.iso.date().describe('YYYY-MM-DD');
export const Kind = z.enum(['enterprise', 'social_org']).describe('企业 / 社会组织');
export const Size = z.enum(['large', 'medium', 'small', 'micro']);

/**
 * 统一社会信用代码: 18 ASCII characters, both check characters right. The shape is checked here
 * (400 VALIDATION_FAILED); a code of the right shape whose check fails is the module's own 400.
 */
export const CreditCode = z
  .string()
  .trim()
  .length(18)
  .regex(/^[0-9A-Z]{18}$/, '18 ASCII digits and capital letters')
  .describe('统一社会信用代码 (GB 32100-2015)');
export { creditCodeProblem };

export const EnterpriseInput = z.object({
  gridCode: z.string().regex(/^\d{15}$/),
  kind: Kind,
  name: z.string().trim().min(1).max(100),
  creditCode: CreditCode,
  address: z.string().trim().min(1).max(200),
  size: Size,
  sector: z.string().trim().min(1).max(50),
  aboveScale: z.boolean().default(false).describe('规模以上企业'),
  partyOrgId: z.number().int().positive().nullable().default(null).describe('its party organisation'),
  instructorId: z.number().int().positive().nullable().default(null).describe('党建指导员: a cadre'),
});
export type EnterpriseInput = z.infer<typeof EnterpriseInput>;

export const EnterprisePatch = EnterpriseInput.omit({ creditCode: true, kind: true })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });
export type EnterprisePatch = z.infer<typeof EnterprisePatch>;

export const EnterpriseQuery = z.object({
  within: Within,
  kind: Kind.optional(),
  coverage: z
    .enum(['party_org', 'instructor', 'none', 'helped'])
    .optional()
    .describe('party_org: has one; instructor: has one; none: neither; helped: has a help record'),
  q: Keyword.describe('words in the name or address (not a phone or ID number)'),
  number: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z]{3,18}$/)
    .optional()
    .describe('a part of the unified social credit code'),
  sort: sortParam(ENTERPRISE_SORT_KEYS),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
/** The enterprise list's export: its filters and order, without paging. */
export const EnterpriseExportQuery = EnterpriseQuery.omit({ limit: true, offset: true });

export const EnterpriseItem = z.object({
  id: z.number().int(),
  kind: Kind,
  name: z.string(),
  creditCode: z.string(),
  address: z.string(),
  gridCode: z.string(),
  gridName: z.string(),
  size: Size,
  sector: z.string(),
  aboveScale: z.boolean(),
  partyOrgId: z.number().int().nullable(),
  partyOrgName: z.string().nullable(),
  instructorId: z.number().int().nullable(),
  instructorName: z.string().nullable(),
  helpers: z.number().int().describe('cadres assigned now'),
  openNeeds: z.number().int().describe('problems not yet solved'),
});
export const EnterpriseList = z.object({ items: z.array(EnterpriseItem), total: z.number().int() });

export const Helper = z.object({
  id: z.number().int(),
  cadreId: z.number().int(),
  cadreName: z.string(),
  unit: z.string().nullable(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
});
export const HelperInput = z.object({ cadreId: z.number().int().positive(), startedOn: DateOn });
/** Ending a helper assignment: the date and why. */
export const HelperEnd = z.object({ endedOn: DateOn, reason: z.string().trim().min(2).max(200) });

export const HelpState = z.enum(['recorded', 'open', 'solved', 'raised']);
export const HelpEntry = z.object({
  id: z.number().int(),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  cadreId: z.number().int(),
  cadreName: z.string(),
  kind: z.enum(['visit', 'problem']),
  happenedOn: z.string(),
  note: z.string(),
  state: HelpState,
  solution: z.string().nullable(),
  solvedOn: z.string().nullable(),
  caseId: z.number().int().nullable(),
  caseNumber: z.string().nullable(),
  caseState: z.string().nullable(),
});
export const HelpInput = z.object({
  kind: z.enum(['visit', 'problem']).describe('a visit, or a problem the enterprise raised'),
  cadreId: z.number().int().positive(),
  happenedOn: DateOn,
  note: z.string().trim().min(1).max(1000),
});
export const SolveInput = z.object({
  solution: z.string().trim().min(1).max(1000),
  solvedOn: DateOn,
});
export const RaiseInput = z.object({
  categoryCode: z.string().regex(/^[PEG]\d{4}$/, 'a category code such as P0201'),
  urgency: z.enum(['normal', 'urgent', 'emergency']).default('normal'),
  attributes: z
    .record(
      z.string().max(40),
      z.union([z.string().max(2000), z.number(), z.array(z.string().max(100)).max(20)]),
    )
    .optional()
    .describe("answers to the category's extra questions (GET /catalogue)"),
  clientRequestId: z
    .uuid()
    .optional()
    .describe('idempotency: a resend with the same id answers the case already made for this need'),
});
export const Raised = z.object({
  caseId: z.number().int(),
  number: z.string(),
  following: z.boolean().describe('whether the cadre has an account that now follows the case'),
});
export const LedgerQuery = z.object({
  within: Within,
  state: HelpState.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const Ledger = z.object({ items: z.array(HelpEntry), total: z.number().int() });

export const EnterpriseDetail = EnterpriseItem.extend({
  helpersList: z.array(Helper),
  ledger: z.array(HelpEntry),
});

const Rate = z.object({ n: z.number().int(), of: z.number().int(), percent: z.number().nullable() });
export const Coverage = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  enterprises: z.number().int(),
  socialOrgs: z.number().int(),
  withPartyOrg: Rate.describe('有党组织'),
  withInstructor: Rate.describe('有党建指导员'),
  covered: Rate.describe('党的组织或工作覆盖: either'),
  withHelpers: z.number().int().describe('enterprises with a cadre assigned now (选派)'),
  helped: z.number().int().describe('enterprises with at least one help record (联系帮扶)'),
  helperCadres: z.number().int().describe('cadres assigned now'),
  needs: z.object({ open: z.number().int(), solved: z.number().int(), raised: z.number().int() }),
});
