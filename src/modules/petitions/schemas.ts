import { z } from 'zod';
import { Keyword, NumberSearch, sortParam } from '../../platform/lists/index.js';
import { PETITION_SORT_KEYS } from './list-repository.js';
import { Id } from '../../platform/ids.js';
import { DISPUTE_TYPES, RISK_LEVELS } from '../disputes/index.js';
import { RegionCode } from '../regions/index.js';
import { EXTENSION_MAX_DAYS } from './limits.js';
import { SCHEDULES } from './schedule.js';
import { PETITION_ACTIONS, PETITION_STATES, type PetitionAction } from './states.js';

const Text = (min: number, max: number) => z.string().trim().min(min).max(max);
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'not a date',
  );
const Within = z
  .string()
  .regex(/^\d{6,15}$/)
  .optional()
  .describe('limit to this region (inside your scope)');

export const IdNumber = z
  .string()
  .regex(/^(\d{17}[\dXx]|\d{15})$/, '18-digit (or old 15-digit) ID number')
  .transform((v) => v.toUpperCase());
export const Phone = z.string().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, 'mobile or landline number');

const BodyId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const PetitionState = z.enum(PETITION_STATES);
export const IdParams = z.object({ id: Id });

// ---- windows ----
export const WindowItem = z.object({
  id: z.number().int(),
  unitName: z.string(),
  departmentId: z.number().int().nullable(),
  schedule: z.enum(SCHEDULES),
  weekday: z.number().int().nullable().describe('weekly: 1 = Monday … 7 = Sunday'),
  monthDay: z
    .number()
    .int()
    .nullable()
    .describe('monthly: day of the month (29–31: a short month’s last day)'),
  staffAccountId: z.number().int().nullable(),
  staffNames: z
    .array(z.string())
    .describe('who sits there: the named staff, else the unit’s department accounts'),
  active: z.boolean(),
});
export const WindowBody = z.object({
  unitName: Text(1, 60),
  departmentId: BodyId.nullable().optional(),
  schedule: z.enum(SCHEDULES),
  weekday: z.number().int().min(1).max(7).nullable().optional(),
  monthDay: z.number().int().min(1).max(31).nullable().optional(),
  staffAccountId: BodyId.nullable().optional(),
  active: z.boolean().optional(),
});
export const WindowPatch = WindowBody.partial();
export const BoardQuery = z.object({
  date: IsoDate.optional().describe('YYYY-MM-DD (Beijing); today when absent'),
  window: Id.optional().describe('the window a visitor asks for: who receives them'),
});
export const Board = z.object({
  date: z.string(),
  weekday: z.number().int(),
  holiday: z
    .string()
    .nullable()
    .describe('the public holiday of the county calendar on that date: only permanent windows sit'),
  present: z.array(WindowItem),
  onCall: z.array(WindowItem),
  absent: z.array(WindowItem),
  receiver: z.object({
    windowId: z.number().int().nullable(),
    unitName: z.string().nullable(),
    names: z.array(z.string()).min(1).describe('never empty: a visitor always finds someone'),
    via: z.enum(['window', 'permanent_window', 'centre']),
    calledWindowId: z.number().int().nullable().describe('an on-call unit that is called and comes later'),
  }),
});

// ---- registration ----
export const RegisterBody = z.object({
  visitor: z.object({
    name: Text(1, 40),
    idNumber: IdNumber.optional(),
    phone: Phone.optional(),
  }),
  groupVisit: z.boolean().default(false).describe('集体访: several people with one matter'),
  headcount: z.number().int().min(1).max(500).default(1),
  regionCode: RegionCode.optional().describe('where the matter belongs (village staff: their village)'),
  matter: Text(2, 2000),
  windowId: BodyId.optional().describe(
    'the window that received it (centre staff); else the system names one',
  ),
  clientRequestId: z.uuid().optional(),
});
export type RegisterInput = z.output<typeof RegisterBody>;

