import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import pg from 'pg';
import type { DbOrTx } from './db/database.js';

/**
 * Live events to signed-in users (server-sent events) come from a feed (the inbox, see
 * modules/notify/live.ts) that every instance polls while it has subscribers: rows written in
 * a change's transaction, read only once committed. This costs the writer nothing beyond its
 * rows, so busy intake is not serialised (a NOTIFY would take a database-wide lock held through
 * the commit's WAL flush). Only rare events use NOTIFY: ended sessions, whose open streams close.
 */
export type LiveEvent = {
  type: string;
  caseId?: number;
  about?: { type: string; id: number };
  number?: string;
  state?: string;
  title?: string;
  /** the title in English (issue 12) */
  titleEn?: string;
  /** area events: the grid the case lies in */
  gridCode?: string;
  /** `call.signal` events: one signalling message or step of a call, for one party (modules/calls) */
  call?: { id: number; signalId: number; kind: string; fromId: number | null; payload: unknown; at: string };
};

/**
 * Ended sessions (sign-out, account disabled, password reset): open streams of them close and
 * every instance drops them from its session cache. Changed accounts (role, scope, name) travel
 * on the same channel: instances drop their cached sessions.
 */
const SESSIONS_CHANNEL = 'wangge_sessions_ended';

/** What a cache of sessions must forget: these sessions, these accounts' sessions, or everything. */
export type Invalidation = { sessions?: number[]; accounts?: number[]; all?: true };

/**
 * An event for one account, or for an area: every stream whose scope path holds `areaPath`
 * (the path itself or below it) gets it — how county and township dashboards hear of every
 * report in their territory without an inbox row each.
 */
export type FeedItem = { accountId: number; event: LiveEvent } | { areaPath: string; event: LiveEvent };

/** Reads the events committed since its last call (the hub calls it, never concurrently). */
export type LiveFeed = () => Promise<FeedItem[]>;

/** One feed reading several, in turn. */
export function combineFeeds(...feeds: LiveFeed[]): LiveFeed {
  return async () => {
    const out: FeedItem[] = [];
    for (const f of feeds) out.push(...(await f()));
    return out;
  };
}

/** True when `path` is `scope` or lies below it (ltree's `path <@ scope`, on the text). */
export function pathWithin(path: string, scope: string): boolean {
  return path === scope || path.startsWith(`${scope}.`);
}

/** How often a hub with subscribers polls its feed. */
export const FEED_POLL_MS = 150;

/**
 * Announces that these sessions ended, in the transaction that ended them: every
 * instance closes the live streams those sessions hold once the change commits.
 */
