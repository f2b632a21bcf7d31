import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import pg from 'pg';
import type { DbOrTx } from './db/database.js';

/**
 * Live events to signed-in users (server-sent events). A change publishes with
 * `publish(tx, …)` inside its own transaction: PostgreSQL delivers a NOTIFY only
 * on commit, to every server instance LISTENing, so a rolled-back change is never
 * announced and every instance can push to its own connected users.
 */
export type LiveEvent = {
  type: string;
  caseId?: number;
  about?: { type: string; id: number };
  number?: string;
  state?: string;
  title?: string;
};

const CHANNEL = 'wangge_events';
/** Ended sessions (sign-out, account disabled, password reset): open streams of them close. */
const SESSIONS_CHANNEL = 'wangge_sessions_ended';

export async function publish(tx: DbOrTx, accountIds: number[], event: LiveEvent): Promise<void> {
  if (accountIds.length === 0) return;
  const payload = JSON.stringify({ a: [...new Set(accountIds)], e: event });
  if (payload.length > 7900) throw new Error('event payload too large for NOTIFY');
  await sql`SELECT pg_notify(${CHANNEL}, ${payload})`.execute(tx);
}

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

  constructor(private readonly url: string) {
    this.emitter.setMaxListeners(0);
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
        return;
      }
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        const { a, e } = JSON.parse(msg.payload) as { a: number[]; e: LiveEvent };
        for (const id of a) this.emitter.emit(String(id), e);
      } catch {
        // not ours
      }
    });
    client.on('error', () => void this.reconnect());
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    await client.query(`LISTEN ${SESSIONS_CHANNEL}`);
    this.client = client;
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
    return () => this.emitter.off(String(accountId), fn);
  }

  /** Calls `fn` once when the session ends (announced by publishSessionsEnded on any instance). */
  onSessionEnded(sessionId: number, fn: () => void): () => void {
    const key = `session:${sessionId}`;
    this.emitter.once(key, fn);
    return () => this.emitter.off(key, fn);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => {});
    this.client = null;
  }
}
