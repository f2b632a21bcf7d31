import { sql } from 'kysely';
import { localDay } from '../indicators/index.js';
import type { ReportsDeps } from './context.js';
import { computeReport, keep, type Region } from './generate.js';
import { KINDS, LEVEL_OF, type Kind } from './spec.js';

/** Reports made in one pass at most (the next pass, minutes later, makes the rest). */
export const SCHEDULE_BATCH = 100;

const DAY_MS = 86_400_000;

/** The last finished period of each kind: yesterday, a day of last week, last month (YYYY-MM). */
export function lastFinished(kind: Kind, now: Date): string {
  const today = localDay(now);
  if (kind === 'daily') return localDay(new Date(now.getTime() - DAY_MS));
  if (kind === 'weekly') return localDay(new Date(now.getTime() - 7 * DAY_MS));
  return localDay(new Date(Date.parse(`${today.slice(0, 8)}01T00:00:00+08:00`) - DAY_MS)).slice(0, 7);
}

/**
 * The scheduled reports: each village's daily report for yesterday, each township's weekly report
 * for last week, each county's monthly report for last month — made once across every server
 * instance: one pass at a time holds a transaction-scoped advisory lock (the others skip), and the
 * partial unique index on (county, kind, region, period) refuses a second scheduled report of a period.
 * Answers how many were made. `within` (a region path) limits a pass to a subtree (tests, one county).
 */
export async function generateDueReports(deps: ReportsDeps, within?: string): Promise<number> {
  return deps.db.transaction().execute(async (tx) => {
    const { rows } = await sql<{ locked: boolean }>`
      SELECT pg_try_advisory_xact_lock(hashtextextended('case_report.schedule', 0)) AS locked`.execute(tx);
    if (!rows[0]?.locked) return 0;
    const now = deps.now();
    let made = 0;
    for (const kind of KINDS) {
      const at = lastFinished(kind, now);
      const due = await dueRegions(tx, kind, at, SCHEDULE_BATCH - made, within);
      for (const region of due) {
        const r = await computeReport(deps, tx, kind, region, at);
        if ((await keep(tx, kind, region, r, null, now)) !== null) made++;
      }
      if (made >= SCHEDULE_BATCH) break;
    }
    return made;
  });
}

/** The regions of the kind's level without their scheduled report of the period holding `at`. */
async function dueRegions(
  tx: Parameters<typeof computeReport>[1],
  kind: Kind,
  at: string,
  limit: number,
  within: string | undefined,
) {
  if (limit <= 0) return [];
  const from = kind === 'daily' ? at : kind === 'weekly' ? monday(at) : `${at}-01`;
  const { rows } = await sql<Region>`
    SELECT g.county_code AS "countyCode", g.code, g.path::text AS path, g.name, g.level
    FROM region g
    WHERE g.level = ${LEVEL_OF[kind]} AND g.county_code IS NOT NULL
      ${within ? sql`AND g.path <@ ${within}::ltree` : sql``}
      AND NOT EXISTS (SELECT 1 FROM case_report k WHERE k.county_code = g.county_code AND k.kind = ${kind}
                        AND k.region_code = g.code AND k.period_from = ${from}::date AND k.scheduled)
    ORDER BY g.code
    LIMIT ${limit}`.execute(tx);
  return rows;
}

function monday(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * DAY_MS).toISOString().slice(0, 10);
}