export async function publishSessionsEnded(tx: DbOrTx, sessionIds: number[]): Promise<void> {
  const ids = [...new Set(sessionIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const payload = JSON.stringify({ s: ids.slice(i, i + 500) });
    await sql`SELECT pg_notify(${SESSIONS_CHANNEL}, ${payload})`.execute(tx);
  }
}

/**
 * Announces that these accounts changed (role, scope, name…), in the transaction that changed
 * them: every instance drops their cached sessions once the change commits.
 */
export async function publishAccountsChanged(tx: DbOrTx, accountIds: number[]): Promise<void> {
  const ids = [...new Set(accountIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const payload = JSON.stringify({ a: ids.slice(i, i + 500) });
    await sql`SELECT pg_notify(${SESSIONS_CHANNEL}, ${payload})`.execute(tx);
  }
}

export class EventHub {
  private readonly invalidations = new Set<(e: Invalidation) => void>();
  private isListening = false;
  private readonly emitter = new EventEmitter();
  private client: pg.Client | null = null;
  private stopped = false;
  private subscribers = 0;
  private timer: NodeJS.Timeout | null = null;
  private feed: LiveFeed | null = null;
  private readonly areas = new Set<{ path: string; fn: (e: LiveEvent) => void }>();
  private primed: Promise<void> = Promise.resolve();

  /** `feed` makes a fresh feed (starting at the present) each time subscribers come back. */
  constructor(
    private readonly url: string,
    private readonly makeFeed?: () => LiveFeed,
    private readonly onError: (err: unknown) => void = () => {},
  ) {
    this.emitter.setMaxListeners(0);
  }

  private startPolling(): void {
    if (!this.makeFeed || this.timer || this.stopped) return;
    const feed = this.makeFeed();
    this.feed = feed;
    let primed = () => {};
    this.primed = new Promise<void>((resolve) => (primed = resolve));
    const tick = async () => {
      try {
        for (const item of await feed()) {
          if ('areaPath' in item) {
            for (const a of this.areas) if (pathWithin(item.areaPath, a.path)) a.fn(item.event);
          } else this.emitter.emit(String(item.accountId), item.event);
        }
      } catch (err) {
        this.onError(err);
      }
      primed(); // the first poll has taken its horizon (later polls: no-op)
      if (this.feed === feed && !this.stopped) this.timer = setTimeout(() => void tick(), FEED_POLL_MS);
    };
    this.timer = setTimeout(() => void tick(), 0);
  }

  private stopPolling(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.feed = null;
  }

  async start(): Promise<void> {
    this.stopped = false;
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (msg) => {
      if (msg.channel === SESSIONS_CHANNEL && msg.payload) {
        let note: { s?: unknown; a?: unknown };
        try {
          note = JSON.parse(msg.payload) as typeof note;
        } catch {
          return; // not ours
        }
        const ids = (v: unknown) =>
          Array.isArray(v) ? v.filter((x): x is number => Number.isInteger(x)) : [];
        const sessions = ids(note.s);
        const accounts = ids(note.a);
        if (sessions.length || accounts.length) this.invalidate({ sessions, accounts });
        for (const id of sessions) this.emitter.emit(`session:${id}`);
      }
    });
    client.on('error', () => void this.reconnect(client));
    await client.connect();
    await client.query(`LISTEN ${SESSIONS_CHANNEL}`);
    this.client = client;
    this.isListening = true;
    if (this.subscribers > 0) this.startPolling();
  }

  /**
   * True while this hub hears every ended session and changed account: a cache of sessions may
   * be trusted only then (announcements made while it was not listening are lost to it).
   */
  get listening(): boolean {
    return this.isListening;
  }

  /** Calls `fn` with every ended session and changed account, and `{ all }` when the hub stops listening. */
  onInvalidate(fn: (e: Invalidation) => void): () => void {
    this.invalidations.add(fn);
    return () => this.invalidations.delete(fn);
  }

  private invalidate(e: Invalidation): void {
    for (const fn of this.invalidations) fn(e);
  }

  private deafen(): void {
    this.isListening = false;
    this.invalidate({ all: true });
  }

  private async reconnect(failed: pg.Client): Promise<void> {
    if (this.client !== failed) return; // not the current connection, or already reconnecting
    this.deafen();
    const old = this.client;
    this.client = null;
    await old?.end().catch(() => {});
    for (let delay = 500; !this.stopped; delay = Math.min(delay * 2, 10_000)) {
      await new Promise((r) => setTimeout(r, delay));
      try {
        await this.start();
        return;
      } catch {
        // keep trying
      }
    }
  }

  /**
   * Resolves once the feed reads from a horizon taken after the subscriptions made so far: an
   * event committed from then on reaches them (the feed's first poll starts at the present, so a
   * change committed between a subscription and that poll would otherwise be missed).
   */
  ready(): Promise<void> {
    return this.primed;
  }

  subscribe(accountId: number, fn: (e: LiveEvent) => void): () => void {
    this.emitter.on(String(accountId), fn);
    if (this.subscribers++ === 0) this.startPolling();
    let off = false;
    return () => {
      if (off) return;
      off = true;
      this.emitter.off(String(accountId), fn);
      if (--this.subscribers === 0) this.stopPolling();
    };
  }

  /** Calls `fn` with every area event inside `scopePath` (the caller's subtree), filtered here. */
  subscribeArea(scopePath: string, fn: (e: LiveEvent) => void): () => void {
    const entry = { path: scopePath, fn };
    this.areas.add(entry);
    if (this.subscribers++ === 0) this.startPolling();
    let off = false;
    return () => {
      if (off) return;
      off = true;
      this.areas.delete(entry);
      if (--this.subscribers === 0) this.stopPolling();
    };
  }

  /** Calls `fn` once when the session ends (announced by publishSessionsEnded on any instance). */
  onSessionEnded(sessionId: number, fn: () => void): () => void {
    const key = `session:${sessionId}`;
    this.emitter.once(key, fn);
    return () => this.emitter.off(key, fn);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.deafen();
    this.stopPolling();
    await this.client?.end().catch(() => {});
    this.client = null;
  }
}
