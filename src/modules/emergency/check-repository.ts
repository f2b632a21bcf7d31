import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { Scope } from './repository.js';

/** Checks below a node, with the household's address, head and tags (declared events only when asked). */
export async function listChecks(
  db: DbOrTx,
  s: Scope,
  f: { eventId?: number; declaredOnly?: boolean; status?: string; limit: number },
) {
  let q = db
    .selectFrom('emergency_check as c')
    .innerJoin('emergency_event as e', (j) =>
      j.onRef('e.county_code', '=', 'c.county_code').onRef('e.id', '=', 'c.event_id'),
    )
    .innerJoin('household as h', (j) =>
      j.onRef('h.county_code', '=', 'c.county_code').onRef('h.id', '=', 'c.household_id'),
    )
    .innerJoin('region as g', 'g.code', 'c.grid_code')
    .where('c.county_code', '=', s.countyCode)
    .where(sql<boolean>`c.grid_path <@ ${s.path}::ltree`);
  if (f.eventId !== undefined) q = q.where('c.event_id', '=', f.eventId);
  if (f.declaredOnly) q = q.where('e.state', '=', 'declared');
  if (f.status) q = q.where('c.status', '=', f.status);
  const rows = await q
    .select([
      'c.id',
      'c.event_id',
      'c.household_id',
      'c.grid_code',
      'g.name as grid_name',
      'h.address',
      'c.status',
      'c.reported_at',
      'c.case_id',
      'c.version',
      sql<string[]>`(SELECT coalesce(array_agg(DISTINCT t), '{}') FROM (
          SELECT unnest(h.care_tags) AS t UNION
          SELECT unnest(r.care_tags) FROM resident r WHERE r.county_code = h.county_code AND r.household_id = h.id
            AND r.status = 'present') x WHERE t = ANY(e.care_tags))`.as('tags'),
      sql<string>`coalesce((SELECT r.name FROM resident r WHERE r.county_code = h.county_code AND r.household_id = h.id
          AND r.relation = 'head' ORDER BY r.id LIMIT 1), '')`.as('name'),
    ])
    .orderBy(sql`c.status = 'pending'`, 'desc')
    .orderBy('c.grid_code')
    .orderBy('c.id')
    .limit(f.limit)
    .execute();
  return rows.map((c) => ({
    id: Number(c.id),
    eventId: Number(c.event_id),
    householdId: Number(c.household_id),
    gridCode: c.grid_code,
    gridName: c.grid_name,
    address: c.address,
    name: c.name,
    careTags: c.tags,
    status: c.status as 'pending' | 'safe' | 'evacuated' | 'needs_help' | 'unreachable',
    reportedAt: c.reported_at?.toISOString() ?? null,
    caseId: c.case_id === null ? null : Number(c.case_id),
    version: c.version,
  }));
}

/** Every report of one check (the history), oldest first. */
export async function checkHistory(db: DbOrTx, s: Scope, id: number) {
  return db
    .selectFrom('emergency_report as p')
    .innerJoin('emergency_check as c', (j) =>
      j.onRef('c.county_code', '=', 'p.county_code').onRef('c.id', '=', 'p.check_id'),
    )
    .select(['p.status', 'p.reported_at', 'p.reported_by_name', 'p.note'])
    .where('p.county_code', '=', s.countyCode)
    .where('p.check_id', '=', id)
    .where(sql<boolean>`c.grid_path <@ ${s.path}::ltree`)
    .orderBy('p.reported_at')
    .limit(200)
    .execute();
}
