import { z } from 'zod';
import { Keyword, sortParam } from '../../platform/lists/index.js';
import { TARGET_SORT_KEYS } from './target-repository.js';
import { CITY_SORT_KEYS } from './city-repository.js';
import { Id } from '../../platform/ids.js';
import { CARE_TAGS, MoveHouseholdBody } from '../people/index.js';

/** A calendar date, YYYY-MM-DD, that exists. */
export const DateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'not a date',
  );
const RegionCodeInBody = z.string().regex(/^(\d{9}|\d{12}|\d{15})$/, 'a township, village or grid code');

/**
 * Who the campaign is for, as data (evaluated in SQL over the household archive, inside the
 * launcher's subtree): residents present in the archive (by age and care tags) or households (by
 * their own or a present member's care tags), limited to some regions of the subtree if named.
 */
export const Rule = z
  .strictObject({
    subject: z.enum(['resident', 'household']),
    minAge: z.number().int().min(0).max(120).optional().describe('residents only: aged at least this'),
    maxAge: z.number().int().min(0).max(120).optional().describe('residents only: aged at most this'),
    careTags: z
      .array(z.enum(CARE_TAGS))
      .max(CARE_TAGS.length)
      .default([])
      .describe('any of these care tags (none: no condition on tags)'),
    regions: z
      .array(RegionCodeInBody)
      .max(50)
      .default([])
      .describe('only in these townships, villages or grids of your scope (none: all of it)'),
  })
  .refine((r) => r.subject === 'resident' || (r.minAge === undefined && r.maxAge === undefined), {
    message: 'age applies to residents only',
    path: ['minAge'],
  })
  .refine((r) => r.minAge === undefined || r.maxAge === undefined || r.minAge <= r.maxAge, {
    message: 'minAge ≤ maxAge',
    path: ['maxAge'],
  });
export type RuleInput = z.output<typeof Rule>;

export const FIELD_TYPES = ['boolean', 'text', 'number', 'choice', 'date'] as const;
export const ChecklistField = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,29}$/),
  label: z.string().trim().min(1).max(40),
  type: z.enum(FIELD_TYPES),
  required: z.boolean().default(false),
  options: z.array(z.string().trim().min(1).max(20)).min(2).max(10).optional(),
});
/** The checklist each target is worked through; a photo is never forced (国办函〔2026〕12号). */
export const Checklist = z
  .strictObject({
    fields: z.array(ChecklistField).min(1).max(20),
    photo: z.enum(['none', 'optional']).default('optional'),
  })
  .refine((c) => new Set(c.fields.map((f) => f.key)).size === c.fields.length, {
    message: 'field keys must differ',
    path: ['fields'],
  })
  .refine((c) => c.fields.every((f) => (f.type === 'choice') === (f.options !== undefined)), {
    message: 'a choice field (and only it) has options',
    path: ['fields'],
  });
export type ChecklistInput = z.output<typeof Checklist>;

export const TIERS = ['county', 'township', 'village'] as const;

export const LaunchBody = z.strictObject({
  title: z.string().trim().min(2).max(60),
  templateKey: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,39}$/)
    .optional(),
  startsOn: DateOnly,
  endsOn: DateOnly,
  rule: Rule,
  checklist: Checklist,
  supervising: z.array(z.enum(TIERS)).min(1).max(3).describe('the tiers that follow its progress'),
  clientRequestId: z.uuid().optional(),
});
export type LaunchInput = z.output<typeof LaunchBody>;

export const PreviewBody = z.strictObject({ rule: Rule });
export const CityPreviewBody = z.strictObject({
  rule: Rule,
  within: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional()
    .describe('a county, township or village of my city to break down; default the city, by county'),
});
export const PreviewResult = z.object({
  targets: z.number().int(),
  byRegion: z.array(z.object({ code: z.string(), name: z.string(), targets: z.number().int() })),
});

export const Template = z.object({
  key: z.string(),
  title: z.string(),
  description: z.string(),
  rule: Rule,
  checklist: Checklist,
  days: z.number().int(),
});

export const Counts = z.object({
  targets: z.number().int(),
  done: z.number().int(),
  notApplicable: z.number().int(),
  open: z.number().int(),
  missed: z.number().int(),
  /** share of targets settled (done or not applicable), in percent with one decimal */
  coverage: z.number(),
});
export type CountsOut = z.infer<typeof Counts>;

