import type { z } from 'zod';
import { EVENT_KINDS } from './kinds.js';
import type { EventRow, RawCounts } from './repository.js';
import type { EventItem, StatusCounts } from './schemas.js';

const ZERO: RawCounts = { total: 0, pending: 0, safe: 0, evacuated: 0, needs_help: 0, unreachable: 0 };

export function toCounts(r: RawCounts | undefined): z.infer<typeof StatusCounts> {
  const c = r ?? ZERO;
  return {
    total: c.total,
    pending: c.pending,
    safe: c.safe,
    evacuated: c.evacuated,
    needsHelp: c.needs_help,
    unreachable: c.unreachable,
  };
}

export const toEventItem = (e: EventRow, counts: RawCounts | undefined): z.infer<typeof EventItem> => ({
  id: Number(e.id),
  kind: e.kind as (typeof EVENT_KINDS)[number],
  title: e.title,
  state: e.state as 'declared' | 'closed',
  regionCode: e.region_code,
  declaredAt: e.declared_at.toISOString(),
  closedAt: e.closed_at?.toISOString() ?? null,
  version: e.version,
  counts: toCounts(counts),
});
