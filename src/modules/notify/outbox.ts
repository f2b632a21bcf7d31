import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logging.js';

export type OutboxMessage = {
  id: number;
  countyCode: string;
  channel: string;
  recipient: string;
  payload: unknown;
  attempts: number;
};

/** An outside channel. `send` throws to ask for a retry. */
export type Channel = { name: string; send(m: OutboxMessage): Promise<void> };

/** The default channel: writes a log line (ids only, no personal data). */
export function logChannel(log: Logger): Channel {
  return {
    name: 'log',
    async send(m) {
      log.info(
        { outbox: m.id, recipient: m.recipient, payload: m.payload },
        'notification delivered (log channel)',
      );
    },
  };
}

export const MAX_ATTEMPTS = 8;

/** Seconds to wait after the n-th failed attempt: 5 s, 10 s, 20 s … capped at an hour. */
export const backoffSeconds = (attempts: number) => Math.min(3600, 5 * 2 ** Math.max(0, attempts - 1));

/**
 * Delivers due messages. Each message is claimed with FOR UPDATE SKIP LOCKED in
 * its own transaction, so several workers (server instances) never send the same
 * one twice at once, and a crash before the update leaves it due again.
 */
export async function deliverDue(
  db: Db,
  channels: Channel[],
  now: Date,
  limit = 50,
): Promise<{ sent: number; failed: number }> {
  const byName = new Map(channels.map((c) => [c.name, c]));
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < limit; i++) {
    const done = await db.transaction().execute(async (tx) => {
      const row = await tx
        .selectFrom('outbox')
        .select(['id', 'county_code', 'channel', 'recipient', 'payload', 'attempts'])
        .where('sent_at', 'is', null)
        .where('attempts', '<', MAX_ATTEMPTS)
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!row) return null;
      const message: OutboxMessage = {
        id: row.id,
        countyCode: row.county_code,
        channel: row.channel,
        recipient: row.recipient,
        payload: row.payload,
        attempts: row.attempts,
      };
      try {
        const channel = byName.get(row.channel);
        if (!channel) throw new Error(`no channel "${row.channel}" configured`);
        await channel.send(message);
        await tx
          .updateTable('outbox')
          .set({ sent_at: now, attempts: row.attempts + 1, last_error: null })
          .where('id', '=', row.id)
          .execute();
        return 'sent' as const;
      } catch (err) {
        const attempts = row.attempts + 1;
        await tx
          .updateTable('outbox')
          .set({
            attempts,
            last_error: String(err instanceof Error ? err.message : err).slice(0, 500),
            next_attempt_at: sql<Date>`${now}::timestamptz + make_interval(secs => ${backoffSeconds(attempts)})`,
          })
          .where('id', '=', row.id)
          .execute();
        return 'failed' as const;
      }
    });
    if (done === null) break;
    if (done === 'sent') sent++;
    else failed++;
  }
  return { sent, failed };
}
