import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { FeedItem, LiveFeed } from '../../platform/events.js';
import { horizonFeed } from '../../platform/horizon-feed.js';

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

/**
 * The county-wide feed of reported and closed cases (table case_live_event, filled by a trigger
 * on case_history in the step's own transaction): each event goes to the area of its grid, and
 * the hub hands it to every dashboard stream whose scope holds that grid. Read past a snapshot
 * horizon (platform/horizon-feed.ts): a row is delivered once per instance, only after its commit.
 */
export function caseLiveFeed(db: DbOrTx): LiveFeed {
  return horizonFeed<Row, FeedItem>(db, {
    table: 'case_live_event',
    prune: true,
    row: sql`json_build_object(
      'id', id, 'x', xid::text, 'county_code', county_code, 'case_id', case_id, 'kind', kind,
      'number', number, 'state', state, 'grid_code', grid_code, 'grid_path', grid_path::text)`,
    key: (r) => `${r.county_code}:${r.id}`,
    toItem: (r) => ({
      areaPath: r.grid_path,
      event: {
        type: `area.case.${r.kind}`,
        caseId: r.case_id,
        number: r.number,
        state: r.state,
        gridCode: r.grid_code,
      },
    }),
  });
}
