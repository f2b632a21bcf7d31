import { z } from 'zod';
import { Id } from '../../platform/ids.js';
import { Keyword, NumberSearch, sortParam } from '../../platform/lists/index.js';
import { ERRAND_SORT_KEYS } from './repository.js';
import { ERRAND_ACTIONS, ERRAND_STATUSES, type ErrandAction } from './states.js';

export const ErrandStatus = z.enum(ERRAND_STATUSES);
export const Rating = z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']);
export const ServiceKind = z.enum(['errand', 'proxy']);
export const HandledAt = z.enum(['village', 'township', 'county']);

export const ServiceItem = z.object({
  code: z.string(),
  kind: ServiceKind,
  nameZh: z.string(),
  nameEn: z.string(),
  guideZh: z.string(),
  guideEn: z.string(),
  materials: z.array(z.string()),
  handledAt: HandledAt.describe(
    'where it is finally handled: village proxy point, township convenience platform, county approval centre',
  ),
  promiseDays: z.number().int().describe('promised working days (0: the same working day)'),
  active: z.boolean(),
  sort: z.number().int(),
});

export const ServiceItemBody = z.object({
  kind: ServiceKind,
  nameZh: z.string().trim().min(2).max(40),
  nameEn: z.string().trim().min(2).max(80),
  guideZh: z.string().trim().max(1000).default(''),
  guideEn: z.string().trim().max(2000).default(''),
  materials: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
  handledAt: HandledAt,
  promiseDays: z.number().int().min(0).max(60),
  active: z.boolean().default(true),
  sort: z.number().int().min(0).max(10_000).default(0),
});

export const ServiceCodeParams = z.object({
  code: z.string().regex(/^[a-z_]{2,40}$/, 'lower-case letters and _'),
});

export const ErrandItem = z.object({
  id: z.number().int(),
  number: z.string(),
  serviceCode: z.string(),
  serviceName: z.string(),
  serviceNameEn: z.string(),
  kind: ServiceKind,
  handledAt: HandledAt,
  gridCode: z.string(),
  gridName: z.string(),
  detail: z.string(),
  requesterName: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable().describe('masked, e.g. 138****5678; full only through reveal-phone'),
  status: ErrandStatus,
  assigneeName: z.string().nullable(),
  declineReason: z.string().nullable(),
  resultNote: z.string().nullable(),
  rating: Rating.nullable(),
  ratingComment: z.string().nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  tier: HandledAt.nullable().describe(
    '全程代办: the tier holding the item now (null: no relay, or finished)',
  ),
  tierDueAt: z.string().nullable().describe('until when that tier has it (working days)'),
  tierOverdue: z.boolean().describe('the tier’s time ran out (set by the relay sweep)'),
  walkIn: z.boolean().describe('registered at the proxy point for a villager without a phone'),
});

export const ErrandDetail = ErrandItem.extend({
  service: ServiceItem,
  steps: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      action: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      actorName: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  photos: z.array(z.object({ id: z.string(), url: z.string(), thumbUrl: z.string() })),
  actions: z.array(z.enum(ERRAND_ACTIONS)).describe('what the caller may do now'),
  canRevealPhone: z.boolean(),
  relay: z
    .array(
      z.object({
        stage: z.enum(['village', 'township', 'county', 'returned']),
        days: z.number().int().describe('working days this tier has'),
      }),
    )
    .describe('全程代办: the legs of the relay with each tier’s time limit (empty: handled at the village)'),
});

export const CreateErrandBody = z.object({
  serviceCode: z.string().regex(/^[a-z_]{2,40}$/),
  detail: z.string().trim().min(2, '请说明要办什么 (at least 2 characters)').max(1000),
  contactName: z.string().trim().min(1).max(40).optional(),
  contactPhone: z
    .string()
    .trim()
    .regex(/^1\d{10}$/, '11-digit mobile number')
    .optional(),
  clientRequestId: z
    .uuid()
    .optional()
    .describe('idempotency: a retry with the same id answers the errand already made'),
});

export const WalkInBody = z.strictObject({
  residentId: z
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER)
    .describe('the villager, found in the household archive (in your scope)'),
  serviceCode: z.string().regex(/^[a-z_]{2,40}$/),
  detail: z.string().trim().min(2, '请说明要办什么 (at least 2 characters)').max(1000),
  clientRequestId: z
    .uuid()
    .optional()
    .describe('idempotency: a retry with the same id answers the errand already made'),
});

export const ErrandQuery = z.object({
  status: ErrandStatus.optional(),
  within: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional()
    .describe('limit to this region (inside your scope)'),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('only errands I asked for or took'),
  number: NumberSearch,
  q: Keyword,
  tier: HandledAt.optional().describe('全程代办: only relay items now at this tier'),
  relay: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('only 全程代办 relay items still moving (at a tier)'),
  sort: sortParam(ERRAND_SORT_KEYS),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
/** The export takes the list's filters and order, without paging. */
export const ErrandExportQuery = ErrandQuery.omit({ limit: true, offset: true });

export const ActionParams = z.object({
  id: Id,
  action: z.enum(ERRAND_ACTIONS),
});

const Version = z.number().int().positive().optional().describe('the version you saw; 409 if it moved on');
const plain = z.object({ version: Version });

/** The body of each action: what it needs is required, so the OpenAPI document says so per action. */
export const ERRAND_ACTION_BODIES = {
  accept: plain,
  decline: plain.extend({ reason: z.string().trim().min(2).max(200).describe('why it cannot be taken') }),
  done: plain.extend({
    note: z.string().trim().min(1).max(1000).describe('what was done'),
    photoIds: z.array(z.uuid()).max(6).optional().describe('photos uploaded through POST /photos'),
  }),
  confirm: plain.extend({
    rating: Rating,
    comment: z.string().trim().max(500).optional().describe('optional words'),
  }),
  cancel: plain,
  forward: plain.extend({
    note: z.string().trim().max(500).optional().describe('what the next tier should know'),
  }),
  return: plain.extend({
    note: z.string().trim().min(1).max(1000).describe('the result sent back to the village (办理结果)'),
  }),
} as const satisfies Record<ErrandAction, z.ZodObject>;

export type ErrandActionBodies = { [A in ErrandAction]: z.output<(typeof ERRAND_ACTION_BODIES)[A]> };
/** One action with its own body: a union discriminated by `action`. */
export type ErrandActionInput = { [A in ErrandAction]: { action: A } & ErrandActionBodies[A] }[ErrandAction];

/** The route's body: one of the action bodies, each titled with its action (the path's action decides). */
export const ActionBody = z
  .union(
    ERRAND_ACTIONS.map((a) =>
      ERRAND_ACTION_BODIES[a].meta({ title: a, description: `body of POST /errands/{id}/actions/${a}` }),
    ),
  )
  .describe('the body of the action named in the path (see each member’s title)');

export const ActionResult = z.object({
  id: z.number().int(),
  number: z.string(),
  status: ErrandStatus,
  version: z.number().int(),
});

export const StatsResponse = z.object({
  total: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  overdue: z.number().int(),
  done: z.number().int().describe('done or confirmed'),
  doneByKind: z.object({ errand: z.number().int(), proxy: z.number().int() }),
  ratings: z.object({
    satisfied: z.number().int(),
    basically_satisfied: z.number().int(),
    dissatisfied: z.number().int(),
  }),
});
