import type { DbOrTx } from '../../platform/db/database.js';
import type { Invalidation } from '../../platform/events.js';
import { findLiveSession, hashToken } from './repository.js';
import type { Actor } from './roles.js';

/**
 * How long a session read from the database is believed without reading it again. Ended
 * sessions and changed accounts are dropped at once (below), so this only bounds what nobody
 * announced: an operator's hand edit in SQL, a region renamed.
 */
export const SESSION_CACHE_MS = 10_000;
const MAX_ENTRIES = 20_000;

/** What tells the cache about ended sessions and changed accounts: the event hub (platform/events.ts). */
export type InvalidationSource = {
  readonly listening: boolean;
  onInvalidate(fn: (e: Invalidation) => void): () => void;
};

type Entry = { actor: Actor; until: number };

// every cache in this process, so that a change made here is forgotten by all of them at once
const caches = new Set<WeakRef<SessionCache>>();

/**
 * The actor behind a session token, kept per instance so that a request costs no database
 * round trip for its session (every request makes that lookup). It stays correct:
 * - a session ended or an account changed through this process is forgotten by every cache
 *   here as soon as the change commits, before the change is answered (`forgetSessions`,
 *   `forgetAccounts`, called by the accounts service);
 * - one ended or changed through another instance is forgotten when its NOTIFY arrives,
 *   which PostgreSQL sends at the commit (publishSessionsEnded / publishAccountsChanged);
 * - while the hub is not listening (not started, connection lost) nothing is cached or
 *   believed, since announcements could be missed: every request reads the database;
 * - an entry never outlives its session's expiry, nor SESSION_CACHE_MS;
 * - a lookup that raced with an invalidation does not store what it read (generation).
 * Unknown or refused tokens are not cached.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private readonly off: () => void;

  constructor(
    private readonly db: DbOrTx,
    private readonly source: InvalidationSource,
    private readonly ttlMs = SESSION_CACHE_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.off = source.onInvalidate((e) => this.invalidate(e));
    caches.add(new WeakRef(this));
  }

  /** The actor behind a live session token, or undefined. */
  async actorOf(token: string): Promise<Actor | undefined> {
    const key = hashToken(token).toString('base64');
    const hit = this.entries.get(key);
    if (hit && this.source.listening && hit.until > this.now()) return hit.actor;
    if (hit) this.entries.delete(key);
    const generation = this.generation;
    const found = await findLiveSession(this.db, token);
    if (!found) return undefined;
    if (generation === this.generation && this.source.listening) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      const until = Math.min(this.now() + this.ttlMs, found.expiresAt.getTime());
      this.entries.set(key, { actor: found.actor, until });
    }
    return found.actor;
  }

  invalidate(e: Invalidation): void {
    this.generation++;
    if (e.all) return this.entries.clear();
    const sessions = new Set(e.sessions ?? []);
    const accounts = new Set(e.accounts ?? []);
    for (const [key, { actor }] of this.entries)
      if (sessions.has(actor.sessionId) || accounts.has(actor.accountId)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  close(): void {
    this.off();
    this.entries.clear();
    for (const ref of caches) if (ref.deref() === this) caches.delete(ref);
  }
}

function forget(e: Invalidation): void {
  for (const ref of caches) {
    const cache = ref.deref();
    if (cache) cache.invalidate(e);
    else caches.delete(ref);
  }
}

/** After the commit that ended these sessions: every cache in this process forgets them. */
export const forgetSessions = (sessionIds: number[]) => forget({ sessions: sessionIds });

/** After the commit that changed these accounts: every cache in this process forgets their sessions. */
export const forgetAccounts = (accountIds: number[]) => forget({ accounts: accountIds });
