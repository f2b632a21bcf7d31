import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { SystemCaller } from './caller.js';

/** The limit's window: the account's `calls_per_minute` calls per this many seconds. */
export const RATE_WINDOW_SECONDS = 60;

/**
 * Counts one call of a system account in the table every instance shares (rate_limit_hit,
 * migration 0155: fixed windows, one upsert a call, the key a SHA-256 so nothing readable is kept).
 * Answers whether the call may go on and, if not, the seconds until the window ends (Retry-After).
 */
export async function takeSystemCall(
  db: DbOrTx,
  caller: Pick<SystemCaller, 'countyCode' | 'id' | 'callsPerMinute'>,
): Promise<{ allowed: boolean; retryAfter: number; remaining: number }> {
  const key = createHash('sha256').update(`exchange.system\u0000${caller.countyCode}:${caller.id}`).digest();
  const { rows } = await sql<{ hits: number; ttl: number }>`
    INSERT INTO rate_limit_hit AS r (key, hits, reset_at)
    VALUES (${key}, 1, clock_timestamp() + make_interval(secs => ${RATE_WINDOW_SECONDS}))
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN r.reset_at <= clock_timestamp() THEN 1 ELSE r.hits + 1 END,
      reset_at = CASE WHEN r.reset_at <= clock_timestamp() THEN EXCLUDED.reset_at ELSE r.reset_at END
    RETURNING hits, greatest(1, ceil(extract(epoch FROM r.reset_at - clock_timestamp())))::int AS ttl`.execute(
    db,
  );
  const { hits, ttl } = rows[0]!;
  return {
    allowed: hits <= caller.callsPerMinute,
    retryAfter: ttl,
    remaining: Math.max(0, caller.callsPerMinute - hits),
  };
}
