import { z } from 'zod';
import { Id } from '../../platform/ids.js';
import { ACTIONS, STATES, TIERS, type CaseAction } from './states.js';
import { SOURCES } from './report.js';
import { Keyword, NumberSearch, PageQuery, sortParam } from '../../platform/lists/index.js';
import { CASE_SORT_KEYS } from './queries.js';

const Urgency = z.enum(['normal', 'urgent', 'emergency']);
const CoordSystem = z.enum(['wgs84', 'gcj02', 'bd09']);
const PhotoIds = z.array(z.uuid()).max(9);
const AttributeAnswers = z.record(
  z.string().max(40),
  z.union([z.string().max(2000), z.number(), z.array(z.string().max(100)).max(20)]),
);

/** The answer to a report: its number and what happens next — who holds it and by when. */
export const Reported = z.object({
  id: z.number().int(),
  number: z.string(),
  tier: z.enum(['village', 'township', 'county']).describe('the tier that holds it now'),
  state: z.string().describe('reported (waits to be filed) or filed (staff report)'),
  deadlineAt: z.string().nullable().describe('when that tier must have dealt with it'),
  deadline: z
    .object({ amount: z.number().int(), unit: z.enum(['sameday', 'workhour', 'workday', 'hour', 'day']) })
    .nullable()
    .describe('the tier’s time in plain terms (null for urgent cases, whose time is cut)'),
});

export const ReportBody = z
  .object({
    source: z.enum(SOURCES).default('resident_app'),
    categoryCode: z.string().regex(/^[PEG]\d{4}$/, 'a category code such as P0201'),
    description: z.string().trim().min(2).max(2000),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    coordSystem: CoordSystem.default('wgs84'),
    gridCode: z
      .string()
      .regex(/^\d{15}$/)
      .optional(),
    address: z.string().trim().max(200).optional(),
    urgency: Urgency.default('normal'),
    attributes: AttributeAnswers.optional(),
    photoIds: PhotoIds.optional(),
    reporterName: z.string().trim().max(40).optional(),
    reporterContact: z
      .string()
      .regex(/^1\d{10}$/, '11-digit mobile number')
      .optional(),
    clientRequestId: z
      .uuid()
      .optional()
      .describe(
        'idempotency key: resending with the same id returns the same case (200) instead of a new one',
      ),
  })
  .refine((b) => (b.lat === undefined) === (b.lng === undefined), {
    message: 'lat and lng go together',
    path: ['lat'],
  })
  .refine((b) => b.lat !== undefined || b.gridCode !== undefined, {
    message: 'coordinates or gridCode are required',
    path: ['lat'],
  });

const Version = z
  .number()
  .int()
  .positive()
  .optional()
  .describe('the version you saw; 409 CASE_VERSION_CONFLICT if it moved on');
const Note = z.string().trim().max(2000).optional();
const Reason = z.string().trim().min(1).max(2000).describe('why (required; 400 REASON_REQUIRED without it)');
const AfterPhotos = PhotoIds.min(1).describe(
  'after-photos uploaded through POST /photos (at least one; 400 AFTER_PHOTO_REQUIRED without)',
);
const Evaluation = z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']);
const Delay = z.object({ amount: z.number().positive().max(60), unit: z.enum(['workhour', 'workday']) });

const plain = z.object({ version: Version, note: Note, photoIds: PhotoIds.optional() });
const withReason = plain.extend({ note: Reason });

/** The body of each action: what it needs is required, so the OpenAPI document says so per action. */
export const CASE_ACTION_BODIES = {
  file: plain,
  reject: withReason,
  cancel: plain,
  merge: plain.extend({ duplicateOf: z.number().int().positive().describe('the case this one repeats') }),
  handle_on_spot: plain.extend({ photoIds: AfterPhotos }),
  escalate: withReason,
  dispatch: plain.extend({ departmentId: z.number().int().positive().describe('a department of the tier') }),
  accept: plain,
  return: withReason,
  handle: plain.extend({ photoIds: AfterPhotos }),
  close: plain,
  verify: plain.extend({
    fixed: z.boolean().describe('核查 on site: true — fixed as reported; false — not fixed'),
  }),
  rework: withReason,
  evaluate: plain.extend({ evaluation: Evaluation }),
  reopen: withReason,
  request_delay: withReason.extend({ delay: Delay }),
  decide_delay: plain.extend({ approve: z.boolean().describe('true approves the delay, false rejects it') }),
  suspend: withReason,
  resume: plain,
  supervise: plain,
  expedite: plain,
} as const satisfies Record<CaseAction, z.ZodObject>;

