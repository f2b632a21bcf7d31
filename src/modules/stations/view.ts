import type { Service, StationKind, ItemKind, LoanState } from './kinds.js';
import type { ActivityRow } from './activities.js';
import type { LoanRow } from './loans-repository.js';
import type { StationRow } from './repository.js';

export const toStation = (s: StationRow) => ({
  id: Number(s.id),
  kind: s.kind as StationKind,
  name: s.name,
  regionCode: s.region_code,
  regionName: s.region_name,
  address: s.address,
  lng: s.lng,
  lat: s.lat,
  openingHours: s.opening_hours,
  services: s.services as Service[],
  lends: s.lends,
  active: s.active,
  staff: s.staff ?? 0,
  volunteers: s.volunteers ?? 0,
});

export const toActivity = (a: NonNullable<ActivityRow>) => ({
  id: Number(a.id),
  stationId: Number(a.station_id),
  stationName: a.station_name,
  title: a.title,
  service: a.service as Service,
  startsAt: a.starts_at,
  endsAt: a.ends_at,
  capacity: a.capacity,
  booked: a.booked,
  attended: a.attended,
  cancelled: a.cancelled_at !== null,
});

export const toLoan = (l: LoanRow, now: Date) => ({
  id: Number(l.id),
  stationId: Number(l.station_id),
  stationName: l.station_name,
  itemKind: l.item_kind as ItemKind,
  residentId: Number(l.resident_id),
  residentName: l.resident_name,
  state: l.state as LoanState,
  lentAt: l.lent_at,
  dueAt: l.due_at,
  returnedAt: l.returned_at,
  lostAt: l.lost_at,
  overdue: l.state === 'lent' && l.due_at.getTime() < now.getTime(),
  returnedLate: l.returned_late,
  remindedAt: l.reminded_at,
  version: l.version,
});
