import { z } from 'zod';
import { Keyword, NumberSearch, sortParam } from '../../platform/lists/index.js';
import { WHISTLE_SORT_KEYS } from './repository.js';
import { Id } from '../../platform/ids.js';

/** An object id in a JSON body. */
const BodyId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
import { WHISTLE_ACTIONS, WHISTLE_STATES, type WhistleAction } from './states.js';

export const WhistleState = z.enum(WHISTLE_STATES);
export const WhistleKind = z.enum(['grassroots', 'enterprise']);

export const RaiseWhistleBody = z.object({
  subject: z.string().trim().min(2, '请填写事由 (at least 2 characters)').max(80),
  description: z.string().trim().min(2).max(2000),
  departmentId: BodyId.describe('the county department that must answer'),
  urgent: z.boolean().optional().describe('urgent: one working day instead of three'),
  caseId: BodyId.optional().describe('a case of the raising place it concerns'),
  householdId: BodyId.optional().describe('a household of the raising place it concerns'),
  enterpriseId: BodyId.optional().describe('an enterprise’s need (企业需求): raised from its grid'),
  photoIds: z.array(z.uuid()).max(6).optional().describe('photos uploaded through POST /photos'),
  clientRequestId: z.uuid().optional().describe('idempotency: a retry answers the request already made'),
});
export type RaiseWhistleBody = z.output<typeof RaiseWhistleBody>;

export const Raised = z.object({
  id: z.number().int(),
  number: z.string(),
  state: z.string(),
  dueAt: z.string().optional(),
});

export const WhistleItem = z.object({
  id: z.number().int(),
  number: z.string(),
  kind: WhistleKind,
  subject: z.string(),
  description: z.string(),
  urgent: z.boolean(),
  regionCode: z.string(),
  regionName: z.string(),
  raiserName: z.string().nullable(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  state: WhistleState,
  raisedAt: z.string(),
  receivedAt: z.string().describe('when the present department received it'),
  dueAt: z.string().describe('the end of the present limit (working days on the county calendar)'),
  overdue: z.boolean(),
  escalated: z.boolean().describe('overdue and reported to the county centre'),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  handOnCount: z.number().int(),
  reopenCount: z.number().int(),
  caseId: z.number().int().nullable(),
  householdId: z.number().int().nullable(),
  enterpriseId: z.number().int().nullable(),
  enterpriseName: z.string().nullable(),
  followCadreName: z.string().nullable().describe('the helping cadre following an enterprise’s need'),
  version: z.number().int(),
});

export const WhistleDetail = WhistleItem.extend({
  steps: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      action: z.string(),
      fromState: z.string().nullable(),
      toState: z.string(),
      departmentName: z.string(),
      toDepartmentName: z.string().nullable(),
      dueAt: z.string(),
      actorName: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  photos: z.array(z.object({ id: z.string(), url: z.string(), thumbUrl: z.string() })),
  actions: z.array(z.enum(WHISTLE_ACTIONS)).describe('what the caller may do now'),
});

const Bool = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const WhistleQuery = z.object({
  state: WhistleState.optional(),
  kind: WhistleKind.optional(),
  within: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional()
    .describe('limit to this region (inside your scope)'),
  overdue: Bool,
  inbox: Bool.describe('department staff: what my department must answer now'),
  departmentId: Id.optional(),
  number: NumberSearch.describe('part of the whistle number'),
  q: Keyword.describe('words in the subject, the description or the place (not a phone number)'),
  sort: sortParam(WHISTLE_SORT_KEYS),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
/** The export takes the list's filters and order, without paging. */
export const WhistleExportQuery = WhistleQuery.omit({ limit: true, offset: true });

export const ActionParams = z.object({ id: Id, action: z.enum(WHISTLE_ACTIONS) });

const Version = z.number().int().positive().optional().describe('the version you saw; 409 if it moved on');
const plain = z.object({ version: Version });
const Reason = z.string().trim().min(2).max(500);

/** The body of each action. There is no "return": only hand_on, with a reason and a department. */
export const WHISTLE_ACTION_BODIES = {
  hand_on: plain.extend({
    departmentId: BodyId.describe('the county department that should answer'),
    reason: Reason.describe('why that department should answer'),
  }),
  answer: plain.extend({
    answer: z.string().trim().min(2).max(2000),
    photoIds: z.array(z.uuid()).max(6).optional(),
  }),
  confirm: plain.extend({ comment: z.string().trim().max(500).optional() }),
  reopen: plain.extend({ reason: Reason.describe('what the answer left unsolved') }),
  direct: plain.extend({
    departmentId: BodyId.describe('the department the county centre directs to answer'),
    reason: Reason,
  }),
} as const satisfies Record<WhistleAction, z.ZodObject>;

export type WhistleActionBodies = { [A in WhistleAction]: z.output<(typeof WHISTLE_ACTION_BODIES)[A]> };
export type WhistleActionInput = {
  [A in WhistleAction]: { action: A } & WhistleActionBodies[A];
}[WhistleAction];

export const ActionBody = z
  .union(
    WHISTLE_ACTIONS.map((a) =>
      WHISTLE_ACTION_BODIES[a].meta({ title: a, description: `body of POST /whistles/{id}/actions/${a}` }),
    ),
  )
  .describe('the body of the action named in the path (see each member’s title)');

export const ActionResult = z.object({
  id: z.number().int(),
  number: z.string(),
  state: WhistleState,
  version: z.number().int(),
  departmentId: z.number().int(),
  dueAt: z.string(),
});

export const ComparisonQuery = z.object({
  within: WhistleQuery.shape.within,
  from: z.iso.date().optional().describe('first day (default: 90 days ago)'),
  to: z.iso.date().optional().describe('last day (default: today)'),
});

export const DepartmentFigures = z.object({
  departmentId: z.number().int(),
  departmentName: z.string(),
  received: z.number().int(),
  answered: z.number().int(),
  answeredOnTime: z.number().int(),
  onTimeRate: z.number().nullable().describe('answered on time / answered, percent'),
  avgResponseHours: z.number().nullable().describe('from receipt to answer, hours'),
  handedOn: z.number().int(),
  openNow: z.number().int(),
  overdueNow: z.number().int(),
});
