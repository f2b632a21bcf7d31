import { z } from 'zod';
import { Id } from '../../platform/ids.js';
import { Keyword, NumberSearch, PageQuery, sortParam } from '../../platform/lists/index.js';
import { LOAN_SORT_KEYS } from './loans-repository.js';
import { ITEM_KIND_CODES, LOAN_STATES, SERVICE_CODES, STATION_KINDS } from './kinds.js';

const Within = z
  .string()
  .regex(/^\d{6,15}$/)
  .optional()
  .describe('limit to this region (inside your scope)');
const Text = (min: number, max: number) => z.string().trim().min(min).max(max);
const Lng = z.number().min(73).max(136);
const Lat = z.number().min(3).max(54);
const When = z.iso.datetime({ offset: true });
const Ref = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const ClientRequestId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/)
  .optional()
  .describe('the client’s id of this request: a retry answers the loan already made');

export const StationParams = z.object({ id: Id });
export const StationQuery = z.object({
  within: Within,
  kind: z.enum(STATION_KINDS).optional(),
  ...PageQuery,
});
export const StationItem = z.object({
  id: z.number().int(),
  kind: z.enum(STATION_KINDS),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  address: z.string(),
  lng: z.number(),
  lat: z.number(),
  openingHours: z.string(),
  services: z.array(z.enum(SERVICE_CODES)),
  lends: z.boolean(),
  active: z.boolean(),
  staff: z.number().int(),
  volunteers: z.number().int(),
});
export const StationBody = z.object({
  kind: z.enum(STATION_KINDS),
  regionCode: z
    .string()
    .regex(/^\d{9}(\d{3})?$/)
    .describe('the township (centre) or village it belongs to'),
  name: Text(2, 60),
  address: Text(2, 120),
  lng: Lng,
  lat: Lat,
  openingHours: Text(2, 120).describe('e.g. 周一至周五 8:30–17:00'),
  services: z.array(z.enum(SERVICE_CODES)).max(SERVICE_CODES.length),
  lends: z.boolean().default(false),
});
// `lends` again without its default: a patch that leaves it out must not switch lending off
export const StationPatch = StationBody.omit({ kind: true, regionCode: true, lends: true })
  .partial()
  .extend({ lends: z.boolean().optional(), active: z.boolean().optional() })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

export const Person = z.object({
  id: z.number().int(),
  role: z.enum(['staff', 'volunteer']),
  name: z.string(),
  duty: z.string(),
});
export const PersonBody = z.object({
  role: z.enum(['staff', 'volunteer']),
  name: Text(1, 40),
  duty: Text(0, 60).default(''),
});

export const ActivityItem = z.object({
  id: z.number().int(),
  stationId: z.number().int(),
  stationName: z.string(),
  title: z.string(),
  service: z.enum(SERVICE_CODES),
  startsAt: z.date(),
  endsAt: z.date(),
  capacity: z.number().int(),
  booked: z.number().int(),
  attended: z.number().int(),
  cancelled: z.boolean(),
});
export const ActivityQuery = z.object({
  within: Within,
  station: Id.optional(),
  from: When.optional(),
  to: When.optional(),
  ...PageQuery,
});
export const ActivityBody = z
  .object({
    title: Text(2, 80),
    service: z.enum(SERVICE_CODES),
    startsAt: When,
    endsAt: When,
    capacity: z.number().int().min(1).max(10000),
  })
  .refine((b) => Date.parse(b.endsAt) > Date.parse(b.startsAt), {
    path: ['endsAt'],
    message: 'ends after it starts',
  });
export const Booking = z.object({
  id: z.number().int(),
  residentId: z.number().int(),
  residentName: z.string(),
  bookedAt: z.date(),
  attended: z.boolean(),
});
export const ActivityDetail = ActivityItem.extend({ bookings: z.array(Booking) });
export const BookBody = z.object({ residentId: Ref });
export const AttendBody = z.object({ residentIds: z.array(Ref).min(1).max(500) });
export const BookingParams = z.object({ id: Id, bookingId: Id });

export const Stock = z.object({
  itemKind: z.enum(ITEM_KIND_CODES),
  total: z.number().int(),
  onHand: z.number().int(),
});
export const StockBody = z.object({
  itemKind: z.enum(ITEM_KIND_CODES),
  total: z.number().int().min(0).max(10000),
});
export const StationDetail = StationItem.extend({ people: z.array(Person), stock: z.array(Stock) });

