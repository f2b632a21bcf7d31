import { z } from 'zod';
import { Id } from '../../platform/ids.js';
import { Keyword, NumberSearch, PageQuery, sortParam } from '../../platform/lists/index.js';
import { DISPUTE_SORT_KEYS } from './repository.js';
import {
  DISPUTE_ACTIONS,
  DISPUTE_STATES,
  DISPUTE_TYPES,
  RISK_LEVELS,
  RISK_SIGNS,
  TIERS,
  type DisputeAction,
} from './states.js';

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const RegionCode = (len: string) =>
  z
    .string()
    .regex(new RegExp(`^\\d{${len}}$`))
    .describe('a region code inside your scope');
/** A calendar date that exists (2026-02-30 is refused, not rolled over). */
export const Day = z.iso
  .date()
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'no such date')
  .describe('a date, YYYY-MM-DD (Beijing)');

export const PartyInput = z.union([
  z.object({
    side: z.enum(['applicant', 'respondent']),
    residentId: z.number().int().positive().describe('a resident of the archive (your county)'),
  }),
  z.object({
    side: z.enum(['applicant', 'respondent']),
    name: text(1, 40).describe('an outsider, by name'),
    phone: z
      .string()
      .regex(/^1\d{10}$/)
      .optional()
      .describe('mobile number; stored encrypted, shown masked'),
  }),
]);

export const DisputeInput = z.object({
  type: z.enum(DISPUTE_TYPES),
  summary: text(2, 1000).describe('what the dispute is about'),
  amountYuan: z.number().min(0).max(1e10).optional().describe('amount involved, yuan'),
  riskLevel: z.enum(RISK_LEVELS),
  riskSigns: z.array(z.enum(RISK_SIGNS)).max(RISK_SIGNS.length).default([]),
  parties: z.array(PartyInput).min(1).max(20),
  gridCode: RegionCode('15').optional().describe('the grid (a grid worker: their own grid by default)'),
  householdId: z.number().int().positive().optional().describe('the household it came from'),
  caseId: z.number().int().positive().optional().describe('a linked case of your scope'),
});
export type DisputeInput = z.infer<typeof DisputeInput>;

export const CreateDisputeBody = DisputeInput.extend({
  clientRequestId: z.uuid().optional().describe('idempotency key: resending returns the same dispute (200)'),
});

export const ScreeningBody = z.object({
  nothingFound: z.boolean().describe('"nothing found today" — a report too'),
  disputes: z.array(DisputeInput).max(30).default([]),
  villageCode: RegionCode('12').optional().describe('village staff: their village (default)'),
  note: text(0, 500).optional(),
  clientRequestId: z
    .uuid()
    .optional()
    .describe('idempotency key: resending returns the same screening (200)'),
});
export type ScreeningBody = z.infer<typeof ScreeningBody>;

export const ScreeningMade = z.object({
  id: z.number().int(),
  day: z.string(),
  villageCode: z.string(),
  found: z.number().int(),
  disputeIds: z.array(z.number().int()),
});

const Version = z.number().int().positive().optional().describe('the version you saw');
const plain = z.object({ version: Version });

/** The body of each action. */
export const DISPUTE_ACTION_BODIES = {
  escalate: plain.extend({ reason: text(2, 500).describe('why the tier cannot settle it') }),
  assign: plain.extend({
    leadDepartmentId: z
      .number()
      .int()
      .positive()
      .describe('township: the lead office; county: the department'),
    assistingDepartmentIds: z
      .array(z.number().int().positive())
      .max(10)
      .default([])
      .describe('township only: the offices that assist'),
    note: text(0, 500).optional(),
  }),
  settle: plain.extend({
    agreement: text(2, 2000).describe('the agreement reached'),
    sessionId: z.number().int().positive().optional().describe('the record sheet of the session'),
  }),
  fail: plain.extend({ reason: text(2, 1000).describe('why it failed; the channel it was referred to') }),
  follow_up: plain.extend({
    held: z.boolean().describe('whether the agreement held'),
    note: text(2, 1000),
  }),
} as const satisfies Record<DisputeAction, z.ZodObject>;

export type DisputeActionBodies = { [A in DisputeAction]: z.output<(typeof DISPUTE_ACTION_BODIES)[A]> };
export type DisputeActionInput = {
  [A in DisputeAction]: { action: A } & DisputeActionBodies[A];
}[DisputeAction];

export const ActionBody = z
  .union(
    DISPUTE_ACTIONS.map((a) =>
      DISPUTE_ACTION_BODIES[a].meta({ title: a, description: `body of POST /disputes/{id}/actions/${a}` }),
    ),
  )
  .describe('the body of the action named in the path');

export const IdParams = z.object({ id: Id });
export const ActionParams = IdParams.extend({ action: z.enum(DISPUTE_ACTIONS) });

export const ListQuery = z.object({
  within: RegionCode('6,15').optional(),
  tier: z.enum(TIERS).optional(),
  state: z.enum(DISPUTE_STATES).optional(),
  open: z.enum(['true', 'false']).optional().describe('only open ones (open or assigned)'),
  number: NumberSearch,
  q: Keyword,
  sort: sortParam(DISPUTE_SORT_KEYS),
  ...PageQuery,
});
/** The export takes the list's filters and order, without paging. */
export const ExportQuery = ListQuery.omit({ limit: true, offset: true });

export const DisputeItem = z.object({
  id: z.number().int(),
  number: z.string(),
  gridCode: z.string(),
  gridName: z.string(),
  type: z.enum(DISPUTE_TYPES),
  summary: z.string(),
  amountYuan: z.number().nullable(),
  riskLevel: z.enum(RISK_LEVELS),
  riskSigns: z.array(z.string()),
  tier: z.enum(TIERS),
  state: z.enum(DISPUTE_STATES),
  deadlineAt: z.string(),
  overdue: z.boolean(),
  followUpDue: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
});

export const DisputeDetail = DisputeItem.extend({
  holderCode: z.string(),
  householdId: z.number().int().nullable(),
  caseId: z.number().int().nullable(),
  petitionId: z.number().int().nullable().describe('the petition this dispute came from (信访超市)'),
  petitionNumber: z.string().nullable(),
  leadDepartment: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  assistingDepartments: z.array(z.object({ id: z.number().int(), name: z.string() })),
  agreement: z.string().nullable(),
  failReason: z.string().nullable(),
  settledAt: z.string().nullable(),
  followUpAt: z.string().nullable(),
  followUpHeld: z.boolean().nullable(),
  followUpNote: z.string().nullable(),
  parties: z.array(
    z.object({
      id: z.number().int(),
      side: z.enum(['applicant', 'respondent']),
      name: z.string(),
      residentId: z.number().int().nullable(),
      phoneMasked: z.string().nullable(),
    }),
  ),
  history: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      action: z.string(),
      fromState: z.string().nullable(),
      toState: z.string(),
      tier: z.enum(TIERS),
      actorName: z.string(),
      note: z.string().nullable(),
    }),
  ),
  sessions: z.array(
    z.object({
      id: z.number().int(),
      heldOn: z.string(),
      placeName: z.string(),
      remote: z.boolean(),
      outcome: z.enum(['agreed', 'failed', 'adjourned']),
    }),
  ),
  actions: z.array(z.enum(DISPUTE_ACTIONS)).describe('what I may do now'),
});

export const ActionResult = z.object({
  id: z.number().int(),
  number: z.string(),
  state: z.enum(DISPUTE_STATES),
  tier: z.enum(TIERS),
  version: z.number().int(),
});

export const Made = z.object({ id: z.number().int(), number: z.string(), state: z.enum(DISPUTE_STATES) });
