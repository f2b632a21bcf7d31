import { z } from 'zod';
import { Id } from '../../platform/ids.js';
import { maskPiiText } from '../../platform/pii-text.js';
import { ATTENDANCE, LIFE_KINDS, PERIODS } from './rules.js';

// Words others read carry no ID number or phone in any form.
const noDigitsRun = (s: string) => !/\d{6,}/.test(s) && maskPiiText(s) === s;
export const publicText = (min: number, max: number) =>
  z.string().trim().min(min).max(max).refine(noDigitsRun, 'no ID numbers or phone numbers here');

export const Day = z.iso.date().describe('a date, YYYY-MM-DD (Beijing)');
export const Within = z
  .string()
  .regex(/^\d{6,15}$/)
  .optional()
  .describe('a region code inside your scope');
const Paging = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
};

export const LifeKind = z.enum(LIFE_KINDS).describe('支部党员大会, 支委会, 党小组会, 党课, 主题党日');
export const Attendance = z
  .array(z.object({ memberId: z.number().int().positive(), status: z.enum(ATTENDANCE) }))
  .max(2000)
  .describe('members of the organisation; a member left out is recorded absent');

export const RecordMeetingBody = z.object({
  orgId: z.number().int().positive().describe('the party branch (or, for 党小组会, the party group)'),
  kind: LifeKind,
  heldOn: Day,
  topic: publicText(2, 100),
  minutes: publicText(0, 5000).default(''),
  attendance: Attendance.default([]),
  clientRequestId: z.uuid().optional().describe('idempotency key: resending returns the same meeting (200)'),
});
export type RecordMeetingBody = z.infer<typeof RecordMeetingBody>;

export const MeetingListQuery = z.object({
  within: Within,
  orgId: Id.optional(),
  kind: LifeKind.optional(),
  from: Day.optional(),
  to: Day.optional(),
  ...Paging,
});

export const MeetingItem = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  kind: LifeKind,
  heldOn: z.string(),
  topic: z.string(),
  present: z.number().int(),
  membersTotal: z.number().int(),
});
export const MeetingDetail = MeetingItem.extend({
  minutes: z.string(),
  attendance: z.array(z.object({ memberId: z.number().int(), name: z.string(), status: z.enum(ATTENDANCE) })),
});
export const MeetingMade = z.object({ id: z.number().int(), replayed: z.boolean() });

export const RhythmItem = z.object({ kind: LifeKind, period: z.enum(PERIODS), since: Day });
export const Rhythm = z.object({ items: z.array(RhythmItem) });
export const RhythmBody = z.object({ items: z.array(RhythmItem).min(1).max(LIFE_KINDS.length) });

export const BoardQuery = z.object({ within: Within, kind: LifeKind.optional(), ...Paging });
export const BoardEntry = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  kind: LifeKind,
  state: z.enum(['ok', 'due', 'behind']),
  behindSince: z.string().nullable(),
  missed: z.number().int(),
  lastHeld: z.string().nullable(),
});
export const Board = z.object({
  today: z.string(),
  summary: z.array(
    z.object({
      kind: LifeKind,
      period: z.enum(PERIODS),
      orgs: z.number().int(),
      ok: z.number().int(),
      due: z.number().int(),
      behind: z.number().int(),
    }),
  ),
  behind: z.array(BoardEntry).describe('organisations behind, longest first'),
  behindTotal: z.number().int(),
});

export const OrgQuery = z.object({ orgId: Id });
export const OrgLife = z.object({
  org: z.object({ id: z.number().int(), name: z.string(), kind: z.string() }),
  roster: z.array(z.object({ id: z.number().int(), name: z.string() })),
  rhythm: z.array(BoardEntry),
});
