import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { Actor } from '../accounts/index.js';
import { beijingMidnight, periodOf, type Period } from './periods.js';
import { visible } from './repository.js';

const ITEM = [
  'd.id',
  'd.number',
  'd.summary',
  'd.type',
  'd.risk_level',
  'd.tier',
  'd.state',
  'g.name as grid_name',
] as const;
const LIST_LIMIT = 200;

/**
 * A report of disputes under `path` for one period, computed from the data (never typed): found
 * in the period, settled in it, escalated in it (by hand or at the end of a tier's time), overdue
 * in it (escalated automatically or marked overdue at the county), and open at its end — each
 * count with its list (the first 200).
 */
export async function computeReport(db: DbOrTx, actor: Actor, path: string, period: Period, date: string) {
  const { start, end } = periodOf(period, date);
  const a = beijingMidnight(start);
  const b = beijingMidnight(end);
  const base = () =>
    db
      .selectFrom('dispute as d')
      .innerJoin('region as g', 'g.code', 'd.grid_code')
      .where('d.county_code', '=', actor.countyCode)
      .where(visible(actor, path));
  const stepped = (actions: string[]) =>
    sql<boolean>`EXISTS (SELECT 1 FROM dispute_step s WHERE s.county_code = d.county_code AND s.dispute_id = d.id
      AND s.action IN (${sql.join(actions)}) AND s.at >= ${a} AND s.at < ${b})`;
  const lists = {
    found: base().where('d.created_at', '>=', a).where('d.created_at', '<', b),
    settled: base().where('d.settled_at', '>=', a).where('d.settled_at', '<', b),
    escalated: base().where(stepped(['escalate', 'auto_escalate'])),
    overdue: base().where(stepped(['auto_escalate', 'overdue'])),
    // open at the end: not settled by then, or settled and opened again by a broken follow-up (回访)
    // before the end (settled_at keeps the latest settlement, so a reopen after it means open)
    open: base()
      .where('d.created_at', '<', b)
      .where((eb) =>
        eb.or([
          eb('d.settled_at', 'is', null),
          eb('d.settled_at', '>=', b),
          sql<boolean>`EXISTS (SELECT 1 FROM dispute_step s WHERE s.county_code = d.county_code
            AND s.dispute_id = d.id AND s.action = 'follow_up' AND s.to_state = 'open'
            AND s.at >= d.settled_at AND s.at < ${b})`,
        ]),
      )
      .where((eb) => eb.or([eb('d.failed_at', 'is', null), eb('d.failed_at', '>=', b)])),
  };
  const keys = Object.keys(lists) as (keyof typeof lists)[];
  const answers = await Promise.all(
    keys.map(async (k) => {
      const q = lists[k];
      const [items, n] = await Promise.all([
        q.select(ITEM).orderBy('d.created_at').orderBy('d.id').limit(LIST_LIMIT).execute(),
        q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return [k, { count: n.n, items }] as const;
    }),
  );
  type Listed = (typeof answers)[number][1];
  const figures = Object.fromEntries(answers) as Record<keyof typeof lists, Listed>;
  const screenings = await db
    .selectFrom('dispute_screening as s')
    .select([
      sql<number>`count(*)::int`.as('filed'),
      sql<number>`count(*) FILTER (WHERE s.nothing_found)::int`.as('nothing_found'),
    ])
    .where('s.county_code', '=', actor.countyCode)
    .where(sql<boolean>`(s.village_path <@ ${path}::ltree OR s.village_path @> ${path}::ltree)`)
    .where('s.day', '>=', start)
    .where('s.day', '<', end)
    .executeTakeFirstOrThrow();
  return { period, start, end, figures, screenings };
}
export type Report = Awaited<ReturnType<typeof computeReport>>;

/** Only the counts of a report (what an issued report keeps). */
export const countsOf = (r: Report) => ({
  found: r.figures.found.count,
  settled: r.figures.settled.count,
  escalated: r.figures.escalated.count,
  overdue: r.figures.overdue.count,
  open: r.figures.open.count,
  screeningsFiled: r.screenings.filed,
  nothingFound: r.screenings.nothing_found,
});
