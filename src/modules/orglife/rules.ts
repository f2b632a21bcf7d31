/**
 * 三会一课 and 主题党日: the kinds of organisational life, who holds each, the rhythm each must keep, and
 * whether an organisation is behind. Dates are local (Beijing) calendar days, `YYYY-MM-DD`.
 */
export const LIFE_KINDS = ['branch_assembly', 'committee', 'group', 'lesson', 'theme_day'] as const;
export type LifeKind = (typeof LIFE_KINDS)[number];
export const PERIODS = ['month', 'quarter', 'half_year', 'year'] as const;
export type Period = (typeof PERIODS)[number];
export const ATTENDANCE = ['present', 'absent', 'excused'] as const;

export const KIND_NAMES: Record<LifeKind, { zh: string; en: string }> = {
  branch_assembly: { zh: '支部党员大会', en: 'Branch members’ assembly' },
  committee: { zh: '支委会', en: 'Branch committee' },
  group: { zh: '党小组会', en: 'Party group meeting' },
  lesson: { zh: '党课', en: 'Party lesson' },
  theme_day: { zh: '主题党日', en: 'Theme party day' },
};

/** The usual rhythm (党支部工作条例): assembly and lesson quarterly; committee, group and theme day monthly. */
export const DEFAULT_RHYTHM: Record<LifeKind, Period> = {
  branch_assembly: 'quarter',
  committee: 'month',
  group: 'month',
  lesson: 'quarter',
  theme_day: 'month',
};
/** From when a county counts a kind never held as behind, unless it sets its own day. */
export const DEFAULT_SINCE = '2026-01-01';

/** Party groups (grid_group) hold group meetings; branches hold everything else. */
export const holderOf = (kind: LifeKind): 'branch' | 'grid_group' =>
  kind === 'group' ? 'grid_group' : 'branch';

const MONTHS: Record<Period, number> = { month: 1, quarter: 3, half_year: 6, year: 12 };

const ymd = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}-01`;

/** The first day of the period holding `date`. */
export function periodStart(date: string, period: Period): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const n = MONTHS[period];
  return ymd(y, Math.floor((m - 1) / n) * n + 1);
}

/** The first day of the period after the one starting on `start`. */
export function nextPeriod(start: string, period: Period): string {
  const total = Number(start.slice(0, 4)) * 12 + Number(start.slice(5, 7)) - 1 + MONTHS[period];
  return ymd(Math.floor(total / 12), (total % 12) + 1);
}

/** Whole periods from `from` (a period start) up to `to` (a later period start). */
const periodsBetween = (from: string, to: string, period: Period) => {
  const months = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
  return Math.max(0, Math.floor((months(to) - months(from)) / MONTHS[period]));
};

export type RhythmState = 'ok' | 'due' | 'behind';
export type RhythmStatus = {
  state: RhythmState;
  /** the first day of the first period missed in a row (behind only) */
  behindSince: string | null;
  /** ended periods missed in a row, up to the current one */
  missed: number;
  lastHeld: string | null;
};

/**
 * Where an organisation stands on one kind on `today`:
 * - ok: held in the current period;
 * - due: not yet this period, but no ended period was missed;
 * - behind: ended periods passed without one — since the period after the last held one (or, if it was
 *   never held, since the period holding the county's `since` day).
 * The current period is never counted as missed: it still has time.
 */
export function rhythmStatus(a: { period: Period; lastHeld: string | null; since: string; today: string }) {
  const cur = periodStart(a.today, a.period);
  if (a.lastHeld && a.lastHeld <= a.today && periodStart(a.lastHeld, a.period) === cur)
    return { state: 'ok', behindSince: null, missed: 0, lastHeld: a.lastHeld } satisfies RhythmStatus;
  const fromSince = periodStart(a.since, a.period);
  const afterLast = a.lastHeld ? nextPeriod(periodStart(a.lastHeld, a.period), a.period) : fromSince;
  const from = afterLast > fromSince ? afterLast : fromSince;
  const missed = from < cur ? periodsBetween(from, cur, a.period) : 0;
  return {
    state: missed > 0 ? 'behind' : 'due',
    behindSince: missed > 0 ? from : null,
    missed,
    lastHeld: a.lastHeld,
  } satisfies RhythmStatus as RhythmStatus;
}

/** A local (UTC+8) calendar day. */
export const beijingDate = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
