import { sql } from 'kysely';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { notify } from '../notify/index.js';

/** The calendar day in China (UTC+8) of an instant. */
const beijingDate = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

const SWEEP_LOCK = 0x63616d70; // "camp"
/** How many days before the window's last day the supervising tiers are told of open targets. */
export const END_WARN_DAYS = 2;

/**
 * A launched campaign tells the grid workers whose grids hold targets (inside the launch's
 * transaction, so a campaign is never launched untold): one inbox item each, with their count.
 */
export async function noticeLaunch(
  tx: DbOrTx,
  c: { countyCode: string; id: number; title: string; launchedBy: number; endsOn: string },
): Promise<void> {
  const workers = await sql<{ account_id: number; n: number }>`
    SELECT a.id AS account_id, count(*)::int AS n
    FROM campaign_target t
    JOIN account a ON a.scope_code = t.grid_code AND a.role = 'grid_worker' AND NOT a.disabled
    WHERE t.county_code = ${c.countyCode} AND t.campaign_id = ${c.id}
    GROUP BY a.id`.execute(tx);
  const byCount = new Map<number, number[]>();
  for (const w of workers.rows) {
    if (Number(w.account_id) === c.launchedBy) continue;
    byCount.set(w.n, [...(byCount.get(w.n) ?? []), Number(w.account_id)]);
  }
  for (const [n, accountIds] of byCount)
    await notify(tx, {
      countyCode: c.countyCode,
      accountIds,
      kind: 'campaign.launched',
      about: { type: 'campaign', id: c.id },
      title: `专项任务「${c.title}」：您的网格有 ${n} 个对象，${c.endsOn} 前完成`,
    });
}

/**
 * Nearing its window's end with open targets, a running campaign tells its supervising tiers —
 * the county centre, the townships' centres and the villages' staff (as the campaign's
 * `supervising` lists them) over the places where targets are still open — once per campaign
 * (end_warned_at, set in the notice's transaction). One sweeper at a time (advisory lock).
 */
export async function warnCampaignEnds(db: Db, now: Date): Promise<{ warned: number } | null> {
  return db.transaction().execute(async (tx) => {
    const { rows: lock } = await sql<{
      ok: boolean;
    }>`SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK}) AS ok`.execute(tx);
    if (!lock[0]?.ok) return null;
    const soon = beijingDate(new Date(now.getTime() + END_WARN_DAYS * 86_400_000));
    const { rows: due } = await sql<{
      county_code: string;
      id: string;
      title: string;
      ends_on: string;
      supervising: string[];
      open: number;
    }>`
      SELECT c.county_code, c.id, c.title, to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on, c.supervising,
        (SELECT count(*)::int FROM campaign_target t
          WHERE t.county_code = c.county_code AND t.campaign_id = c.id AND t.state = 'open') AS open
      FROM campaign c
      WHERE c.state = 'running' AND c.end_warned_at IS NULL AND c.ends_on <= ${soon}::date
      ORDER BY c.ends_on LIMIT 200
      FOR UPDATE OF c SKIP LOCKED`.execute(tx);
    let warned = 0;
    for (const c of due) {
      await tx
        .updateTable('campaign')
        .set({ end_warned_at: now })
        .where('county_code', '=', c.county_code)
        .where('id', '=', Number(c.id))
        .execute();
      if (c.open === 0) continue;
      const roles = [
        ...(c.supervising.includes('county') ? ['county_centre'] : []),
        ...(c.supervising.includes('township') ? ['township_centre'] : []),
        ...(c.supervising.includes('village') ? ['village_staff'] : []),
      ];
      if (roles.length === 0) continue;
      const { rows: tiers } = await sql<{ id: number }>`
        SELECT DISTINCT a.id FROM account a
        JOIN region r ON r.code = a.scope_code
        JOIN campaign_target t ON t.county_code = ${c.county_code} AND t.campaign_id = ${Number(c.id)}
          AND t.state = 'open' AND t.grid_path <@ r.path
        WHERE a.role = ANY(${roles}::text[]) AND NOT a.disabled`.execute(tx);
      await notify(tx, {
        countyCode: c.county_code,
        accountIds: tiers.map((t) => Number(t.id)),
        kind: 'campaign.ending',
        about: { type: 'campaign', id: Number(c.id) },
        title: `专项任务「${c.title}」将于 ${c.ends_on} 结束，尚有 ${c.open} 个对象未完成`,
      });
      warned++;
    }
    return { warned };
  });
}
