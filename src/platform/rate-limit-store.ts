import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './db/database.js';

type Hit = { current: number; ttl: number };
type Done = (err: Error | null, res?: Hit) => void;
type RouteOptions = { routeInfo?: { method?: string | string[]; url?: string } };

/** How often, at most, one instance clears the windows that have ended. */
const SWEEP_MS = 60_000;

/**
 * A store for @fastify/rate-limit that keeps its counters in PostgreSQL (table rate_limit_hit,
 * migration 0155), so that several instances behind a balancer share one count: ten sign-in
 * attempts are ten whichever instances answered them. One statement a request: an upsert that
 * starts a new window when the old one has ended. Fixed windows, as the memory store counts.
 * Chosen by WANGGE_RATE_LIMITS=database (docs/SECURITY.md); the default stays in memory for a
 * county on one machine.
 */
export function databaseRateLimitStore(db: Db) {
  let lastSweep = 0;
  const sweep = () => {
    const now = Date.now();
    if (now - lastSweep < SWEEP_MS) return;
    lastSweep = now;
    void sql`DELETE FROM rate_limit_hit WHERE reset_at < now()`.execute(db).catch(() => undefined);
  };

  class DatabaseRateLimitStore {
    /** @fastify/rate-limit constructs the root store with its options (unused); child() names the route. */
    constructor(
      _options?: unknown,
      private readonly route = '',
    ) {}

    private keyOf(key: string) {
      return createHash('sha256').update(`${this.route}\u0000${key}`).digest();
    }

    incr(key: string, cb: Done, timeWindow: number) {
      sweep();
      sql<{ hits: number; ttl: number }>`
        INSERT INTO rate_limit_hit AS r (key, hits, reset_at)
        VALUES (${this.keyOf(key)}, 1, clock_timestamp() + make_interval(secs => ${timeWindow / 1000}))
        ON CONFLICT (key) DO UPDATE SET
          hits = CASE WHEN r.reset_at <= clock_timestamp() THEN 1 ELSE r.hits + 1 END,
          reset_at = CASE WHEN r.reset_at <= clock_timestamp() THEN EXCLUDED.reset_at ELSE r.reset_at END
        RETURNING hits, greatest(0, ceil(extract(epoch FROM r.reset_at - clock_timestamp()) * 1000))::int AS ttl`
        .execute(db)
        .then(({ rows }) => cb(null, { current: rows[0]!.hits, ttl: rows[0]!.ttl }), cb);
    }

    read(key: string, cb: Done) {
      sql<{ hits: number; ttl: number }>`
        SELECT hits, ceil(extract(epoch FROM reset_at - clock_timestamp()) * 1000)::int AS ttl
        FROM rate_limit_hit WHERE key = ${this.keyOf(key)} AND reset_at > clock_timestamp()`
        .execute(db)
        .then(
          ({ rows }) =>
            cb(null, rows[0] ? { current: rows[0].hits, ttl: rows[0].ttl } : { current: 0, ttl: 0 }),
          cb,
        );
    }

    /** One store a route: the route's method and path are part of every key, as the memory store keeps one map a route. */
    child(options: object) {
      // at run time the plugin passes the route's merged limit options, the route under routeInfo
      const info = (options as RouteOptions).routeInfo;
      const m = info?.method;
      return new DatabaseRateLimitStore(
        undefined,
        `${Array.isArray(m) ? m.join(',') : (m ?? '')} ${info?.url ?? ''}`,
      );
    }
  }
  return DatabaseRateLimitStore;
}
