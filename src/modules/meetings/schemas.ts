import { z } from 'zod';
import { Keyword, sortParam } from '../../platform/lists/index.js';
import { maskPiiText } from '../../platform/pii-text.js';
import { MEETING_SORT_KEYS } from './repository.js';

// Names and words others read carry no ID number or phone in any form: nothing the free-text
// masking would mask, and no long digit runs.
const noDigitsRun = (s: string) => !/\d{6,}/.test(s) && maskPiiText(s) === s;
export const publicText = (min: number, max: number) =>
  z.string().trim().min(min).max(max).refine(noDigitsRun, 'no ID numbers or phone numbers here');

const Day = z.iso.date().describe('a date, YYYY-MM-DD');
const RegionCode = z.string().regex(/^(\d{12}|\d{15})$/, 'a village (12 digits) or grid (15 digits) code');
const Version = z.number().int().positive().optional().describe('the version you saw; 409 if it moved on');

export const PARTICIPANT_KINDS = [
  'resident',
  'party_member',
  'property_manager',
  'station',
  'new_economy_org',
  'team_member',
  'village_cadre',
  'department',
  'other',
] as const;
/** What a participant may be linked to, by the kind it comes as (the others are names only). */
export const PARTICIPANT_REF = {
  resident: 'resident',
  party_member: 'party_member',
  property_manager: 'enterprise',
  new_economy_org: 'enterprise',
  station: 'station',
  team_member: 'team_member',
  village_cadre: 'cadre',
} as const;
export type ParticipantRefType = (typeof PARTICIPANT_REF)[keyof typeof PARTICIPANT_REF];
/** 议事会, or the village body that takes a step of 四议两公开. */
export const MEETING_KINDS = [
  'deliberation',
  'two_committees',
  'party_members',
  'villagers',
  'representatives',
] as const;
export const RESOLUTION_STATUSES = ['not_started', 'in_progress', 'done', 'dropped'] as const;

export const ConveneBody = z.object({
  title: publicText(2, 80),
  heldOn: Day,
  place: publicText(0, 60).default(''),
  regionCode: RegionCode.optional().describe('the village or grid it is held for (default: your own scope)'),
  convenerKind: z.enum(['grid_party', 'village']).describe('a grid party organisation or the village'),
  kind: z
    .enum(MEETING_KINDS)
    .default('deliberation')
    .describe('议事会, or 两委会议 / 党员大会 / 村民会议 / 村民代表会议 (a village’s, for 四议两公开)'),
  convenerName: publicText(2, 60).describe('e.g. 第三网格党小组, 村两委'),
  agenda: z.array(publicText(2, 200)).min(1).max(20),
  participants: z
    .array(
      z
        .object({
          kind: z.enum(PARTICIPANT_KINDS),
          name: publicText(1, 60)
            .optional()
            .describe(
              'as the minutes may show it: "王大爷", "幸福物业", never an ID or phone; with refId, the linked one’s name',
            ),
          refId: z
            .number()
            .int()
            .positive()
            .optional()
            .describe(
              'who it is: the resident, party member, enterprise (property manager, new-economy organisation), station, 5+5+N team member or cadre (干部库) of the meeting’s village within your scope — by kind; 400 MEETING_PARTICIPANT_UNKNOWN otherwise',
            ),
        })
        .refine((p) => p.name !== undefined || p.refId !== undefined, 'a name or a refId')
        .refine(
          (p) => p.refId === undefined || p.kind in PARTICIPANT_REF,
          'this kind of participant is a name only (no refId)',
        ),
    )
    .max(2000)
    .default([])
    .describe('up to 2000: a villagers’ meeting invites its adults or the households’ representatives'),
  matters: z
    .array(
      z.object({
        title: publicText(2, 80).describe('the problem taken up (难题)'),
        link: z
          .object({ type: z.enum(['case', 'dispute', 'wish']), id: z.number().int().positive() })
          .optional()
          .describe('the case, dispute or wish of the same place it settles'),
      }),
    )
    .max(50)
    .default([]),
  clientRequestId: z.uuid().optional().describe('idempotency key: resending returns the same meeting (200)'),
});
export type ConveneBody = z.infer<typeof ConveneBody>;

export const RecordBody = z.object({
  attended: z.array(z.number().int().positive()).max(2000).describe('ids of the participants who came'),
  minutes: publicText(0, 5000).optional().describe('会议记录; ID and phone numbers are refused'),
  version: Version,
});

