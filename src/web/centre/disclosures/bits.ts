import type { paths } from '../../shared/api-schema.js';
import type { Lang } from '../i18n.js';

type Get<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer T } } } };
}
  ? T
  : never;
export type DisclosureItem = Get<'/api/v1/disclosures'>['items'][number];
export type DisclosureDetail = Get<'/api/v1/disclosures/{id}'>;
export type Board = Get<'/api/v1/disclosures/compliance'>;
export type BoardVillage = Board['villages'][number];
export type Kind = DisclosureItem['kind'];
export type Status = DisclosureItem['status'];
export type FinanceLine = DisclosureDetail['financeLines'][number];
export const KINDS: Kind[] = ['party', 'village', 'finance'];
export const STATUSES: Status[] = ['draft', 'published', 'withdrawn'];
export const STATUS_COLORS: Record<Status, string> = {
  draft: 'orange',
  published: 'green',
  withdrawn: 'default',
};

/** '2026-10' → 2026年10月, '2026-Q3' → 2026年第3季度, '2026' → 2026年度 (English: 10/2026, Q3 2026, 2026). */
export function periodText(period: string | null, lang: Lang): string {
  if (!period) return '—';
  const [y = '', rest] = period.split('-');
  if (!rest) return lang === 'zh' ? `${y}年度` : y;
  if (rest.startsWith('Q')) return lang === 'zh' ? `${y}年第${rest.slice(1)}季度` : `${rest} ${y}`;
  return lang === 'zh' ? `${y}年${Number(rest)}月` : `${rest}/${y}`;
}

/** Yuan with two decimals and thousands separators. */
export const yuan = (v: number) =>
  v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The same sums the server makes, in whole fen, for the editor's live totals. */
export function liveTotals(lines: Partial<FinanceLine>[]) {
  const fen = (v: number | undefined | null) => Math.round((v ?? 0) * 100);
  const income = lines.reduce((s, l) => s + fen(l.income), 0);
  const expense = lines.reduce((s, l) => s + fen(l.expense), 0);
  return { income: income / 100, expense: expense / 100, balance: (income - expense) / 100 };
}
