import { z } from 'zod';
import { Id } from '../../platform/ids.js';
import { MATTER_ACTIONS, MATTER_STATES, type MatterAction } from './rules.js';
import { publicText } from './schemas.js';

const Version = z
  .number()
  .int()
  .positive()
  .optional()
  .describe('the version you saw; 409 MATTER_VERSION_CONFLICT if it moved on');
const plain = z.object({ version: Version });
const Count = z.number().int().min(0).max(100_000);
const MeetingId = (which: string) =>
  z
    .number()
    .int()
    .positive()
    .optional()
    .describe(
      `the meeting that took this step, held with its attendance recorded: the village's own ${which} — required (400 MATTER_MEETING_REQUIRED; another is 400 MATTER_MEETING_INVALID, one not held 409 MATTER_MEETING_NOT_RECORDED)`,
    );

export const ProposeBody = z.object({
  title: publicText(2, 60).describe('the major matter, e.g. 村集体土地流转'),
  proposal: publicText(2, 2000).describe('党支部提议: what the branch proposes and why'),
  clientRequestId: z.uuid().optional().describe('idempotency key: resending returns the same matter (200)'),
});

/** The body of each step: what it needs is required, so the OpenAPI document says so per action. */
export const MATTER_ACTION_BODIES = {
  discuss: plain.extend({
    meetingId: MeetingId('两委会议 (kind two_committees)'),
    note: publicText(2, 1000).describe('两委会议商议: the two committees’ opinion'),
  }),
  review: plain.extend({
    meetingId: MeetingId('党员大会 (kind party_members)'),
    present: Count.optional().describe(
      'members present: counted from the meeting’s attendance (the branch’s members who came); if sent, it must be that count (400)',
    ),
    inFavour: Count,
    note: publicText(0, 1000).optional(),
  }),
  decide: plain.extend({
    assembly: z.enum(['villagers', 'representatives']).describe('村民会议 or 村民代表会议'),
    meetingId: MeetingId('村民会议 or 村民代表会议 (kind villagers or representatives, as the assembly)'),
    present: Count.optional().describe(
      'villagers (adults of the village) or representatives present: counted from the meeting’s attendance; if sent, it must be that count (400)',
    ),
    inFavour: Count,
    householdsPresent: Count.optional().describe(
      'villagers’ meeting: households represented (§22’s 2/3 of households), counted from the attendance; if sent, it must be that count',
    ),
    representativesTotal: Count.optional().describe(
      'representatives’ meeting: its members are the residents the meeting invited; if sent, it must be that count',
    ),
    resolution: publicText(2, 2000).describe('the resolution as it will be published'),
  }),
  publish_resolution: plain,
  publish_result: plain.extend({
    result: publicText(2, 2000).describe('what was done: the result as published'),
  }),
} as const;
export type MatterActionBodies = { [A in MatterAction]: z.output<(typeof MATTER_ACTION_BODIES)[A]> };
export type MatterInput = { [A in MatterAction]: { action: A } & MatterActionBodies[A] }[MatterAction];

export const MatterActionBody = z
  .union(
    MATTER_ACTIONS.map((a) =>
      MATTER_ACTION_BODIES[a].meta({
        title: a,
        description: `body of POST /major-matters/{id}/actions/${a}`,
      }),
    ),
  )
  .describe('the body of the step named in the path (see each member’s title)');

export const MatterActionParams = z.object({ id: Id, action: z.enum(MATTER_ACTIONS) });

export const MatterListQuery = z.object({
  within: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional()
    .describe('a region code inside your scope'),
  state: z.enum(MATTER_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

const N = z.number().int().nullable();
export const MatterItem = z.object({
  id: z.number().int(),
  villageCode: z.string(),
  villageName: z.string(),
  title: z.string(),
  state: z.enum(MATTER_STATES),
  version: z.number().int(),
  updatedAt: z.string(),
});
export const MatterDetail = MatterItem.extend({
  proposal: z.string(),
  partyVote: z.object({ total: N, present: N, inFavour: N }),
  assemblyVote: z.object({
    kind: z.string().nullable(),
    total: N,
    present: N,
    householdsTotal: N,
    householdsPresent: N,
    inFavour: N,
  }),
  resolution: z.string().nullable(),
  result: z.string().nullable(),
  resolutionDisclosureId: N,
  resultDisclosureId: N,
  /** what the next votes are counted against, today */
  branch: z.object({ name: z.string(), members: z.number().int() }).nullable(),
  electorate: z.object({ adults: z.number().int(), households: z.number().int() }),
  steps: z.array(
    z.object({
      action: z.string(),
      fromState: z.string(),
      toState: z.string(),
      actorName: z.string(),
      note: z.string().nullable(),
      at: z.string(),
      meeting: z
        .object({ id: z.number().int(), title: z.string(), heldOn: z.string() })
        .nullable()
        .describe('the meeting that took the step'),
    }),
  ),
});
export const MatterMade = z.object({ id: z.number().int(), state: z.string(), version: z.number().int() });
export const MatterStepResult = MatterMade.extend({
  resolutionDisclosureId: N,
  resultDisclosureId: N,
});