export const LoanItem = z.object({
  id: z.number().int(),
  stationId: z.number().int(),
  stationName: z.string(),
  itemKind: z.enum(ITEM_KIND_CODES),
  residentId: z.number().int(),
  residentName: z.string(),
  state: z.enum(LOAN_STATES),
  lentAt: z.date(),
  dueAt: z.date(),
  returnedAt: z.date().nullable(),
  lostAt: z.date().nullable(),
  overdue: z.boolean().describe('still out after its due time'),
  returnedLate: z.boolean().nullable(),
  remindedAt: z.date().nullable(),
  version: z.number().int(),
});
export const LoanQuery = z.object({
  within: Within,
  station: Id.optional(),
  state: z.enum(LOAN_STATES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  number: NumberSearch.describe('the loan’s number (its id) or a part of it'),
  q: Keyword.describe('words in the station’s or the borrower’s name (not a phone number)'),
  sort: sortParam(LOAN_SORT_KEYS),
  ...PageQuery,
});
/** The export takes the list's filters and order, without paging. */
export const LoanExportQuery = LoanQuery.omit({ limit: true, offset: true });
export const LendBody = z.object({
  stationId: Ref,
  itemKind: z.enum(ITEM_KIND_CODES),
  residentId: Ref,
  days: z.number().int().min(1).max(90).describe('lent for this many days'),
  note: Text(1, 200).optional(),
  clientRequestId: ClientRequestId,
});
export const LoanActionParams = z.object({ id: Id, action: z.enum(['return', 'lose']) });
export const LoanActionBody = z.object({
  version: z.number().int().min(1).max(1_000_000).optional(),
  note: Text(1, 200).optional(),
});

export const CoverageQuery = z.object({ within: Within });
export const Coverage = z.object({
  regionCode: z.string(),
  households: z.number().int().describe('households of the scope'),
  placed: z.number().int().describe('of them with a place (their group’s or building’s point)'),
  within: z.number().int().describe('placed households within 500 m walking of an active station'),
  outside: z.number().int(),
  share: z.number().nullable().describe('within ÷ placed; null when none is placed'),
  stations: z.number().int(),
  limitMetres: z.number(),
  detourFactor: z.number().describe('walking distance = great-circle distance × this factor (no road data)'),
});
export const OutsideItem = z.object({
  householdId: z.number().int(),
  address: z.string(),
  gridCode: z.string(),
  gridName: z.string(),
  unitName: z.string(),
  lng: z.number(),
  lat: z.number(),
  nearestStationId: z.number().int().nullable(),
  nearestStationName: z.string().nullable(),
  walkingMetres: z.number().int().nullable(),
});
export const OutsideQuery = z.object({ within: Within, ...PageQuery });
export const ExportQuery = z.object({ within: Within });
export const CoverageMapQuery = z.object({ within: Within });
export const CoverageMap = z.object({
  stations: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(STATION_KINDS),
      name: z.string(),
      lng: z.number(),
      lat: z.number(),
    }),
  ),
  outside: z
    .array(
      z.object({
        unitId: z.number().int(),
        name: z.string(),
        lng: z.number(),
        lat: z.number(),
        households: z.number().int(),
        walkingMetres: z.number().int().nullable(),
      }),
    )
    .describe('groups and buildings with households outside the circle'),
  radiusMetres: z.number().describe('the straight-line radius of the 500 m walking circle'),
  truncated: z.boolean(),
});
export const CandidateQuery = z.object({
  within: Within,
  count: z.coerce.number().int().min(1).max(10).default(3),
});
export const CandidateItem = z.object({
  unitId: z.number().int(),
  name: z.string(),
  gridName: z.string(),
  lng: z.number(),
  lat: z.number(),
  covers: z.number().int().describe('households now outside the circle that a station here would bring in'),
});
export const Nearest = z.object({
  householdId: z.number().int(),
  station: z
    .object({ id: z.number().int(), name: z.string(), kind: z.enum(STATION_KINDS), address: z.string() })
    .nullable(),
  straightMetres: z.number().int().nullable(),
  walkingMetres: z.number().int().nullable(),
  withinReach: z.boolean(),
  detourFactor: z.number(),
});
