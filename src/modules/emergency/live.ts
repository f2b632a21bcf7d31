import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { FeedItem, LiveFeed } from '../../platform/events.js';
import { horizonFeed } from '../../platform/horizon-feed.js';

type Row = {
  id: number;
  x: string;
  county_code: string;
  event_id: number;
  kind: 'declared' | 'report' | 'position' | 'closed';
  grid_code: string | null;
  area_path: string;
};

/**
 * The live feed of emergencies (table emergency_live_event, filled by triggers in the change's own
 * transaction, migration 0131): a household's report, a shared position, a declaration or a
 * closing goes to the area of its grid (or the event's region), and the hub hands it to every
 * stream whose scope holds that place (the county's and township's centres, as the case events).
 * The event carries the emergency's id, the grid and the kind only; the page reloads its map,
 * which is scoped in SQL. Read past a snapshot horizon (platform/horizon-feed.ts).
 */
export function emergencyLiveFeed(db: DbOrTx): LiveFeed {
  return horizonFeed<Row, FeedItem>(db, {
    table: 'emergency_live_event',
    prune: true,
    row: sql`json_build_object('id', id, 'x', xid::text, 'county_code', county_code,
      'event_id', event_id, 'kind', kind, 'grid_code', grid_code, 'area_path', area_path::text)`,
    key: (r) => `${r.county_code}:${r.id}`,
    toItem: (r) => ({
      areaPath: r.area_path,
      event: {
        type: `area.emergency.${r.kind}`,
        about: { type: 'emergency_event', id: r.event_id },
        ...(r.grid_code ? { gridCode: r.grid_code } : {}),
      },
    }),
  });
}
