import { z } from 'zod';
import { OrgKind } from './schemas.js';

/** A calendar date, YYYY-MM-DD, that exists. */
export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'not a date')
  .describe('a calendar date, YYYY-MM-DD (China)');

const Name = z.string().trim().min(2).max(60);
const Note = z.string().trim().min(1).max(200);
const OrgName = z.string().trim().min(2).max(80).describe('the organisation elsewhere (转入/转出单位)');
const RowId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const RegionCode = z.string().regex(/^(\d{9}|\d{12}|\d{15})$/, 'a township, village or grid code');

export const OrgCreate = z.object({
  parentId: RowId,
  kind: OrgKind.exclude(['county_committee']),
  name: Name,
  regionCode: RegionCode.describe('the township, village or grid it sits on, inside its parent’s region'),
});

export const OrgRename = z.object({ name: Name, reason: Note.optional() });

export const OrgMerge = z.object({
  intoId: RowId.describe('the organisation that takes the members and children'),
  on: Day.describe('the day the merged organisation closes'),
  reason: Note,
});

export const MemberMove = z.object({ orgId: RowId, on: Day, reason: Note.optional() });
export const TransferOut = z.object({ on: Day, to: OrgName, reason: Note.optional() });
export const TransferIn = z.object({
  residentId: RowId.describe('the person in the household archive (a resident of your scope)'),
  orgId: RowId,
  on: Day,
  from: OrgName,
  joinedOn: Day.optional().describe('the day they joined the party (入党日期), when known'),
});

export const Created = z.object({ id: z.number().int() });
export const Merged = z.object({
  id: z.number().int(),
  intoId: z.number().int(),
  membersMoved: z.number().int(),
  childrenMoved: z.number().int(),
});
export const TransferredOut = z.object({ id: z.number().int(), householdsUnlinked: z.number().int() });

export const Stint = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  orgClosedOn: z.string().nullable(),
  startedOn: z.string().nullable().describe('null: before the history was kept'),
  startReason: z.enum(['enrolled', 'moved', 'merged', 'transfer_in']),
  cameFrom: z.string().nullable(),
  endedOn: z.string().nullable(),
  endReason: z.enum(['moved', 'merged', 'transfer_out']).nullable(),
  wentTo: z.string().nullable(),
  note: z.string().nullable(),
});
export const History = z.object({
  memberId: z.number().int(),
  name: z.string(),
  leftOn: z.string().nullable(),
  leftTo: z.string().nullable(),
  items: z.array(Stint).describe('oldest first'),
});

/** 党员联系户 in bulk: many households of the caller's scope → one member. */
export const LinkBatch = z.object({
  memberId: RowId,
  householdIds: z
    .array(RowId)
    .min(1)
    .max(500)
    .refine((a) => new Set(a).size === a.length, 'each household once'),
  clientRequestId: z.uuid().describe('idempotency key: resending answers the first result'),
});
export const LinkResult = z.object({
  memberId: z.number().int(),
  linked: z.number().int().describe('households now linked to the member'),
  relinked: z.number().int().describe('of those, households that had another member before'),
});

const Within = z
  .string()
  .regex(/^\d{6,15}$/)
  .optional()
  .describe('limit to this region (inside your scope); default your whole scope');

export const LinkGridsQuery = z.object({
  within: Within,
  unlinkedOnly: z
    .enum(['true', 'false'])
    .default('false')
    .describe('only grids with households no member looks after'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const LinkGrid = z.object({
  code: z.string(),
  name: z.string(),
  households: z.number().int(),
  unlinked: z.number().int(),
  members: z.number().int().describe('members living in the grid'),
});
export const LinkGrids = z.object({
  items: z.array(LinkGrid),
  total: z.number().int().describe('grids matching'),
  households: z.number().int().describe('households in the region'),
  unlinked: z.number().int().describe('households in the region without a linked member'),
  gridsWithUnlinked: z.number().int(),
});

export const LinkHouseholdsQuery = z.object({
  within: Within,
  unlinked: z.enum(['true', 'false']).default('true').describe('only households no member looks after'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const LinkHousehold = z.object({
  id: z.number().int(),
  address: z.string(),
  gridCode: z.string(),
  gridName: z.string(),
  memberCount: z.number().int(),
  careTags: z.array(z.string()),
  memberId: z.number().int().nullable().describe('the member looking after it'),
  memberName: z.string().nullable(),
});
export const LinkHouseholds = z.object({ items: z.array(LinkHousehold), total: z.number().int() });

export const GridParams = z.object({ code: z.string().regex(/^\d{15}$/, 'a grid code') });
export const LeaderSet = z.object({
  accountId: RowId.describe('a village-staff or grid-worker account of the grid’s village'),
  orgId: RowId.describe(
    'the grid, compound or village branch (or community committee) the leader reports to',
  ),
  since: Day,
});
export const Chain = z.object({
  grid: z.object({ code: z.string(), name: z.string() }),
  workers: z.array(
    z.object({ name: z.string(), employment: z.enum(['fullTime', 'partTime']), duty: z.string() }),
  ),
  leader: z.object({ accountId: z.number().int(), name: z.string(), since: z.string() }).nullable(),
  orgs: z
    .array(z.object({ id: z.number().int(), kind: OrgKind, name: z.string() }))
    .describe('the leader’s organisation (or the grid’s own) and those above it, nearest first'),
});
