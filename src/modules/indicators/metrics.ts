/**
 * What a case history row counts for: the names case_metrics() (migration 0055) gives, and
 * the sums a region and period add up to. Rates and averages are computed from the sums.
 */
export const METRICS = [
  'reported',
  'filed',
  'not_filed',
  'cancelled',
  'merged',
  'dispatched',
  'accepted',
  'handled',
  'handled_on_time',
  'closed',
  'closed_on_time',
  'closed_late',
  'reworked',
  'returned',
  'delay_granted',
  'escalated',
  'reopened',
  'eval_satisfied',
  'eval_basic',
  'eval_dissatisfied',
  'overdue_first',
] as const;
export type Metric = (typeof METRICS)[number];

/** metric → count and summed hours since the report (for the timed steps) */
export type Sums = Map<string, { n: number; hours: number }>;
/** '<metric>:<bucket>' → count: the histogram of hours since the report */
export type Hist = Map<string, number>;

export const n = (s: Sums, m: Metric) => s.get(m)?.n ?? 0;
export const hoursOf = (s: Sums, m: Metric) => s.get(m)?.hours ?? 0;

/** Upper bounds of the hour buckets (case_hours_bucket in migration 0055); bucket 1 starts at 0. */
export const BUCKET_BOUNDS = [1, 2, 4, 8, 12, 24, 48, 72, 120, 168, 240, 360, 720, 1440];

/**
 * The 90th percentile from the histogram: the bucket where the count reaches 90 %, linear
 * inside it (the last, open bucket is taken as 1440–2880 h). Exact to the bucket's width.
 */
export function percentileOf(h: Hist, metric: Metric, q = 0.9): number | null {
  const counts = BUCKET_BOUNDS.map((_, i) => h.get(`${metric}:${i + 1}`) ?? 0);
  counts.push(h.get(`${metric}:${BUCKET_BOUNDS.length + 1}`) ?? 0);
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const target = q * total;
  let cum = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (c > 0 && cum + c >= target) {
      const lo = i === 0 ? 0 : BUCKET_BOUNDS[i - 1]!;
      const hi = BUCKET_BOUNDS[i] ?? lo * 2;
      return round(lo + ((target - cum) / c) * (hi - lo));
    }
    cum += c;
  }
  return null;
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

export function add(into: Sums, metric: string, count: number, hours: number) {
  const cur = into.get(metric);
  if (cur) {
    cur.n += count;
    cur.hours += hours;
  } else into.set(metric, { n: count, hours });
}
