import { z } from 'zod';
import { CARE_TAGS } from '../people/index.js';
import { Id } from '../../platform/ids.js';
import { Keyword, NumberSearch, sortParam } from '../../platform/lists/index.js';
import { VISIT_SORT_KEYS } from './list-repository.js';

export const VISIT_KINDS = ['routine', 'care', 'follow_up', 'campaign'] as const;
export const VISIT_OUTCOMES = ['all_well', 'needs_help', 'issue_reported', 'not_home'] as const;
/** What a household needs, as a grid worker ticks it on the doorstep (plain categories, no free text). */
export const VISIT_NEEDS = [
  'medical',
  'living',
  'housing',
  'daily_care',
  'schooling',
  'employment',
  'legal',
  'safety',
  'other',
] as const;

export const Within = z
  .string()
  .regex(/^\d{6,15}$/)
  .optional()
  .describe('limit to this region (inside your scope); default your whole scope');
export const IdParams = z.object({
  id: Id,
});

export const RecordVisitBody = z
  .object({
    householdId: z
      .number()
      .int()
      .positive()
      .max(2 ** 53),
    visitedAt: z.iso
      .datetime({ offset: true })
      .describe('when the visit happened (the phone’s clock); a visit kept offline arrives later'),
    kind: z.enum(VISIT_KINDS),
    outcome: z.enum(VISIT_OUTCOMES),
    needs: z.array(z.enum(VISIT_NEEDS)).max(VISIT_NEEDS.length).default([]),
    notes: z.string().trim().max(2000).default(''),
    lng: z.number().min(-180).max(180).optional(),
    lat: z.number().min(-90).max(90).optional(),
    photoIds: z
      .array(z.uuid())
      .max(9)
      .default([])
      .describe('ids from POST /photos (optional: photos are never required)'),
    caseId: z
      .number()
      .int()
      .positive()
      .max(2 ** 53)
      .optional()
      .describe('a case reported from this visit'),
    clientRequestId: z
      .uuid()
      .optional()
      .describe('idempotency: resending with the same id answers the visit already made (200)'),
  })
  .refine((b) => (b.lng === undefined) === (b.lat === undefined), {
    message: 'lng and lat go together',
    path: ['lat'],
  });

export const VisitPhoto = z.object({ id: z.uuid(), url: z.string(), thumbUrl: z.string() });

export const VisitItem = z.object({
  id: z.number().int(),
  householdId: z.number().int(),
  address: z.string(),
  gridCode: z.string(),
  gridName: z.string(),
  workerName: z.string(),
  visitedAt: z.string(),
  kind: z.enum(VISIT_KINDS),
  outcome: z.enum(VISIT_OUTCOMES),
  needs: z.array(z.string()),
  notes: z.string(),
  caseId: z.number().int().nullable(),
  caseNumber: z.string().nullable(),
  photos: z.array(VisitPhoto),
});

export const RecordVisitResponse = VisitItem.extend({
  visitDueAt: z.string().nullable().describe('the household’s next visit is due then'),
});

export const LinkCaseBody = z.object({
  caseId: z
    .number()
    .int()
    .positive()
    .max(2 ** 53),
});

export const DueQuery = z.object({
  within: Within,
  careTag: z.enum(CARE_TAGS).optional(),
  q: z.string().trim().min(1).max(40).optional().describe('part of the address'),
  include: z
    .enum(['due', 'all'])
    .default('due')
    .describe('due: only households due now; all: every household, the due ones first'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const DueItem = z.object({
  id: z.number().int(),
  gridCode: z.string(),
  gridName: z.string(),
  address: z.string(),
  memberCount: z.number().int(),
  careTags: z.array(z.string()),
  lastVisitAt: z.string().nullable(),
  dueAt: z.string().nullable().describe('null: never visited, due now'),
  overdueDays: z
    .number()
    .int()
    .nullable()
    .describe('whole days past due (0: due today); null when never visited; negative: not yet due'),
});

export const ListQuery = z.object({
  within: Within,
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  kind: z.enum(VISIT_KINDS).optional(),
  outcome: z.enum(VISIT_OUTCOMES).optional(),
  number: NumberSearch.describe('part of the household number or of the linked case number'),
  q: Keyword.describe('words in the address, the notes or the worker’s name (not a phone number)'),
  sort: sortParam(VISIT_SORT_KEYS),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** The export takes the list's filters and order, without paging. */
export const VisitExportQuery = ListQuery.omit({ limit: true, offset: true });

export const SummaryRow = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  households: z.number().int(),
  dueNow: z.number().int(),
  visited30d: z.number().int(),
  coverage: z.number().describe('share of households visited in the last 30 days, 0–100'),
});

export const PolicyItem = z.object({
  careTag: z.union([z.enum(CARE_TAGS), z.literal('')]).describe("'' is every household without a listed tag"),
  intervalDays: z.number().int().min(1).max(366),
});
export const PolicyBody = z.object({
  items: z
    .array(PolicyItem)
    .min(1)
    .max(CARE_TAGS.length + 1),
});
export const PolicyResponse = z.object({
  items: z.array(PolicyItem),
  recomputed: z.number().int().optional(),
});
