import type { paths } from '../../shared/api-schema.js';
import type { Lang } from '../i18n.js';

export type Report = paths['/api/v1/reports/{id}']['get']['responses'][200]['content']['application/json'];
export type ReportSummary =
  paths['/api/v1/reports']['get']['responses'][200]['content']['application/json']['items'][number];
export type Kind = Report['kind'];
export const KINDS: Kind[] = ['daily', 'weekly', 'monthly'];

const shift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The period as people write it: 2026-12-05 / 2026-11-23 至 2026-11-29 / 2026年11月. */
export function periodText(r: { kind: Kind; periodFrom: string; periodTo: string }, lang: Lang): string {
  if (r.kind === 'daily') return r.periodFrom;
  if (r.kind === 'monthly') {
    const [y, m] = r.periodFrom.split('-');
    return lang === 'zh' ? `${y}年${Number(m)}月` : `${y}-${m}`;
  }
  return `${r.periodFrom} ${lang === 'zh' ? '至' : 'to'} ${shift(r.periodTo, -1)}`;
}

/** A figure with its unit (count, percent 0–100, hours, ratio): 12, 87.5%, 36.5 h, —. */
export function valueText(v: number | null, unit: string): string {
  if (v === null) return '—';
  const n = Number.isInteger(v) ? String(v) : v.toFixed(1);
  return unit === 'percent' ? `${n}%` : unit === 'hours' ? `${n} h` : n;
}

/** 环比/同比: +12.5% / −3.0% / —. */
export function changeText(pct: number | null): string {
  if (pct === null) return '—';
  return `${pct > 0 ? '+' : pct < 0 ? '−' : ''}${Math.abs(pct).toFixed(1)}%`;
}
