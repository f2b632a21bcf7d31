import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

/** At most one progress event per campaign or emergency in this many seconds. */
export const PROGRESS_EVERY_SECONDS = 60;

type Due = { county_code: string; subject: 'campaign' | 'emergency'; subject_id: string; counts: unknown };

/**
 * The sweep of `campaign.progress` and `emergency.progress` (migration 0200): for each running
 * campaign and declared emergency that a live subscriber's system may see, whose last progress
 * was sent more than a minute ago (or never), the counts by state are taken; if they moved since
 * the last ones sent, one delivery per subscriber is queued and the mark moves. A trailing change
 * is never lost: it goes out with the next minute. Once across instances: a transaction-level
 * advisory lock (another instance's sweep of the same tick simply skips).
 */
export async function emitProgress(deps: { db: Db; now: () => Date }): Promise<number> {
  return deps.db.transaction().execute(async (tx) => {
    const lock = await sql<{
      ok: boolean;
    }>`SELECT pg_try_advisory_xact_lock(hashtext('exchange.progress')) AS ok`.execute(tx);
    if (!lock.rows[0]?.ok) return 0;
    const now = deps.now();
    const due = await sql<Due>`
      WITH subjects AS (
        SELECT DISTINCT 'campaign'::text AS subject, c.county_code, c.id, c.region_path
        FROM campaign c
        JOIN exchange_subscription s
          ON s.county_code = c.county_code AND s.removed_at IS NULL AND 'campaign.progress' = ANY (s.events)
        JOIN system_account a
          ON a.county_code = s.county_code AND a.id = s.system_account_id AND a.revoked_at IS NULL
         AND c.region_path <@ a.scope_path
        WHERE c.state = 'running'
        UNION
        SELECT DISTINCT 'emergency', e.county_code, e.id, e.region_path
        FROM emergency_event e
        JOIN exchange_subscription s
          ON s.county_code = e.county_code AND s.removed_at IS NULL AND 'emergency.progress' = ANY (s.events)
        JOIN system_account a
          ON a.county_code = s.county_code AND a.id = s.system_account_id AND a.revoked_at IS NULL
         AND e.region_path <@ a.scope_path
        WHERE e.state = 'declared'
      ),
      unsent AS (
        SELECT x.*, m.counts AS last_counts
        FROM subjects x
        LEFT JOIN exchange_progress_mark m
          ON m.county_code = x.county_code AND m.subject = x.subject AND m.subject_id = x.id
        WHERE m.sent_at IS NULL
           OR m.sent_at <= ${now}::timestamptz - make_interval(secs => ${PROGRESS_EVERY_SECONDS})
      )
      SELECT u.county_code, u.subject, u.id::text AS subject_id, k.counts
      FROM unsent u,
      LATERAL (SELECT CASE WHEN u.subject = 'campaign' THEN exchange_campaign_counts(u.county_code, u.id)
                           ELSE exchange_emergency_counts(u.county_code, u.id) END AS counts) k
      WHERE u.last_counts IS DISTINCT FROM k.counts`.execute(tx);
    let queued = 0;
    for (const d of due.rows) {
      const event = `${d.subject}.progress`;
      const r =
        d.subject === 'campaign'
          ? await sql<{ n: number }>`SELECT exchange_enqueue(c.county_code, c.region_path, ${event},
              exchange_campaign_payload(c, ${event}, ${now}::timestamptz)) AS n
              FROM campaign c WHERE c.county_code = ${d.county_code} AND c.id = ${d.subject_id}`.execute(tx)
          : await sql<{ n: number }>`SELECT exchange_enqueue(e.county_code, e.region_path, ${event},
              exchange_emergency_payload(e, ${event}, ${now}::timestamptz)) AS n
              FROM emergency_event e WHERE e.county_code = ${d.county_code} AND e.id = ${d.subject_id}`.execute(
              tx,
            );
      queued += r.rows[0]?.n ?? 0;
      await sql`INSERT INTO exchange_progress_mark (county_code, subject, subject_id, counts, sent_at)
        VALUES (${d.county_code}, ${d.subject}, ${d.subject_id}, ${JSON.stringify(d.counts)}::jsonb, ${now})
        ON CONFLICT (county_code, subject, subject_id)
        DO UPDATE SET counts = EXCLUDED.counts, sent_at = EXCLUDED.sent_at`.execute(tx);
    }
    return queued;
  });
}
