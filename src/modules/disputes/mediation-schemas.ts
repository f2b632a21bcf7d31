import { z } from 'zod';
import { Day } from './schemas.js';

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const Within = z
  .string()
  .regex(/^\d{6,15}$/)
  .optional()
  .describe('a region code inside your scope');
export const PLACE_KINDS = ['village_point', 'room', 'township_centre', 'county_centre'] as const;
export const MEDIATOR_SOURCES = ['staff', 'team', 'lawyer', 'volunteer', 'retired_cadre', 'other'] as const;
export const OUTCOMES = ['agreed', 'failed', 'adjourned'] as const;

export const RegistryQuery = z.object({ within: Within });

export const PlaceBody = z.object({
  kind: z.enum(PLACE_KINDS).describe('评理说事点 / named room / township or county mediation centre'),
  name: text(2, 60),
  regionCode: z
    .string()
    .regex(/^\d{6,12}$/)
    .optional()
    .describe('the village, township or county it serves (default: your scope)'),
  address: text(0, 120).optional(),
  mediatorId: z.number().int().positive().optional().describe('its mediator (老裴调解室: 老裴)'),
  video: z.boolean().default(false).describe('equipped for remote sessions over video'),
});
export const Place = z.object({
  id: z.number().int(),
  kind: z.enum(PLACE_KINDS),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  address: z.string().nullable(),
  mediatorId: z.number().int().nullable(),
  mediatorName: z.string().nullable(),
  video: z.boolean(),
  sessions: z.number().int().describe('record sheets kept here'),
});

export const MediatorBody = z
  .object({
    name: text(1, 40).optional().describe('required unless registered from a team member'),
    source: z
      .enum(MEDIATOR_SOURCES)
      .optional()
      .describe('staff, a member of the 5+5+N teams, lawyer, volunteer … (required without teamMemberId)'),
    regionCode: z
      .string()
      .regex(/^\d{6,12}$/)
      .optional()
      .describe('where they mediate (default: your scope)'),
    teamMemberId: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('register from this 5+5+N team member (teams): name and team taken from the record'),
    title: text(0, 60).optional().describe('e.g. 乡贤参事会成员, 法律顾问'),
  })
  .refine((b) => b.teamMemberId !== undefined || (b.name !== undefined && b.source !== undefined), {
    message: 'name and source, or teamMemberId',
  });
/** Who may be asked to a session of a dispute: its village's mediating 5+5+N team members. */
export const TeamMemberChoice = z.object({
  id: z.number().int(),
  teamId: z.number().int(),
  teamName: z.string(),
  residentId: z.number().int().nullable(),
  name: z.string(),
  title: z.string(),
  affiliation: z.string(),
  mediatorId: z.number().int().nullable().describe('the mediator record once registered'),
});
export const Mediator = z.object({
  id: z.number().int(),
  name: z.string(),
  source: z.enum(MEDIATOR_SOURCES),
  regionCode: z.string(),
  regionName: z.string(),
  teamMemberId: z.number().int().nullable(),
  title: z.string().nullable(),
  settled: z.number().int().describe('sessions ending in agreement'),
});

export const SessionBody = z
  .object({
    heldOn: Day,
    placeId: z.number().int().positive(),
    remote: z.boolean().default(false).describe('held over video (the county room with a village)'),
    partiesPresent: text(1, 300),
    mediatorIds: z.array(z.number().int().positive()).max(10).default([]),
    teamMemberIds: z
      .array(z.number().int().positive())
      .max(10)
      .default([])
      .describe(
        '5+5+N members of the dispute village’s mediating teams (GET /disputes/{id}/team-members), registered as mediators with the sheet',
      ),
    facts: text(2, 4000),
    applicantClaim: text(1, 2000),
    respondentClaim: text(1, 2000),
    outcome: z.enum(OUTCOMES),
    agreement: text(2, 4000).optional().describe('required when agreed'),
    failReason: text(2, 1000).optional().describe('required when failed'),
    photoIds: z
      .array(z.uuid())
      .max(6)
      .default([])
      .describe('the signed paper, uploaded through POST /photos'),
    clientRequestId: z.uuid().optional(),
  })
  .refine((b) => b.mediatorIds.length + b.teamMemberIds.length >= 1, {
    message: 'at least one mediator or team member',
    path: ['mediatorIds'],
  });
export type SessionBody = z.infer<typeof SessionBody>;

export const RecordSheet = z.object({
  id: z.number().int(),
  dispute: z.object({ id: z.number().int(), number: z.string(), type: z.string(), summary: z.string() }),
  heldOn: z.string(),
  place: z.object({ id: z.number().int(), name: z.string(), kind: z.enum(PLACE_KINDS) }),
  remote: z.boolean(),
  partiesPresent: z.string(),
  parties: z.array(z.object({ side: z.string(), name: z.string(), phoneMasked: z.string().nullable() })),
  mediators: z.array(z.object({ id: z.number().int(), name: z.string(), title: z.string().nullable() })),
  facts: z.string(),
  applicantClaim: z.string(),
  respondentClaim: z.string(),
  outcome: z.enum(OUTCOMES),
  agreement: z.string().nullable(),
  failReason: z.string().nullable(),
  recordedBy: z.string().nullable(),
  photos: z.array(z.object({ id: z.uuid(), url: z.string(), thumbUrl: z.string() })),
  createdAt: z.string(),
});

export const RewardBody = z.object({
  disputeId: z.number().int().positive(),
  mediatorId: z.number().int().positive().optional(),
  placeId: z.number().int().positive().optional(),
  amountYuan: z.number().positive().max(100_000),
  reason: text(2, 300),
  awardedOn: Day.optional(),
});
export const Reward = z.object({
  id: z.number().int(),
  townshipCode: z.string(),
  disputeId: z.number().int(),
  disputeNumber: z.string(),
  mediatorName: z.string().nullable(),
  placeName: z.string().nullable(),
  amountYuan: z.number(),
  reason: z.string(),
  awardedOn: z.string(),
});
export const RewardList = z.object({
  items: z.array(Reward),
  total: z.number(),
  byMediator: z.array(z.object({ name: z.string(), amountYuan: z.number(), awards: z.number().int() })),
});
export const Created = z.object({ id: z.number().int() });
