import { z } from 'zod';
import { maskPiiText } from '../../platform/pii-text.js';
import { Id } from '../../platform/ids.js';
import { Keyword, NumberSearch, PageQuery, sortParam } from '../../platform/lists/index.js';
import { WISH_SORT_KEYS } from './repository.js';
import { BENEFICIARY_KINDS, CLAIMER_KINDS, WISH_ACTIONS, WISH_STATUSES, type WishAction } from './states.js';

// What the public reads must not carry an ID number or a phone in any form (spaced, dashed,
// full-width, +86 …): nothing the free-text masking would mask, and no long digit runs.
const noDigitsRun = (s: string) => !/\d{6,}/.test(s) && maskPiiText(s) === s;
const publicText = (min: number, max: number) =>
  z.string().trim().min(min).max(max).refine(noDigitsRun, 'no ID numbers or phone numbers here');

export const CreateWishBody = z.object({
  beneficiary: publicText(1, 20).describe(
    'who it is for, as the public may read it: "王奶奶", never a full name with ID or phone',
  ),
  beneficiaryKind: z.enum(BENEFICIARY_KINDS),
  title: publicText(2, 60).describe('what is wished for'),
  detail: publicText(0, 1000).optional(),
  householdId: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('staff: the household in your scope the wish is for (required for staff)'),
  visitId: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('staff: the visit of that household on which it was collected (source "visit")'),
  maxClaimers: z
    .number()
    .int()
    .min(1)
    .max(20)
    .optional()
    .describe('staff: how many claimers may share it (many-to-one when > 1)'),
  clientRequestId: z
    .uuid()
    .optional()
    .describe('idempotency key: resending with the same id returns the same wish (200)'),
});
export type CreateWishBody = z.infer<typeof CreateWishBody>;

const Version = z
  .number()
  .int()
  .positive()
  .optional()
  .describe('the version you saw; 409 WISH_VERSION_CONFLICT if it moved on');
const plain = z.object({ version: Version });

/** The body of each action: what it needs is required, so the OpenAPI document says so per action. */
export const WISH_ACTION_BODIES = {
  publish: plain.extend({
    maxClaimers: z.number().int().min(1).max(20).optional().describe('how many claimers may share it'),
  }),
  reject: plain.extend({
    reason: z.string().trim().min(2).max(500).describe('why (required; 400 REASON_REQUIRED without it)'),
  }),
  withdraw: plain,
  claim: plain.extend({
    claimerName: publicText(1, 60)
      .optional()
      .describe('the organisation or person claiming (defaults to the account name)'),
    claimerKind: z
      .enum(CLAIMER_KINDS)
      .describe('party organisation, paired unit, deputy, in-service member or cadre'),
    note: z.string().trim().max(1000).optional(),
  }),
  unclaim: plain,
  fulfil: plain.extend({
    note: z.string().trim().min(2).max(1000).describe('how the wish was fulfilled'),
    photoIds: z.array(z.uuid()).max(9).optional().describe('photos uploaded through POST /photos'),
    hours: z
      .number()
      .min(0.5)
      .max(24)
      .multipleOf(0.5)
      .optional()
      .describe('hours served (required of an in-service party member: recorded for their employer unit)'),
  }),
  close: plain.extend({
    thanksNote: z.string().trim().max(500).optional().describe('the thanks of the person helped'),
  }),
} as const satisfies Record<WishAction, z.ZodObject>;

export type WishActionBodies = { [A in WishAction]: z.output<(typeof WISH_ACTION_BODIES)[A]> };
/** One action with its own body: a union discriminated by `action`. */
export type WishActionInput = { [A in WishAction]: { action: A } & WishActionBodies[A] }[WishAction];

/** The route's body: one of the action bodies, each titled with its action (the path's action decides). */
export const ActionBody = z
  .union(
    WISH_ACTIONS.map((a) =>
      WISH_ACTION_BODIES[a].meta({ title: a, description: `body of POST /wishes/{id}/actions/${a}` }),
    ),
  )
  .describe('the body of the action named in the path (see each member’s title)');

export const IdParams = z.object({
  id: Id,
});
export const ActionParams = IdParams.extend({ action: z.enum(WISH_ACTIONS) });

export const ListQuery = z.object({
  status: z.enum(WISH_STATUSES).optional(),
  within: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional()
    .describe('a region code inside your scope'),
  mine: z.enum(['true', 'false']).optional().describe('only wishes I made or claimed'),
  number: NumberSearch,
  q: Keyword,
  sort: sortParam(WISH_SORT_KEYS),
  ...PageQuery,
});
/** The export takes the list's filters and order, without paging. */
export const ExportQuery = ListQuery.omit({ limit: true, offset: true });

export const WishItem = z.object({
  id: z.number().int(),
  number: z.string(),
  gridCode: z.string(),
  gridName: z.string(),
  beneficiary: z.string(),
  beneficiaryKind: z.enum(BENEFICIARY_KINDS),
  title: z.string(),
  source: z.enum(['resident', 'visit', 'staff']),
  status: z.enum(WISH_STATUSES),
  maxClaimers: z.number().int(),
  activeClaims: z.number().int(),
  claimerNames: z.array(z.string()),
  mine: z.boolean().describe('I made this wish'),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const WishDetail = WishItem.extend({
  detail: z.string(),
  householdId: z.number().int().nullable().describe('staff only'),
  rejectReason: z.string().nullable(),
  fulfilNote: z.string().nullable(),
  thanksNote: z.string().nullable(),
  publishedAt: z.string().nullable(),
  claimedAt: z.string().nullable(),
  fulfilledAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  claims: z.array(
    z.object({
      id: z.number().int(),
      claimerName: z.string(),
      claimerKind: z.enum(CLAIMER_KINDS),
      note: z.string().nullable(),
      status: z.enum(['active', 'withdrawn']),
      mine: z.boolean(),
      createdAt: z.string(),
    }),
  ),
  history: z.array(
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
  photos: z.array(
    z.object({
      id: z.uuid(),
      width: z.number().int(),
      height: z.number().int(),
      url: z.string(),
      thumbUrl: z.string(),
    }),
  ),
  actions: z.array(z.enum(WISH_ACTIONS)).describe('what I may do now'),
});

export const WishStats = z.object({
  submitted: z.number().int(),
  published: z.number().int(),
  claimed: z.number().int(),
  fulfilled: z.number().int(),
  closed: z.number().int(),
  rejected: z.number().int(),
  withdrawn: z.number().int(),
  claimedEver: z.number().int().describe('claimed, fulfilled or closed: every wish someone took on'),
});

export const ActionResult = z.object({
  id: z.number().int(),
  number: z.string(),
  status: z.enum(WISH_STATUSES),
  version: z.number().int(),
});