export const PetitionQuery = z.object({
  within: Within,
  state: PetitionState.optional(),
  channel: z.enum(['window', 'agency']).optional(),
  due: z.enum(['soon', 'overdue']).optional().describe('office limits ending within 3 days, or passed'),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  number: NumberSearch.describe('the registration number or a part of it'),
  q: Keyword.describe("words in the matter or the place's name (not a phone or ID number: use phone)"),
  phone: z
    .string()
    .regex(/^1\d{10}$/, '11-digit mobile number')
    .optional()
    .describe("the visitor's phone, exact (keyed hash): a reveal — the reveal right and a reason; audited"),
  reason: z
    .string()
    .trim()
    .min(4, '请说明查询事由 (at least 4 characters)')
    .max(200)
    .optional()
    .describe('why the phone search is made; required with phone'),
  sort: sortParam(PETITION_SORT_KEYS),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
/** The register's export: its filters and order, never a phone search (that is a reveal). */
export const PetitionExportQuery = PetitionQuery.omit({
  phone: true,
  reason: true,
  limit: true,
  offset: true,
});

export const PetitionItem = z.object({
  id: z.number().int(),
  number: z.string(),
  channel: z.enum(['window', 'agency']),
  windowId: z.number().int().nullable(),
  windowName: z.string().nullable(),
  receiverName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  visitorName: z.string().describe('masked'),
  idNumber: z.string().nullable().describe('masked'),
  phone: z.string().nullable().describe('masked'),
  groupVisit: z.boolean(),
  headcount: z.number().int(),
  matter: z.string(),
  state: PetitionState,
  referral: z.string().nullable(),
  caseId: z.number().int().nullable(),
  disputeId: z.number().int().nullable(),
  answer: z.string().nullable(),
  receivedAt: z.string(),
  acceptedAt: z.string().nullable(),
  extendedDays: z.number().int().nullable(),
  answeredAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  dueKind: z.string().nullable(),
  overdue: z.boolean(),
  version: z.number().int(),
});
export const PetitionDetail = PetitionItem.extend({
  history: z.array(
    z.object({
      at: z.string(),
      action: z.string(),
      fromState: z.string().nullable(),
      toState: z.string(),
      actorName: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  actions: z.array(z.enum(PETITION_ACTIONS)),
  canReveal: z.boolean(),
});
export const Created = z.object({
  id: z.number().int(),
  number: z.string(),
  state: PetitionState,
  receiver: z.object({ names: z.array(z.string()), via: z.string() }),
});

export const RevealBody = z.object({
  reason: z.string().trim().min(4, '请说明查看事由 (at least 4 characters)').max(200),
  fields: z
    .array(z.enum(['name', 'idNumber', 'phone']))
    .min(1)
    .max(3),
});
export const Revealed = z.object({
  id: z.number().int(),
  name: z.string().optional(),
  idNumber: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
});

export const StatsQuery = z.object({ within: Within, from: IsoDate.optional(), to: IsoDate.optional() });
export const Stats = z.object({
  registrations: z.number().int(),
  visitors: z.number().int().describe('people received: a group visit counts its headcount'),
  solved: z.number().int().describe('answered on the spot or answered by the office'),
  handedOn: z
    .number()
    .int()
    .describe('turned into a case or dispute, or referred to litigation, arbitration …'),
  open: z.number().int(),
  overdue: z.number().int(),
  byState: z.record(z.string(), z.number().int()),
});

// ---- actions ----
export const ActionParams = z.object({ id: Id, action: z.enum(PETITION_ACTIONS) });
const Version = z.number().int().positive().optional().describe('the version you saw; 409 if it moved on');
const plain = z.object({ version: Version });
const withNote = plain.extend({ note: Text(1, 1000).optional() });
const answered = plain.extend({ answer: Text(2, 2000).describe('the answer given to the petitioner') });

export const PETITION_ACTION_BODIES = {
  answer_on_spot: answered,
  accept: withNote,
  not_accept: plain.extend({ reason: Text(2, 500).describe('why it is not accepted (告知不予受理)') }),
  to_case: plain.extend({
    categoryCode: z
      .string()
      .regex(/^[PEG]\d{4}$/)
      .describe('the case category'),
    gridCode: z
      .string()
      .regex(/^\d{15}$/)
      .describe('the grid the case lies in'),
    note: Text(1, 1000).optional(),
  }),
  to_dispute: plain
    .extend({
      type: z.enum(DISPUTE_TYPES).describe('the dispute type (邻里、家庭、婚姻、土地宅基地 …)'),
      gridCode: z
        .string()
        .regex(/^\d{15}$/)
        .describe('the grid of the petition’s region the dispute lies in'),
      riskLevel: z.enum(RISK_LEVELS).default('medium'),
      note: Text(1, 1000).optional(),
    })
    .describe('makes the dispute record (the visitor as applicant, petition risk marked) in the same step'),
  refer: plain.extend({
    channel: z.enum(['litigation', 'arbitration', 'administrative_review', 'other']).describe('诉访分离'),
    note: Text(2, 1000),
  }),
  extend: plain.extend({
    days: z.number().int().min(1).max(EXTENSION_MAX_DAYS),
    reason: Text(2, 500),
  }),
  answer: answered,
  request_review: withNote,
  decide_review: answered,
  request_rereview: withNote,
  decide_rereview: answered,
} as const satisfies Record<PetitionAction, z.ZodObject>;

export type PetitionActionBodies = { [A in PetitionAction]: z.output<(typeof PETITION_ACTION_BODIES)[A]> };
export type PetitionActionInput = {
  [A in PetitionAction]: { action: A } & PetitionActionBodies[A];
}[PetitionAction];

export const ActionBody = z
  .union(
    PETITION_ACTIONS.map((a) =>
      PETITION_ACTION_BODIES[a].meta({ title: a, description: `body of POST /petitions/{id}/actions/${a}` }),
    ),
  )
  .describe('the body of the action named in the path (see each member’s title)');
export const ActionResult = z.object({
  id: z.number().int(),
  number: z.string(),
  state: PetitionState,
  version: z.number().int(),
  dueAt: z.string().nullable(),
  caseId: z.number().int().nullable(),
  disputeId: z.number().int().nullable().describe('the dispute a to_dispute step made'),
});
