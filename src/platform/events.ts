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
};

/** Ended sessions (sign-out, account disabled, password reset): open streams of them close. */
const SESSIONS_CHANNEL = 'wangge_sessions_ended';

/** Reads the events committed since its last call (the hub calls it, never concurrently). */
export type LiveFeed = () => Promise<Array<{ accountId: number; event: LiveEvent }>>;

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

export class EventHub {
  private readonly emitter = new EventEmitter();
  private client: pg.Client | null = null;
  private stopped = false;
  private subscribers = 0;
  private timer: NodeJS.Timeout | null = null;
  private feed: LiveFeed | null = null;

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
    const tick = async () => {
      try {
        for (const { accountId, event } of await feed()) this.emitter.emit(String(accountId), event);
      } catch (err) {
        this.onError(err);
      }
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
        try {
          const { s } = JSON.parse(msg.payload) as { s: number[] };
          for (const id of s) this.emitter.emit(`session:${id}`);
        } catch {
          // not ours
        }
      }
    });
    client.on('error', () => void this.reconnect());
    await client.connect();
    await client.query(`LISTEN ${SESSIONS_CHANNEL}`);
    this.client = client;
    if (this.subscribers > 0) this.startPolling();
  }

  private async reconnect(): Promise<void> {
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

  /** Calls `fn` once when the session ends (announced by publishSessionsEnded on any instance). */
  onSessionEnded(sessionId: number, fn: () => void): () => void {
    const key = `session:${sessionId}`;
    this.emitter.once(key, fn);
    return () => this.emitter.off(key, fn);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopPolling();
    await this.client?.end().catch(() => {});
    this.client = null;
  }
}
