import { AppError } from '../../platform/errors.js';

/** Periods of the indicators: local days (UTC+8), half-open [from, to). */
export const PERIODS = ['day', 'week', 'month', 'quarter', 'year', 'custom'] as const;
export type Period = (typeof PERIODS)[number];
export type Window = { from: string; to: string };

const DAY_MS = 86_400_000;

export function dayOf(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
const parse = (s: string) => Date.parse(`${s}T00:00:00Z`);
const fmt = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (s: string, n: number) => fmt(parse(s) + n * DAY_MS);
export const daysBetween = (a: string, b: string) => Math.round((parse(b) - parse(a)) / DAY_MS);

export function addMonths(s: string, n: number): string {
  const d = new Date(parse(s));
  d.setUTCMonth(d.getUTCMonth() + n);
  return fmt(d.getTime());
}

/** The instant a local day starts. */
export function startOf(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

const bad = (detail: string, detailEn: string): never => {
  throw new AppError('VALIDATION_FAILED', { detail, detailEn });
};

const validDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && fmt(parse(s)) === s;

/**
 * The window of a period: `at` is 2026-11-05 (day, or the week holding it, Monday first),
 * 2026-11 (month), 2026-Q4 (quarter), 2026 (year); custom takes from and to (inclusive days).
 * Without `at`, the period holding today.
 */
export function windowOf(
  period: Period,
  at: string | undefined,
  today: string,
  custom?: { from?: string; to?: string },
): Window {
  if (period === 'custom') {
    const { from, to } = custom ?? {};
    if (!from || !to || !validDay(from) || !validDay(to) || to < from)
      return bad('自定义期间需要起止日期', 'a custom period needs from ≤ to (YYYY-MM-DD)');
    if (daysBetween(from, to) > 3660) return bad('期间过长', 'the period is too long');
    return { from, to: addDays(to, 1) };
  }
  const a = at ?? defaultAt(period, today);
  switch (period) {
    case 'day':
      if (!validDay(a)) bad('日期格式为 YYYY-MM-DD', 'at is YYYY-MM-DD');
      return { from: a, to: addDays(a, 1) };
    case 'week': {
      if (!validDay(a)) bad('日期格式为 YYYY-MM-DD', 'at is YYYY-MM-DD');
      const dow = (new Date(parse(a)).getUTCDay() + 6) % 7;
      const from = addDays(a, -dow);
      return { from, to: addDays(from, 7) };
    }
    case 'month': {
      const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(a) ?? bad('月份格式为 YYYY-MM', 'at is YYYY-MM');
      const from = `${m[1]}-${m[2]}-01`;
      return { from, to: addMonths(from, 1) };
    }
    case 'quarter': {
      const m = /^(\d{4})-Q([1-4])$/.exec(a) ?? bad('季度格式为 YYYY-Qn', 'at is YYYY-Qn');
      const from = `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
      return { from, to: addMonths(from, 3) };
    }
    case 'year': {
      const m = /^(\d{4})$/.exec(a) ?? bad('年份格式为 YYYY', 'at is YYYY');
      return { from: `${m[1]}-01-01`, to: `${Number(m[1]) + 1}-01-01` };
    }
  }
}

function defaultAt(period: Period, today: string): string {
  if (period === 'month') return today.slice(0, 7);
  if (period === 'quarter')
    return `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
  if (period === 'year') return today.slice(0, 4);
  return today;
}

/** The period before (环比): the previous calendar period, or as many days before a custom one. */
export function previousOf(period: Period, w: Window): Window {
  if (period === 'month') return { from: addMonths(w.from, -1), to: w.from };
  if (period === 'quarter') return { from: addMonths(w.from, -3), to: w.from };
  if (period === 'year') return { from: addMonths(w.from, -12), to: w.from };
  const n = daysBetween(w.from, w.to);
  return { from: addDays(w.from, -n), to: w.from };
}

/** The same period a year before (同比). */
export function yearBeforeOf(w: Window): Window {
  return { from: addMonths(w.from, -12), to: addMonths(w.to, -12) };
}

/** The `count` periods ending with `w` (oldest first), for a trend line. */
export function seriesOf(period: Period, w: Window, count: number): Window[] {
  const out: Window[] = [w];
  while (out.length < count) out.unshift(previousOf(period, out[0]!));
  return out;
}

/** The first day of the month holding `day`. */
export const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

/**
 * A window cut for the two levels of the rollup: the whole months inside it (read from the month
 * level) and the days at either edge that are not a whole month (read from the day level). A
 * window holding no whole month is all days.
 */
export function splitWindow(w: Window): { months: Window | null; days: Window[] } {
  const first = w.from.endsWith('-01') ? w.from : addMonths(monthOf(w.from), 1);
  const last = monthOf(w.to);
  if (first >= last) return { months: null, days: w.from < w.to ? [w] : [] };
  const days = [
    { from: w.from, to: first },
    { from: last, to: w.to },
  ].filter((d) => d.from < d.to);
  return { months: { from: first, to: last }, days };
}

/** Whether a window is made of whole months only. */
export const wholeMonths = (w: Window) => w.from.endsWith('-01') && w.to.endsWith('-01') && w.from < w.to;
