import { z } from 'zod';
import { Keyword, sortParam } from '../../platform/lists/index.js';
import { CADRE_SORT_KEYS } from './repository.js';

export const Within = z
  .string()
  .regex(/^\d{6,15}$/)
  .optional()
  .describe('limit to this region (inside your scope); default your whole scope');

export const DateOn = z.iso.date().describe('YYYY-MM-DD');
export const Gender = z.enum(['male', 'female']);
/** 小学 初中 高中 中专 大专 本科 研究生 */
export const Education = z.enum([
  'primary',
  'junior',
  'senior',
  'vocational',
  'college',
  'bachelor',
  'postgraduate',
]);
/** 大专及以上 */
export const COLLEGE: readonly z.infer<typeof Education>[] = ['college', 'bachelor', 'postgraduate'];
/** 书记 副书记 主任 副主任 委员 */
export const Post = z.enum(['secretary', 'deputy_secretary', 'director', 'deputy_director', 'member']);
/** 党政型 经济型 科技型 政法型 */
export const UnitKind = z.enum(['party_government', 'economic', 'technology', 'legal']);

const Name = z.string().trim().min(1).max(50);
const Phone = z
  .string()
  .regex(/^1[3-9]\d{9}$/)
  .describe('mainland mobile number, 11 ASCII digits');
const IdNumber = z
  .string()
  .trim()
  .regex(/^\d{17}[\dXx]$/, '18 位身份证号 (18-character ID number)')
  .transform((s) => s.toUpperCase())
  .describe('18-character ID number: kept encrypted, found by its blind index, shown masked');

export const CadreInput = z.object({
  regionCode: z.string().regex(/^(\d{6}|\d{9}|\d{12})$/),
  name: Name,
  gender: Gender,
  birthYear: z.number().int().min(1930).max(2010),
  education: Education,
  posts: z.array(Post).max(5).default([]),
  reserve: z.boolean().default(false),
  unit: z.string().trim().min(1).max(100).nullable().default(null),
  phone: Phone.nullable().default(null),
  idNumber: IdNumber.nullable().default(null),
  accountId: z.number().int().positive().nullable().default(null),
});
export type CadreInput = z.infer<typeof CadreInput>;

export const CadrePatch = z
  .object({
    regionCode: CadreInput.shape.regionCode,
    name: Name,
    gender: Gender,
    birthYear: CadreInput.shape.birthYear,
    education: Education,
    posts: z.array(Post).max(5),
    reserve: z.boolean(),
    unit: z.string().trim().min(1).max(100).nullable(),
    phone: Phone.nullable(),
    idNumber: IdNumber.nullable(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });
export type CadrePatch = z.infer<typeof CadrePatch>;

export const CadreKind = z
  .enum(['all', 'committee', 'reserve', 'first_secretary'])
  .default('all')
  .describe('committee: two-committee members; reserve: 后备干部; first_secretary: sent to a village');

export const CadreQuery = z.object({
  within: Within,
  kind: CadreKind,
  q: Keyword.describe('words in the name or unit (not a phone or ID number)'),
  sort: sortParam(CADRE_SORT_KEYS),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
/** The cadre list's export: its filters and order, without paging. */
export const CadreExportQuery = CadreQuery.omit({ limit: true, offset: true });

export const CadreItem = z.object({
  id: z.number().int(),
  regionCode: z.string(),
  regionName: z.string(),
  name: z.string(),
  gender: Gender,
  birthYear: z.number().int(),
  age: z.number().int().describe('this year minus the birth year'),
  education: Education,
  posts: z.array(Post),
  oneShoulder: z.boolean().describe('一肩挑: secretary and director at once'),
  reserve: z.boolean(),
  unit: z.string().nullable(),
  phone: z.string().nullable().describe('masked'),
  idNumber: z.string().nullable().describe('masked'),
});
export const CadreList = z.object({ items: z.array(CadreItem), total: z.number().int() });

export const Training = z.object({
  id: z.number().int(),
  title: z.string(),
  heldOn: z.string(),
  hours: z.number(),
});
export const TrainingInput = z.object({
  title: z.string().trim().min(1).max(100),
  heldOn: DateOn,
  // min(0.1), not positive(): a tiny positive number passes multipleOf(0.1) (Zod rounds it to 0.0) and
  // would round to 0.0 in numeric(5,1), failing the table's CHECK (hours > 0) with a 500
  hours: z.number().min(0.1).max(1000).multipleOf(0.1),
});

export const Posting = z.object({
  id: z.number().int(),
  cadreId: z.number().int(),
  cadreName: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  sendingUnit: z.string(),
  unitKind: UnitKind,
  startedOn: z.string(),
  endedOn: z.string().nullable(),
});
export const PostingInput = z.object({
  villageCode: z.string().regex(/^\d{12}$/),
  sendingUnit: z.string().trim().min(1).max(100),
  unitKind: UnitKind,
  startedOn: DateOn,
});
export const PostingEnd = z.object({ endedOn: DateOn });
export const PostingQuery = z.object({
  within: Within,
  on: DateOn.optional().describe(
    'in post on this date (default today); all postings when absent and all=true',
  ),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const PostingList = z.object({ items: z.array(Posting), total: z.number().int() });

export const Pairing = z.object({
  id: z.number().int(),
  mentorId: z.number().int(),
  mentorName: z.string(),
  menteeId: z.number().int(),
  menteeName: z.string(),
  menteeRegionName: z.string(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
});
export const PairingInput = z.object({
  mentorId: z.number().int().positive(),
  menteeId: z.number().int().positive(),
  startedOn: DateOn,
});
/** Ending a mentor pair or a helper assignment: the date and why. */
export const EndInput = z.object({ endedOn: DateOn, reason: z.string().trim().min(2).max(200) });
export const PairingList = z.object({ items: z.array(Pairing) });

export const CadreDetail = CadreItem.extend({
  trainings: z.array(Training),
  postings: z.array(Posting),
  mentors: z.array(Pairing),
  mentees: z.array(Pairing),
});

export const RevealInput = z.object({
  reason: z.string().trim().min(4).max(200),
  fields: z
    .array(z.enum(['phone', 'idNumber']))
    .min(1)
    .max(2)
    .default(['phone'])
    .describe('what to reveal (default the phone)'),
});
export const Revealed = z.object({
  id: z.number().int(),
  phone: z.string().nullable().describe('null when not asked for or not kept'),
  idNumber: z.string().nullable().describe('null when not asked for or not kept'),
});

const Rate = z.object({
  n: z.number().int().describe('numerator'),
  of: z.number().int().describe('denominator'),
  percent: z.number().nullable().describe('to one decimal; null when the denominator is 0'),
});
export const StatsQuery = z.object({ within: Within, on: DateOn.optional().describe('default today') });
export const Stats = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  on: z.string(),
  committeeMembers: z.number().int().describe('村（社区）两委成员'),
  averageAge: z.number().nullable().describe('to one decimal'),
  college: Rate.describe('大专及以上学历'),
  oneShoulderVillages: Rate.describe(
    '一肩挑: villages whose secretary also chairs the committee / villages with a secretary',
  ),
  oneShoulderCommunities: Rate,
  reserveCadres: z.number().int().describe('后备干部'),
  reserveTrained: z.number().int().describe('后备干部 with at least one training record'),
  firstSecretaries: z.number().int().describe('第一书记 in post on the date'),
  mentorPairs: z.number().int().describe('导师帮带 pairs running on the date'),
});
