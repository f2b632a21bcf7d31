import { z } from 'zod';
import { CareTag } from './schemas.js';

/** A calendar date, YYYY-MM-DD, that exists. */
/** An id in a JSON body (URLs use platform/ids.ts's string form). */
export const BodyId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const DateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'not a date',
  );

export const IdNumber = z
  .string()
  .trim()
  .regex(/^\d{17}[\dXx]$/, '18 位身份证号 (18-character ID number)')
  .transform((s) => s.toUpperCase());
export const Phone = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, '11 位手机号 (11-digit mobile number)');
export const PersonName = z.string().trim().min(1).max(20);
export const Address = z.string().trim().min(2).max(100);
export const Reason = z.string().trim().min(2).max(200);
export const GridCode = z.string().regex(/^\d{15}$/, '15-digit grid code');

export const RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other'] as const;
export const Relation = z.enum(RELATIONS);
export const MaritalStatus = z.enum(['unmarried', 'married', 'divorced', 'widowed']);

/** How a person came onto the archive. */
export const ArrivalEvent = z
  .enum(['birth', 'move_in', 'registered'])
  .describe('birth 出生登记 · move_in 迁入 · registered 补录 (was here before the archive)');

export const PersonFields = z.object({
  name: PersonName,
  gender: z.enum(['male', 'female']),
  birthDate: DateOnly,
  idNumber: IdNumber,
  phone: Phone.nullish(),
  maritalStatus: MaritalStatus.nullish(),
  careTags: z.array(CareTag).max(7).default([]),
  isPartyMember: z.boolean().default(false),
});

export const ClientRequestId = z
  .uuid()
  .optional()
  .describe(
    'the phone’s own id for this registration: sent again after a lost answer, the same record is answered',
  );

export const NewHouseholdBody = z.strictObject({
  gridCode: GridCode,
  address: Address,
  unitId: BodyId.nullish(),
  careTags: z.array(CareTag).max(7).default([]),
  head: z.strictObject({ ...PersonFields.shape }),
  event: ArrivalEvent.default('move_in'),
  on: DateOnly.optional().describe('when it happened; default today'),
  clientRequestId: ClientRequestId,
});

export const UpdateHouseholdBody = z.strictObject({
  address: Address.optional(),
  unitId: BodyId.nullable().optional(),
  careTags: z.array(CareTag).max(7).optional(),
  reason: Reason.optional(),
  version: z.number().int().min(1).optional(),
});

export const MoveHouseholdBody = z.strictObject({
  toGridCode: GridCode,
  address: Address,
  unitId: BodyId.nullish(),
  on: DateOnly.optional(),
  reason: Reason,
});

export const NewResidentBody = z.strictObject({
  householdId: BodyId,
  relation: Relation,
  ...PersonFields.shape,
  event: ArrivalEvent.default('registered'),
  on: DateOnly.optional(),
  clientRequestId: ClientRequestId,
});

export const UpdateResidentBody = z.strictObject({
  name: PersonName.optional(),
  gender: z.enum(['male', 'female']).optional(),
  birthDate: DateOnly.optional(),
  relation: Relation.optional(),
  idNumber: IdNumber.optional(),
  phone: Phone.nullable().optional(),
  maritalStatus: MaritalStatus.nullable().optional(),
  isPartyMember: z.boolean().optional(),
  reason: Reason.optional(),
  version: z.number().int().min(1).optional(),
});

/** The life events of a resident, each with its own fields (a discriminated union on `type`). */
export const ResidentEventBody = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('death'), on: DateOnly, reason: Reason.optional() }),
  z.strictObject({
    type: z.literal('marriage'),
    on: DateOnly,
    joinHouseholdId: BodyId.optional().describe(
      'moves into the spouse’s household (in your scope) as spouse',
    ),
  }),
  z.strictObject({
    type: z.literal('move_out'),
    on: DateOnly,
    reason: Reason,
    toGridCode: GridCode.optional().describe(
      'another grid of the county: the record moves there with its history, as the head of a new household; without it the person left the county',
    ),
    address: Address.optional(),
  }),
  z.strictObject({ type: z.literal('care_tag_added'), tag: CareTag, on: DateOnly, reason: Reason }),
  z.strictObject({ type: z.literal('care_tag_ended'), tag: CareTag, on: DateOnly, reason: Reason }),
]);
export type ResidentEvent = z.infer<typeof ResidentEventBody>;

export const AsOfQuery = z.object({
  asOf: DateOnly.optional().describe('the archive as it stood at the end of this day'),
});

export const HistoryEntry = z.object({
  id: z.number().int(),
  subject: z.enum(['household', 'resident']),
  subjectId: z.number().int(),
  event: z.string(),
  at: z.string(),
  effectiveOn: z.string().nullable(),
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
  changed: z.array(z.string()),
  snapshot: z
    .record(z.string(), z.unknown())
    .describe('the record after the change; ID number and phone masked'),
});

export const GridUnitItem = z.object({
  id: z.number().int(),
  gridCode: z.string(),
  kind: z.enum(['building', 'unit', 'hamlet', 'villagers_group']),
  parentId: z.number().int().nullable(),
  name: z.string(),
  households: z.number().int(),
});

export const NewGridUnitBody = z.strictObject({
  gridCode: GridCode,
  kind: z.enum(['building', 'unit', 'hamlet', 'villagers_group']),
  parentId: BodyId.optional().describe('a unit’s building'),
  name: z.string().trim().min(1).max(40),
});
