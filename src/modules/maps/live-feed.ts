import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { FeedItem, LiveFeed } from '../../platform/events.js';

type Row = {
  id: number;
  x: string;
  county_code: string;
  case_id: number;
  kind: 'reported' | 'closed';
  number: string;
  state: string;
  grid_code: string;
  grid_path: string;
};

/** How often (at most) a reader prunes events older than a day. */
const PRUNE_MS = 10 * 60_000;

/**
 * The county-wide feed of reported and closed cases (table case_live_event, filled by a trigger
 * on case_history in the step's own transaction): each event goes to the area of its grid, and
 * the hub hands it to every dashboard stream whose scope holds that grid.
 *
 * Read past a snapshot horizon as the inbox feed is (notify/live.ts): ids are handed out before
 * commit, so each poll reads the rows of transactions at or above the previous horizon and
 * skips those already seen; a row is delivered once per instance, only after its commit.
 */
export function caseLiveFeed(db: DbOrTx): LiveFeed {
  let horizon: string | null = null;
  let seen = new Map<string, string>(); // county:id → xid, for rows at or above the horizon
  let pruned = 0;
  return async () => {
    if (Date.now() - pruned > PRUNE_MS) {
      pruned = Date.now();
      await sql`DELETE FROM case_live_event WHERE at < now() - interval '1 day'`.execute(db);
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
        (SELECT json_agg(json_build_object(
            'id', id, 'x', xid::text, 'county_code', county_code, 'case_id', case_id, 'kind', kind,
            'number', number, 'state', state, 'grid_code', grid_code, 'grid_path', grid_path::text)
            ORDER BY id)
          FROM case_live_event WHERE xid >= ${horizon}::xid8) AS rows`.execute(db);
    const next = rows[0]!.h;
    const out: FeedItem[] = [];
    const keep = new Map<string, string>();
    for (const r of rows[0]!.rows ?? []) {
      const key = `${r.county_code}:${r.id}`;
      if (BigInt(r.x) >= BigInt(next)) keep.set(key, r.x);
      if (seen.has(key)) continue;
      out.push({
        areaPath: r.grid_path,
        event: {
          type: `area.case.${r.kind}`,
          caseId: r.case_id,
          number: r.number,
          state: r.state,
          gridCode: r.grid_code,
        },
      });
    }
    horizon = next;
    seen = keep;
    return out;
  };
}
