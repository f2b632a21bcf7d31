import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { LiveEvent } from '../../platform/events.js';
import { titleEn } from './title-en.js';
import { aboutOf } from './inbox.js';

type Row = {
  id: number;
  x: string;
  account_id: number;
  case_id: number | null;
  about_type: string | null;
  about_id: number | null;
  kind: string;
  title: string;
  event: { number?: string; state?: string } | null;
};

/**
 * The live feed of the inbox: every notification row is a live event for its account.
 *
 * Rows are read past a snapshot horizon instead of by id: ids are handed out before commit,
 * so a row with a smaller id can become visible after one with a larger id. Each poll reads,
 * in one statement (one snapshot), the rows of transactions at or above the previous
 * horizon and the new horizon (the oldest transaction still running). Everything below the
 * horizon has finished, so later polls need not look there; rows above it may be read again
 * and are skipped by id. A row is delivered once per instance, only after its commit.
 */
export function liveFeed(db: DbOrTx): () => Promise<Array<{ accountId: number; event: LiveEvent }>> {
  let horizon: string | null = null;
  let seen = new Map<number, string>(); // id → xid, for rows at or above the horizon
  return async () => {
    if (horizon === null) {
      // start at the present: events from before this instance started are in the inbox
      const { rows } = await sql<{
        h: string;
      }>`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS h`.execute(db);
      horizon = rows[0]!.h;
      return [];
    }
    const { rows } = await sql<{ h: string; rows: Row[] | null }>`
      SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS h,
        (SELECT json_agg(json_build_object(
            'id', id, 'x', xid::text, 'account_id', account_id, 'case_id', case_id,
            'about_type', about_type, 'about_id', about_id, 'kind', kind, 'title', title,
            'event', event) ORDER BY id)
          FROM notification WHERE xid >= ${horizon}::xid8) AS rows`.execute(db);
    const next = rows[0]!.h;
    const out: Array<{ accountId: number; event: LiveEvent }> = [];
    const keep = new Map<number, string>();
    for (const r of rows[0]!.rows ?? []) {
      if (BigInt(r.x) >= BigInt(next)) keep.set(r.id, r.x);
      if (seen.has(r.id)) continue;
      out.push({ accountId: r.account_id, event: toEvent(r) });
    }
    horizon = next;
    seen = keep;
    return out;
  };
}

function toEvent(r: Row): LiveEvent {
  return {
    type: r.kind,
    caseId: r.case_id ?? undefined,
    about: aboutOf(r) ?? undefined,
    title: r.title,
    titleEn: titleEn(r.kind, r.title),
    ...(r.event ?? {}),
  };
}
