import { z } from 'zod';
import { Keyword, sortParam } from '../../platform/lists/index.js';
import { CHECK_SORT_KEYS } from './check-repository.js';
import { CHECK_STATUSES, EVENT_KINDS, SUPPLY_KEYS, TEAM_KINDS } from './kinds.js';

const ClientRequestId = z
  .uuid()
  .optional()
  .describe('the phone’s id of this report: resent from its queue, it is the same report');
const Version = z.number().int().min(1).optional().describe('the version you saw (409 when stale)');
const RegionCodeInBody = z.string().regex(/^(\d{9}|\d{12}|\d{15})$/, 'a township, village or grid code');
const Instant = z.iso.datetime({ offset: true });

export const Template = z.object({
  key: z.string(),
  kind: z.enum(EVENT_KINDS),
  title: z.string(),
  careTags: z.array(z.string()),
  categoryCode: z.string(),
});

export const DeclareBody = z.strictObject({
  templateKey: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/),
  title: z.string().trim().min(2).max(60),
  area: z
    .array(RegionCodeInBody)
    .min(1)
    .max(100)
    .describe('the townships, villages or grids of your scope the event covers'),
  clientRequestId: ClientRequestId,
});
export type DeclareInput = z.output<typeof DeclareBody>;
export const Declared = z.object({
  id: z.number().int(),
  grids: z.number().int(),
  checks: z.number().int(),
  alerted: z.number().int(),
  replayed: z.boolean(),
});

export const StatusCounts = z.object({
  total: z.number().int(),
  pending: z.number().int(),
  safe: z.number().int(),
  evacuated: z.number().int(),
  needsHelp: z.number().int(),
  unreachable: z.number().int(),
});

export const Summary = z.object({
  checked: z.number().int(),
  total: z.number().int(),
  unreachable: z.number().int(),
  evacuated: z.number().int(),
  helpGiven: z.number().int().describe('requests for help (urgent cases) during the event'),
  pending: z.number().int().describe('households never reported'),
});