export const CampaignItem = z.object({
  id: z.number().int(),
  title: z.string(),
  templateKey: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  state: z.enum(['running', 'closed']),
  version: z.number().int(),
  supervising: z.array(z.string()),
  counts: Counts.describe('within your scope'),
  fromCity: z.boolean().describe('a county’s part of a city’s campaign (全市响应): the city closes it'),
});
export const CampaignDetail = CampaignItem.extend({
  rule: Rule,
  checklist: Checklist,
  closeReason: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** what the caller may do with it */
  actions: z.array(z.enum(['close'])),
});
export const ListQuery = z.object({
  state: z.enum(['running', 'closed']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export const ProgressQuery = z.object({
  within: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional()
    .describe('the region to break down (inside your scope); default your scope'),
});
export const ProgressRow = Counts.extend({ code: z.string(), name: z.string(), level: z.string() });
export const Progress = z.object({
  code: z.string(),
  name: z.string(),
  total: Counts,
  items: z.array(ProgressRow),
});

export const TargetItem = z.object({
  id: z.number().int(),
  campaignId: z.number().int(),
  householdId: z.number().int(),
  residentId: z.number().int().nullable(),
  /** the resident's name (the grid keeps the archive) or the household's head */
  name: z.string(),
  address: z.string(),
  gridCode: z.string(),
  gridName: z.string(),
  state: z.enum(['open', 'done', 'not_applicable', 'missed']),
  naReason: z.string().nullable(),
  note: z.string().nullable(),
  doneAt: z.string().nullable(),
  version: z.number().int(),
});
export const TargetQuery = z.object({
  campaignId: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/)
    .transform(Number)
    .optional(),
  state: z.enum(['open', 'done', 'not_applicable', 'missed']).optional(),
  within: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
/** A campaign's target list (清单): the filters of the screen, words, a column's order, the exact total. */
export const TargetListQuery = TargetQuery.omit({ campaignId: true }).extend({
  q: Keyword.describe('words in the name, the address or the grid’s name (not a phone or ID number)'),
  sort: sortParam(TARGET_SORT_KEYS),
});
/** The export takes the list's filters and order, without paging. */
export const TargetExportQuery = TargetListQuery.omit({ limit: true, offset: true });
export const MyTargets = z.object({
  campaigns: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      endsOn: z.string(),
      checklist: Checklist,
    }),
  ),
  items: z.array(TargetItem),
  total: z.number().int(),
});

const Answer = z.union([z.boolean(), z.number().finite(), z.string().trim().max(200)]);
const Version = z.number().int().positive().optional();
const ClientRequestId = z
  .uuid()
  .optional()
  .describe('idempotency (the phone’s offline queue): resending answers the first result');

export const TARGET_ACTION_BODIES = {
  complete: z.strictObject({
    answers: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,29}$/), Answer),
    photoIds: z.array(z.uuid()).max(3).default([]),
    doneAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('when it was done (the phone’s clock: a queued report arrives later)'),
    note: z.string().trim().max(500).optional(),
    clientRequestId: ClientRequestId,
    version: Version,
  }),
  not_applicable: z.strictObject({
    reason: z.enum(['deceased', 'moved_away', 'in_hospital', 'other']),
    note: z.string().trim().min(2).max(500).optional(),
    doneAt: z.iso.datetime({ offset: true }).optional(),
    clientRequestId: ClientRequestId,
    version: Version,
  }),
  /** moved within the county: the household is moved to its grid and the target follows it there */
  relocate: MoveHouseholdBody.extend({ version: Version, clientRequestId: ClientRequestId }),
} as const;
export type TargetAction = keyof typeof TARGET_ACTION_BODIES;
export const TARGET_ACTIONS = Object.keys(TARGET_ACTION_BODIES) as TargetAction[];
export type TargetActionInput = {
  [K in TargetAction]: z.output<(typeof TARGET_ACTION_BODIES)[K]> & { action: K };
}[TargetAction];
export const TargetActionBody = z.union([
  TARGET_ACTION_BODIES.complete,
  TARGET_ACTION_BODIES.not_applicable,
  TARGET_ACTION_BODIES.relocate,
]);
export const TargetActionParams = z.object({ id: Id, action: z.enum(TARGET_ACTIONS) });
export const TargetResult = z.object({
  id: z.number().int(),
  state: z.enum(['open', 'done', 'not_applicable', 'missed']),
  gridCode: z.string(),
  version: z.number().int(),
  replayed: z.boolean(),
});

export const CloseBody = z.strictObject({
  reason: z.string().trim().min(2).max(500).optional().describe('required when targets were missed'),
  version: Version,
});
export const CloseResult = z.object({
  id: z.number().int(),
  state: z.literal('closed'),
  version: z.number().int(),
  counts: Counts,
  missed: z.array(TargetItem).describe('every target missed (up to 500; the rest through GET …/targets)'),
});
export const Launched = z.object({ id: z.number().int(), targets: z.number().int(), replayed: z.boolean() });

/** A county's share of a city's campaign: counts only (no target's name or address). */
export const CountyCounts = Counts.extend({ code: z.string(), name: z.string() });
export const CityCampaignItem = z.object({
  id: z.number().int(),
  title: z.string(),
  templateKey: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  state: z.enum(['running', 'closed']),
  version: z.number().int(),
  supervising: z.array(z.string()),
  counts: Counts.describe('over the whole city'),
  byCounty: z.array(CountyCounts),
});
export const CityCampaignDetail = CityCampaignItem.extend({
  rule: Rule,
  checklist: Checklist,
  closeReason: z.string().nullable(),
  closedAt: z.string().nullable(),
  actions: z.array(z.enum(['close'])),
});
/** The city's campaign list: state, words of the title, a column's order, the exact total. */
export const CityListQuery = ListQuery.extend({
  q: Keyword.describe('words in the title'),
  sort: sortParam(CITY_SORT_KEYS),
});
/** The export takes the list's filters and order, without paging. */
export const CityExportQuery = CityListQuery.omit({ limit: true, offset: true });
export const CityLaunched = z.object({
  id: z.number().int(),
  targets: z.number().int(),
  counties: z.number().int().describe('counties where the rule selected someone'),
  replayed: z.boolean(),
});
export const CityCloseResult = z.object({
  id: z.number().int(),
  state: z.literal('closed'),
  version: z.number().int(),
  counts: Counts,
  byCounty: z.array(z.object({ code: z.string(), missed: z.number().int() })),
});
