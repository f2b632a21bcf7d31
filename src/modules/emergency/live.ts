import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { FeedItem, LiveFeed } from '../../platform/events.js';

type Row = {
  id: number;
  x: string;
  county_code: string;
  event_id: number;
  kind: 'declared' | 'report' | 'position' | 'closed';
  grid_code: string | null;
  area_path: string;
};

/** How often (at most) a reader prunes rows older than a day. */
const PRUNE_MS = 10 * 60_000;

/**
 * The live feed of emergencies (table emergency_live_event, filled by triggers in the change's own
 * transaction, migration 0131): a household's report, a shared position, a declaration or a
 * closing goes to the area of its grid (or the event's region), and the hub hands it to every
 * stream whose scope holds that place (the county's and township's centres, as the case events).
 * The event carries the emergency's id, the grid and the kind only; the page reloads its map,
 * which is scoped in SQL.
 *
 * Read past a snapshot horizon as the inbox feed is (notify/live.ts): a row is delivered once per
 * instance, only after its commit.
 */
export function emergencyLiveFeed(db: DbOrTx): LiveFeed {
  let horizon: string | null = null;
  let seen = new Map<string, string>();
  let pruned = 0;
  return async () => {
    if (Date.now() - pruned > PRUNE_MS) {
      pruned = Date.now();
      await sql`DELETE FROM emergency_live_event WHERE at < now() - interval '1 day'`.execute(db);
    }
    if (horizon === null) {
      const { rows } = await sql<{
        h: string;
      }>`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS h`.execute(db);
      horizon = rows[0]!.h;
      return [];
    }
    const { rows } = await sql<{ h: string; rows: Row[] | null }>`
      SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS h,
        (SELECT json_agg(json_build_object('id', id, 'x', xid::text, 'county_code', county_code,
            'event_id', event_id, 'kind', kind, 'grid_code', grid_code, 'area_path', area_path::text)
            ORDER BY id)
          FROM emergency_live_event WHERE xid >= ${horizon}::xid8) AS rows`.execute(db);
    const next = rows[0]!.h;
    const out: FeedItem[] = [];
    const keep = new Map<string, string>();
    for (const r of rows[0]!.rows ?? []) {
      const key = `${r.county_code}:${r.id}`;
      if (BigInt(r.x) >= BigInt(next)) keep.set(key, r.x);
      if (seen.has(key)) continue;
      out.push({
        areaPath: r.area_path,
        event: {
          type: `area.emergency.${r.kind}`,
          about: { type: 'emergency_event', id: r.event_id },
          ...(r.grid_code ? { gridCode: r.grid_code } : {}),
        },
      });
    }
    horizon = next;
    seen = keep;
    return out;
  };
}