export const EventItem = z.object({
  id: z.number().int(),
  kind: z.enum(EVENT_KINDS),
  title: z.string(),
  state: z.enum(['declared', 'closed']),
  regionCode: z.string(),
  declaredAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
  counts: StatusCounts.describe('in your scope'),
});
export const EventDetail = EventItem.extend({
  area: z.array(z.object({ code: z.string(), name: z.string() })).describe('the area’s grids in your scope'),
  summary: Summary.nullable(),
  closeNote: z.string().nullable(),
  helpRequests: z.number().int(),
  actions: z.array(z.enum(['close'])),
  sharing: z
    .enum(['not_in_area', 'off', 'on'])
    .describe('your location sharing for this event (workers of its area only)'),
});
export const ListQuery = z.object({
  state: z.enum(['declared', 'closed']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const CheckItem = z.object({
  id: z.number().int(),
  eventId: z.number().int(),
  householdId: z.number().int(),
  gridCode: z.string(),
  gridName: z.string(),
  address: z.string(),
  name: z.string().describe('the head of household'),
  careTags: z.array(z.string()),
  status: z.enum(['pending', ...CHECK_STATUSES]),
  reportedAt: z.string().nullable(),
  caseId: z.number().int().nullable(),
  version: z.number().int(),
});
/** An event's check list (核查名单): the status filter, words, a column's order, the exact total. */
export const CheckListQuery = z.object({
  status: z.enum(['pending', ...CHECK_STATUSES]).optional(),
  within: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional(),
  q: Keyword.describe('words in the head’s name, the address or the grid’s name (not a phone or ID number)'),
  sort: sortParam(CHECK_SORT_KEYS),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
/** The export takes the list's filters and order, without paging. */
export const CheckExportQuery = CheckListQuery.omit({ limit: true, offset: true });
export const MyChecks = z.object({
  events: z.array(z.object({ id: z.number().int(), kind: z.enum(EVENT_KINDS), title: z.string() })),
  items: z.array(CheckItem),
});

export const ReportBody = z.strictObject({
  status: z.enum(CHECK_STATUSES),
  reportedAt: Instant.optional().describe(
    'when it was seen (the phone’s clock: a queued report arrives later)',
  ),
  note: z.string().trim().max(300).optional(),
  clientRequestId: ClientRequestId,
  version: Version,
});
export type ReportInput = z.output<typeof ReportBody>;
export const ReportResult = z.object({
  id: z.number().int(),
  status: z.enum(['pending', ...CHECK_STATUSES]),
  latest: z.boolean().describe('false: a later report already stands (this one is kept in the history)'),
  caseId: z.number().int().nullable().describe('the urgent case a "needs help" became'),
  version: z.number().int(),
  replayed: z.boolean(),
});
export const CheckHistory = z.object({
  items: z.array(
    z.object({
      status: z.enum(CHECK_STATUSES),
      reportedAt: z.string(),
      by: z.string(),
      note: z.string().nullable(),
    }),
  ),
});

export const HelpBody = z.strictObject({
  description: z.string().trim().min(4).max(500),
  gridCode: z
    .string()
    .regex(/^\d{15}$/)
    .optional(),
  lng: z.number().min(-180).max(180).optional(),
  lat: z.number().min(-90).max(90).optional(),
  checkId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  clientRequestId: ClientRequestId,
});
export type HelpInput = z.output<typeof HelpBody>;
export const HelpResult = z.object({
  caseId: z.number().int(),
  number: z.string(),
  deadlineAt: z.string().nullable(),
  replayed: z.boolean(),
});

export const ByRegion = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  counts: StatusCounts,
});
export const MapPoint = z.object({
  id: z.number().int(),
  lng: z.number(),
  lat: z.number(),
  status: z.enum(['pending', ...CHECK_STATUSES]),
  gridCode: z.string(),
});
export const EventMap = z.object({
  counts: StatusCounts,
  byRegion: z.array(ByRegion).describe('by village (township callers and below) or township (county)'),
  points: z
    .array(MapPoint)
    .describe('households placed inside their grid’s box (the archive keeps no coordinates)'),
  workers: z
    .array(
      z.object({
        accountId: z.number().int(),
        name: z.string(),
        lng: z.number(),
        lat: z.number(),
        at: z.string(),
        gridCode: z.string().describe('the grid the position lies in'),
      }),
    )
    .describe('latest shared positions (only while declared)'),
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
});

export const CloseBody = z.strictObject({
  note: z.string().trim().max(500).optional(),
  version: Version,
});
export const CloseResult = z.object({
  id: z.number().int(),
  state: z.literal('closed'),
  version: z.number().int(),
  summary: Summary,
  positionsPurged: z.number().int(),
});

export const PositionBody = z.strictObject({
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  at: Instant.optional(),
});
export const SharingResult = z.object({ sharing: z.enum(['off', 'on']) });
export const PositionResult = z.object({ gridCode: z.string(), at: z.string() });

export const TeamBody = z.strictObject({
  regionCode: z.string().regex(/^(\d{9}|\d{12})$/, 'a township or village code'),
  kind: z.enum(TEAM_KINDS),
  name: z.string().trim().min(2).max(40),
});
export const MemberBody = z
  .strictObject({
    residentId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    accountId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    duty: z.string().trim().max(40).default(''),
  })
  .refine((m) => (m.residentId === undefined) !== (m.accountId === undefined), {
    message: 'a resident or an account',
    path: ['residentId'],
  });
export const TeamItem = z.object({
  id: z.number().int(),
  regionCode: z.string(),
  regionName: z.string(),
  kind: z.enum(TEAM_KINDS),
  name: z.string(),
  members: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      duty: z.string(),
      from: z.enum(['resident', 'account']),
    }),
  ),
});
export const TeamQuery = z.object({
  within: z
    .string()
    .regex(/^\d{6,12}$/)
    .optional(),
});

export const StockItem = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  item: z.enum(SUPPLY_KEYS),
  name: z.string(),
  unit: z.string(),
  quantity: z.number().int(),
});
export const MoveBody = z.strictObject({
  regionCode: z.string().regex(/^(\d{9}|\d{12})$/, 'a township or village code'),
  item: z.enum(SUPPLY_KEYS),
  kind: z.enum(['receive', 'issue']),
  quantity: z.number().int().min(1).max(1_000_000),
  toRegionCode: z
    .string()
    .regex(/^(\d{9}|\d{12})$/)
    .optional()
    .describe('issue only: a village (or township) of your scope that receives it (a transfer)'),
  eventId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  note: z.string().trim().max(200).default(''),
  clientRequestId: ClientRequestId,
});
export type MoveInput = z.output<typeof MoveBody>;
export const MoveResult = z.object({
  id: z.number().int(),
  balance: z.number().int(),
  replayed: z.boolean(),
});
export const LedgerItem = z.object({
  id: z.number().int(),
  regionCode: z.string(),
  item: z.enum(SUPPLY_KEYS),
  kind: z.enum(['receive', 'issue']),
  quantity: z.number().int(),
  balance: z.number().int(),
  counterpartCode: z.string().nullable(),
  eventId: z.number().int().nullable(),
  note: z.string(),
  movedAt: z.string(),
});
export const LedgerQuery = z.object({
  within: z
    .string()
    .regex(/^\d{6,12}$/)
    .optional(),
  item: z.enum(SUPPLY_KEYS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
