import { maskPiiText } from '../../platform/pii-text.js';
import type { RawCounts } from './repository.js';
import type { CampaignRow } from './repository.js';
import type { CountsOut } from './schemas.js';
import type { TargetListRow } from './target-repository.js';
import type { CityCampaignRow } from './city-repository.js';

const ZERO: RawCounts = { targets: 0, done: 0, na: 0, open: 0, missed: 0 };

export function toCounts(r: RawCounts | undefined): CountsOut {
  const c = r ?? ZERO;
  const settled = c.done + c.na;
  return {
    targets: c.targets,
    done: c.done,
    notApplicable: c.na,
    open: c.open,
    missed: c.missed,
    coverage: c.targets ? Math.round((1000 * settled) / c.targets) / 10 : 0,
  };
}

export function toCampaignItem(c: CampaignRow & { region_name: string }, counts: RawCounts | undefined) {
  return {
    id: Number(c.id),
    title: c.title,
    templateKey: c.template_key,
    regionCode: c.region_code,
    regionName: c.region_name,
    startsOn: c.starts_on,
    endsOn: c.ends_on,
    state: c.state as 'running' | 'closed',
    version: c.version,
    supervising: c.supervising,
    counts: toCounts(counts),
    fromCity: c.city_campaign_id !== null,
  };
}

export function toTargetItem(t: TargetListRow) {
  return {
    id: Number(t.id),
    campaignId: Number(t.campaign_id),
    householdId: Number(t.household_id),
    residentId: t.resident_id === null ? null : Number(t.resident_id),
    name: t.name,
    address: maskPiiText(t.address),
    gridCode: t.grid_code,
    gridName: t.grid_name,
    state: t.state as 'open' | 'done' | 'not_applicable' | 'missed',
    naReason: t.na_reason,
    note: t.note === null ? null : maskPiiText(t.note),
    doneAt: t.done_at?.toISOString() ?? null,
    version: t.version,
  };
}

export function toCityItem(h: CityCampaignRow, counties: (RawCounts & { code: string; name: string })[]) {
  const sum = counties.reduce(
    (s, r) => ({
      targets: s.targets + r.targets,
      done: s.done + r.done,
      na: s.na + r.na,
      open: s.open + r.open,
      missed: s.missed + r.missed,
    }),
    { ...ZERO },
  );
  return {
    id: Number(h.id),
    title: h.title,
    templateKey: h.template_key,
    startsOn: h.starts_on,
    endsOn: h.ends_on,
    state: h.state as 'running' | 'closed',
    version: h.version,
    supervising: h.supervising,
    counts: toCounts(sum),
    byCounty: counties.map((c) => ({ code: c.code, name: c.name, ...toCounts(c) })),
  };
}