export type CaseActionBodies = { [A in CaseAction]: z.output<(typeof CASE_ACTION_BODIES)[A]> };
/** One action with its own body: a union discriminated by `action`. */
export type CaseActionInput = { [A in CaseAction]: { action: A } & CaseActionBodies[A] }[CaseAction];

/**
 * The route's body as documented: one of the action bodies, each titled with its action. The
 * handler parses it with the action's own schema, chosen by the path's `action` (routes.ts).
 */
export const ActionBody = z
  .union(
    ACTIONS.map((a) =>
      CASE_ACTION_BODIES[a].meta({ title: a, description: `body of POST /cases/{id}/actions/${a}` }),
    ),
  )
  .describe('the body of the action named in the path (see each member’s title)');

export const ActionParams = z.object({
  id: Id,
  action: z.enum(ACTIONS),
});

/** The filters of the case list (and of its export). */
export const ListFilterQuery = z.object({
  state: z.enum(STATES).optional(),
  tier: z.enum(TIERS).optional(),
  categoryCode: z
    .string()
    .regex(/^[PEG]\d{4}$/)
    .optional(),
  within: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional(),
  source: z.enum(SOURCES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  open: z.enum(['true', 'false']).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  waiting: z.enum(['true']).optional().describe('only cases waiting for me to act (my inbox of work)'),
  number: NumberSearch,
  q: Keyword,
  phone: z
    .string()
    .regex(/^1\d{10}$/, '11-digit mobile number')
    .optional()
    .describe(
      'the reporter’s phone, matched by its keyed hash: a reveal (right, reason, audit, 10 a minute)',
    ),
  reason: z
    .string()
    .trim()
    .min(4, '请说明查询事由 (at least 4 characters)')
    .max(200)
    .optional()
    .describe('why the phone search (or an export) is made; required with phone'),
  sort: sortParam(CASE_SORT_KEYS),
});
export const ListQuery = ListFilterQuery.extend(PageQuery);

export const Warning = z.enum(['none', 'yellow', 'red', 'overdue']);

export const CaseItem = z.object({
  id: z.number().int(),
  number: z.string(),
  source: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  categoryNameEn: z.string(),
  state: z.string(),
  tier: z.string(),
  urgency: z.string(),
  expedited: z.boolean(),
  supervised: z.boolean(),
  description: z.string(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  gridCode: z.string(),
  gridName: z.string(),
  departmentId: z.number().int().nullable(),
  departmentName: z.string().nullable(),
  deadlineAt: z.string().nullable(),
  warning: Warning,
  overdueCount: z.number().int(),
  reportedAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
});

export const PhotoItem = z.object({
  id: z.string(),
  phase: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  takenAt: z.string().nullable(),
  url: z.string(),
  thumbUrl: z.string(),
});

export const HistoryItem = z.object({
  at: z.string(),
  action: z.string(),
  actionName: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  tier: z.string(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  departmentName: z.string().nullable(),
  note: z.string().nullable(),
  photoIds: z.array(z.string()),
  deadlineAt: z.string().nullable(),
  onTime: z.boolean().nullable(),
  mine: z.boolean().describe('the step was taken by you'),
});

export const CaseDetail = CaseItem.extend({
  attributes: z.record(z.string(), z.unknown()),
  reporterName: z.string().nullable(),
  reporterContact: z.string().nullable().describe('masked'),
  evaluation: z.string().nullable(),
  evaluatedByMe: z.boolean().describe('the rating is yours ("my rating"); else the reporter’s'),
  evaluationComment: z.string().nullable(),
  pendingDelay: z.unknown(),
  duplicateOf: z.number().int().nullable(),
  photos: z.array(PhotoItem),
  history: z.array(HistoryItem),
  actions: z.array(z.enum(ACTIONS)).describe('what you may do now'),
  open311: z
    .object({
      client: z.string().describe('the Open311 client (its API key’s label)'),
      originalText: z.string().describe('the description as the client sent it'),
      mediaUrls: z.array(z.string()).describe('the client’s media_url links (never fetched by the server)'),
    })
    .nullable()
    .describe('set when the case came through Open311 from a foreign client'),
});
