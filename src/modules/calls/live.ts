import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { FeedItem, LiveFeed } from '../../platform/events.js';

type Row = {
  id: number;
  x: string;
  call_id: number;
  from_id: number | null;
  to_id: number;
  kind: string;
  payload: Record<string, unknown> | null;
  at: string;
};

/**
 * The live feed of calls: every signalling row is a `call.signal` event for its addressee
 * only (the other party of the call). Read past a snapshot horizon, as the inbox's feed is
 * (notify/live.ts): a row is delivered once per instance, only after its commit.
 */
export function callLiveFeed(db: DbOrTx): LiveFeed {
  let horizon: string | null = null;
  let seen = new Map<number, string>();
  return async () => {
    if (horizon === null) {
      const { rows } = await sql<{
        h: string;
      }>`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS h`.execute(db);
      horizon = rows[0]!.h;
      return [];
    }
    const { rows } = await sql<{ h: string; rows: Row[] | null }>`
      SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS h,
        (SELECT json_agg(json_build_object('id', id, 'x', xid::text, 'call_id', call_id, 'from_id', from_id,
            'to_id', to_id, 'kind', kind, 'payload', payload, 'at', at) ORDER BY id)
          FROM call_signal WHERE xid >= ${horizon}::xid8) AS rows`.execute(db);
    const next = rows[0]!.h;
    const out: FeedItem[] = [];
    const keep = new Map<number, string>();
    for (const r of rows[0]!.rows ?? []) {
      if (BigInt(r.x) >= BigInt(next)) keep.set(r.id, r.x);
      if (seen.has(r.id)) continue;
      out.push({
        accountId: r.to_id,
        event: {
          type: 'call.signal',
          call: {
            id: r.call_id,
            signalId: r.id,
            kind: r.kind,
            fromId: r.from_id,
            payload: r.payload,
            at: r.at,
          },
        },
      });
    }
    horizon = next;
    seen = keep;
    return out;
  };
}
