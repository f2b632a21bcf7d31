import { breakdown, dayOfNow, series, values, type Ctx } from './service.js';
import { named } from './names.js';
import { addDays, type Period, type Window } from './periods.js';
import type { Node } from './sources.js';

/** The headline figures of the dashboard and the big screen. */
export const DASHBOARD_CODES = [
  'case.reported',
  'case.filed',
  'case.closed',
  'case.closure_rate',
  'case.on_time_closure_rate',
  'case.rework_rate',
  'case.return_rate',
  'case.overdue_now',
  'case.open_now',
  'case.avg_hours_close',
  'case.p90_hours_close',
  'case.satisfaction_rate',
];

/** Everything one dashboard page shows, in one answer (the bench times exactly this). */
export async function dashboard(c: Ctx, node: Node, period: Period, w: Window) {
  const today = dayOfNow(c.now);
  const todayWin = { from: today, to: addDays(today, 1) };
  const [head, todays, trend, reported, closure, onTime, overdue, byCategory, byDepartment] =
    await Promise.all([
      values(c, node, period, w, DASHBOARD_CODES),
      c.figures.totals(node, todayWin, false),
      series(c, node, period === 'custom' ? 'day' : period, w, ['case.reported', 'case.closed'], 12),
      node.childLength ? breakdown(c, node, w, 'case.reported', 'region') : [],
      node.childLength ? breakdown(c, node, w, 'case.closure_rate', 'region') : [],
      node.childLength ? breakdown(c, node, w, 'case.on_time_closure_rate', 'region') : [],
      node.childLength ? breakdown(c, node, w, 'case.overdue_now', 'region') : [],
      breakdown(c, node, w, 'case.reported', 'category'),
      breakdown(c, node, w, 'case.on_time_closure_rate', 'department'),
    ]);
  const get = (xs: { key: string; value: number | null }[], k: string) =>
    xs.find((x) => x.key === k)?.value ?? null;
  const regions = await named(c.db, node, 'region', reported);
  const children = await c.db
    .selectFrom('region')
    .select(['code', 'name'])
    .where('parent_code', '=', node.code)
    .orderBy('code')
    .execute();
  const all = node.childLength ? children.map((r) => ({ key: r.code, name: r.name })) : [];
  for (const r of regions) if (!all.some((a) => a.key === r.key)) all.push({ key: r.key, name: r.name });
  const sums = (await c.figures.totals(node, w, false)).sums;
  const n = (m: string) => sums.get(m)?.n ?? 0;
  return {
    values: head.items,
    window: w,
    today: { reported: todays.sums.get('reported')?.n ?? 0, closed: todays.sums.get('closed')?.n ?? 0 },
    trend,
    byRegion: all.map((r) => ({
      key: r.key,
      name: r.name,
      reported: get(reported, r.key) ?? 0,
      closureRate: get(closure, r.key),
      onTimeClosureRate: get(onTime, r.key),
      overdueNow: get(overdue, r.key) ?? 0,
    })),
    byCategory: (await named(c.db, node, 'category', byCategory)).slice(0, 12),
    byDepartment: await named(c.db, node, 'department', byDepartment),
    satisfaction: {
      satisfied: n('eval_satisfied'),
      basic: n('eval_basic'),
      dissatisfied: n('eval_dissatisfied'),
    },
  };
}
