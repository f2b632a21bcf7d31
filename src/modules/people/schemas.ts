import { z } from 'zod';
import { Id } from '../../platform/ids.js';
import { Keyword, sortParam } from '../../platform/lists/index.js';
import { HOUSEHOLD_SORT_KEYS, RESIDENT_SORT_KEYS } from './list-repository.js';

export const CARE_TAGS = [
  'poverty',
  'minimum-living',
  'elderly-alone',
  'bereaved-parent',
  'disabled',
  'left-behind-child',
  'pensioner-60',
  'bedridden',
] as const;
export const CareTag = z.enum(CARE_TAGS);
export const CARE_TAG_NAMES: Record<(typeof CARE_TAGS)[number], string> = {
  poverty: '困难户',
  'minimum-living': '低保',
  'elderly-alone': '孤寡老人',
  'bereaved-parent': '失独',
  disabled: '残疾',
  'left-behind-child': '留守儿童',
  'pensioner-60': '60岁以上养老金领取',
  bedridden: '卧床',
};

export const Within = z
  .string()
  .regex(/^\d{6,15}$/)
  .optional()
  .describe('limit to this region (inside your scope); default your whole scope');

export const HouseholdItem = z.object({
  id: z.number().int(),
  gridCode: z.string(),
  gridName: z.string(),
  address: z.string(),
  memberCount: z.number().int(),
  careTags: z.array(z.string()),
  lastVisitAt: z.string().nullable(),
  unitId: z.number().int().nullable(),
  version: z.number().int(),
});

export const ResidentItem = z.object({
  id: z.number().int(),
  householdId: z.number().int(),
  gridCode: z.string(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  birthYear: z
    .number()
    .int()
    .describe('the year only: a full birth date beside even a masked ID number narrows it down'),
  relation: z.string(),
  idNumber: z.string().describe('masked to its first and last character, e.g. 2****************4'),
  phone: z.string().nullable().describe('masked, e.g. 138****5678'),
  careTags: z.array(z.string()),
  isPartyMember: z.boolean(),
  status: z.enum(['present', 'moved_out', 'deceased', 'merged']),
  maritalStatus: z.string().nullable(),
  version: z.number().int(),
});

/** A household's or resident's number is its id: one digit up (short numbers are common here). */
const RecordNumber = z
  .string()
  .trim()
  .regex(/^\d{1,12}$/)
  .optional();

export const ResidentQuery = z.object({
  within: Within,
  householdId: Id.optional(),
  name: z.string().trim().min(1).max(20).optional(),
  idNumber: z
    .string()
    .regex(/^\d{17}[\dXx]$/, '18-character ID number')
    .optional()
    .describe(
      'exact match (keyed hash): a reveal — needs the reveal right and a reason; audited, 10 a minute',
    ),
  phone: z
    .string()
    .regex(/^1\d{10}$/, '11-digit mobile number')
    .optional()
    .describe('exact match (keyed hash): a reveal, like idNumber'),
  reason: z
    .string()
    .trim()
    .min(4, '请说明查询事由 (at least 4 characters)')
    .max(200)
    .optional()
    .describe('why the exact search is made; required with idNumber or phone'),
  careTag: CareTag.optional(),
  number: RecordNumber.describe("a part of the resident's number"),
  q: Keyword.describe('words in the name or relation (not a phone or ID number: use phone or idNumber)'),
  sort: sortParam(RESIDENT_SORT_KEYS),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
/** The resident list's export: its filters and order, never an exact search (that is a reveal). */
export const ResidentExportQuery = ResidentQuery.omit({
  idNumber: true,
  phone: true,
  reason: true,
  limit: true,
  offset: true,
});

export const HouseholdQuery = z.object({
  within: Within,
  careTag: CareTag.optional(),
  number: RecordNumber.describe("a part of the household's number"),
  q: Keyword.describe("words in the address or a member's name (not a phone: use phone)"),
  phone: z
    .string()
    .regex(/^1\d{10}$/, '11-digit mobile number')
    .optional()
    .describe("a member's phone, exact (keyed hash): a reveal — the reveal right and a reason; audited"),
  reason: z
    .string()
    .trim()
    .min(4, '请说明查询事由 (at least 4 characters)')
    .max(200)
    .optional()
    .describe('why the phone search is made; required with phone'),
  sort: sortParam(HOUSEHOLD_SORT_KEYS),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
/** The household list's export: its filters and order, never a phone search (that is a reveal). */
export const HouseholdExportQuery = HouseholdQuery.omit({
  phone: true,
  reason: true,
  limit: true,
  offset: true,
});

export const RevealBody = z.object({
  reason: z.string().trim().min(4, '请说明查看事由 (at least 4 characters)').max(200),
  fields: z
    .array(z.enum(['idNumber', 'phone']))
    .min(1)
    .max(2),
});

export const RevealResponse = z.object({
  id: z.number().int(),
  idNumber: z.string().optional(),
  phone: z.string().nullable().optional(),
});