export const ResolutionBody = z.object({
  text: publicText(2, 500),
  responsible: publicText(1, 60).describe('the person or unit answerable for it'),
  dueOn: Day.optional(),
  matterId: z.number().int().positive().optional().describe('the matter of this meeting it settles'),
});

export const UpdateBody = z.object({
  status: z.enum(RESOLUTION_STATUSES),
  progress: z.number().int().min(0).max(100).describe('percent; done is always 100'),
  note: publicText(1, 500),
  onDate: Day.optional().describe('the day of the update (default today)'),
  version: Version,
});

export const ListQuery = z.object({
  within: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional()
    .describe('a region code inside your scope'),
  from: Day.optional(),
  to: Day.optional(),
  kind: z.enum(MEETING_KINDS).optional(),
  q: Keyword.describe(
    'words in the title, the place, the convener’s name or the village’s name (not a phone)',
  ),
  sort: sortParam(MEETING_SORT_KEYS),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

/** The export takes the list's filters and order, without paging. */
export const ExportQuery = ListQuery.omit({ limit: true, offset: true });

export const CountsQuery = ListQuery.pick({ within: true, from: true, to: true });

export const MeetingItem = z.object({
  id: z.number().int(),
  kind: z.enum(MEETING_KINDS),
  regionCode: z.string(),
  regionName: z.string(),
  convenerKind: z.string(),
  convenerName: z.string(),
  title: z.string(),
  heldOn: z.string(),
  place: z.string(),
  state: z.string(),
  invited: z.number().int(),
  attended: z.number().int(),
  matters: z.number().int(),
  resolutions: z.number().int(),
  resolutionsDone: z.number().int(),
  version: z.number().int(),
});

const Update = z.object({
  id: z.number().int(),
  onDate: z.string(),
  status: z.string(),
  progress: z.number().int(),
  note: z.string(),
  actorName: z.string(),
});
export const Resolution = z.object({
  id: z.number().int(),
  matterId: z.number().int().nullable(),
  text: z.string(),
  responsible: z.string(),
  dueOn: z.string().nullable(),
  status: z.string(),
  progress: z.number().int(),
  doneOn: z.string().nullable(),
  version: z.number().int(),
  updates: z.array(Update),
});

export const MeetingDetail = MeetingItem.extend({
  agenda: z.array(z.string()),
  minutes: z.string().nullable(),
  participants: z.array(
    z.object({
      id: z.number().int(),
      kind: z.string(),
      name: z.string(),
      attended: z.boolean().nullable(),
      ref: z.object({ type: z.string(), id: z.number().int() }).nullable().describe('who it is, when linked'),
    }),
  ),
  /** the 四议两公开 steps of major matters taken at this meeting */
  matterSteps: z.array(
    z.object({ matterId: z.number().int(), title: z.string(), action: z.string(), at: z.string() }),
  ),
  matterList: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      linkType: z.string().nullable(),
      linkId: z.number().int().nullable(),
      settled: z.boolean(),
    }),
  ),
  resolutionList: z.array(Resolution),
});

export const Counts = z.object({
  meetings: z.number().int(),
  held: z.number().int(),
  matters: z.number().int(),
  settled: z.number().int(),
  resolutionsDone: z.number().int(),
  resolutionsOpen: z.number().int(),
});

export const Made = z.object({ id: z.number().int(), state: z.string(), version: z.number().int() });
export const ResolutionMade = z.object({
  id: z.number().int(),
  status: z.string(),
  progress: z.number().int(),
  version: z.number().int(),
});

export const CandidateQuery = z.object({
  type: z
    .enum(['resident', 'party_member', 'enterprise', 'station', 'team_member', 'cadre'])
    .describe('who to find: a participant to link by id (a cadre of the register invites a village cadre)'),
  q: z
    .string()
    .trim()
    .min(1)
    .max(20)
    // names only: no control characters, never a number that could be an ID or a phone
    .refine(
      // eslint-disable-next-line no-control-regex -- refusing control characters is the point
      (s) => !/[\u0000-\u001f\u007f]/.test(s) && !/[0-9０-９]{3,}/.test(s),
      'a part of a name',
    )
    .describe('a part of the name'),
  regionCode: RegionCode.optional().describe(
    'the village or grid the meeting is for (default: your own scope)',
  ),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const Candidates = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      place: z.string().describe('the grid, organisation, team or address: never an ID number or phone'),
    }),
  ),
});
