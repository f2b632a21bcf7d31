import { sql } from 'kysely';
import type { Pii } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/database.js';
import { maskPiiText } from '../../platform/pii-text.js';
import { SIGNATURE_HEADER, sign } from './signature.js';

/** Sends one request; answers the HTTP status (throws on a network error or timeout). */
export type Post = (url: string, headers: Record<string, string>, body: string) => Promise<number>;

export const httpPost: Post = async (url, headers, body) => {
  const res = await fetch(url, {
    method: 'POST',
    headers,
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });
  await res.body?.cancel();
  return res.status;
};

/** After this many failed attempts a delivery goes to the dead-letter list. */
export const MAX_DELIVERY_ATTEMPTS = 6;
/** Seconds before the next attempt after the n-th failure: 10 s, 20 s, 40 s … capped at an hour. */
export const retryAfterSeconds = (attempts: number) => Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));

type Titled = { title?: unknown } & Record<string, unknown>;
type Payload = { answer?: string | null; campaign?: Titled; emergency?: Titled } & Record<string, unknown>;

/** Free text leaves the county only masked: a ticket's answer, a campaign's or emergency's title. */
function masked(p: Payload): Payload {
  const out: Payload = { ...p };
  if (typeof p.answer === 'string') out.answer = maskPiiText(p.answer);
  for (const k of ['campaign', 'emergency'] as const) {
    const o = p[k];
    if (o && typeof o.title === 'string') out[k] = { ...o, title: maskPiiText(o.title) };
  }
  return out;
}

/**
 * Sends due webhooks. Each delivery is claimed with FOR UPDATE SKIP LOCKED in its own transaction,
 * so several server instances never send the same one at once, and a crash before the update
 * leaves it due again (a receiver may see a delivery twice: the `wangge-delivery` id tells). A 2xx
 * answer delivers it; anything else waits for a retry with backoff, and after
 * MAX_DELIVERY_ATTEMPTS failures it is dead (the administrator's dead-letter list).
 */
export async function deliverWebhooks(
  deps: { db: Db; pii: Pii; now: () => Date },
  post: Post = httpPost,
  limit = 50,
): Promise<{ delivered: number; failed: number; dead: number }> {
  const out = { delivered: 0, failed: 0, dead: 0 };
  for (let i = 0; i < limit; i++) {
    const now = deps.now();
    const done = await deps.db.transaction().execute(async (tx) => {
      const row = await tx
        .selectFrom('exchange_delivery as d')
        .innerJoin('exchange_subscription as s', (j) =>
          j.onRef('s.county_code', '=', 'd.county_code').onRef('s.id', '=', 'd.subscription_id'),
        )
        .select(['d.county_code', 'd.id', 'd.event', 'd.payload', 'd.attempts', 's.url', 's.secret_enc'])
        .where('d.delivered_at', 'is', null)
        .where('d.dead_at', 'is', null)
        .where('d.next_attempt_at', '<=', now)
        .orderBy('d.next_attempt_at')
        .limit(1)
        .forUpdate('d')
        .skipLocked()
        .executeTakeFirst();
      if (!row) return null;
      // free text leaves the county only masked (phone and ID numbers typed into an answer)
      const body = JSON.stringify(masked(row.payload as Payload));
      let status: number | null = null;
      let error: string | null = null;
      try {
        status = await post(
          row.url,
          {
            'content-type': 'application/json',
            'user-agent': 'Wangge-Webhooks/1',
            'wangge-event': row.event,
            'wangge-delivery': `${row.county_code}-${row.id}`,
            [SIGNATURE_HEADER]: sign(deps.pii.decrypt(row.secret_enc), body, now),
          },
          body,
        );
        if (status < 200 || status > 299) error = `HTTP ${status}`;
      } catch (err) {
        error = String(err instanceof Error ? err.message : err).slice(0, 300);
      }
      const attempts = row.attempts + 1;
      if (error === null) {
        await tx
          .updateTable('exchange_delivery')
          .set({ delivered_at: now, attempts, last_status: status, last_error: null })
          .where('county_code', '=', row.county_code)
          .where('id', '=', row.id)
          .execute();
        return 'delivered' as const;
      }
      const dead = attempts >= MAX_DELIVERY_ATTEMPTS;
      await tx
        .updateTable('exchange_delivery')
        .set({
          attempts,
          last_status: status,
          last_error: error,
          dead_at: dead ? now : null,
          next_attempt_at: sql<Date>`${now}::timestamptz + make_interval(secs => ${retryAfterSeconds(attempts)})`,
        })
        .where('county_code', '=', row.county_code)
        .where('id', '=', row.id)
        .execute();
      return dead ? ('dead' as const) : ('failed' as const);
    });
    if (done === null) break;
    out[done]++;
  }
  return out;
}
