import { AppError } from '../../platform/errors.js';
import './errors.js'; // registers this module's codes (ADR 0005)

/**
 * The rules of sunshine three affairs (阳光三务) that do not need the database:
 * period shapes, finance arithmetic and §30's rhythm (村民委员会组织法 §30:
 * village affairs at least quarterly, finances monthly, major matters at once).
 */

export const KINDS = ['party', 'village', 'finance'] as const;
export type Kind = (typeof KINDS)[number];

export type FinanceLine = { item: string; income: number; expense: number };
export type Totals = { income: number; expense: number; balance: number };

/** Largest amount on one line, in yuan (1亿): a village's whole year is far below it. */
export const MAX_AMOUNT = 100_000_000;
export const MAX_LINES = 100;

/** Whole fen of a yuan amount; the schema already refused more than 2 decimals. */
const fen = (yuan: number) => Math.round(yuan * 100);

/** Income, expense and balance in yuan, summed in whole fen so 0.1 + 0.2 stays 0.3. */
export function totalsOf(lines: FinanceLine[]): Totals {
  const income = lines.reduce((s, l) => s + fen(l.income), 0);
  const expense = lines.reduce((s, l) => s + fen(l.expense), 0);
  return { income: income / 100, expense: expense / 100, balance: (income - expense) / 100 };
}

export const hasAtMostTwoDecimals = (v: number) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6;

/**
 * The rules across fields: a major matter has no period and any other has one;
 * only finance disclosures carry lines, and every line moves some money.
 */
export function checkContent(c: {
  kind: Kind;
  major: boolean;
  period: string | null;
  financeLines: FinanceLine[];
}): void {
  if (c.major && c.period !== null)
    throw new AppError('DISCLOSURE_PERIOD_INVALID', {
      detail: '重大事项随时公开，不填期间',
      detailEn: 'a major matter has no period',
    });
  if (!c.major && c.period === null)
    throw new AppError('DISCLOSURE_PERIOD_INVALID', {
      detail: '请填写公开期间（月、季度或年度）',
      detailEn: 'a period (month, quarter or year) is required',
    });
  if (c.kind !== 'finance' && c.financeLines.length > 0)
    throw new AppError('DISCLOSURE_FINANCE_INVALID', {
      detail: '只有财务公开可以填写收支明细',
      detailEn: 'only finance disclosures carry lines',
    });
  if (c.kind === 'finance' && c.financeLines.length === 0)
    throw new AppError('DISCLOSURE_FINANCE_INVALID', {
      detail: '财务公开至少填写一条收支明细',
      detailEn: 'a finance disclosure needs at least one line',
    });
  const empty = c.financeLines.findIndex((l) => l.income === 0 && l.expense === 0);
  if (empty >= 0)
    throw new AppError('DISCLOSURE_FINANCE_INVALID', {
      detail: `第${empty + 1}行收入和支出都是0`,
      detailEn: `line ${empty + 1} has neither income nor expense`,
    });
}

/** China has kept UTC+8 all year since 1991: Asia/Shanghai is a fixed offset. */
const SHANGHAI_MS = 8 * 3600_000;

/** Year, month (1–12) and quarter (1–4) of an instant on a Shanghai calendar. */
export function shanghaiMonth(at: Date): { year: number; month: number; quarter: number } {
  const local = new Date(at.getTime() + SHANGHAI_MS);
  const month = local.getUTCMonth() + 1;
  return { year: local.getUTCFullYear(), month, quarter: Math.ceil(month / 3) };
}

/** The instant a Shanghai calendar month starts. */
const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month - 1, 1) - SHANGHAI_MS);

/**
 * What §30 expects by `now`: a village-affairs disclosure published during the
 * current quarter and a finance disclosure during the current month (Shanghai
 * time). A village with none yet is "due" — still to publish in this period.
 */
export function rhythmAt(now: Date): {
  quarterStart: Date;
  monthStart: Date;
  quarter: string;
  month: string;
} {
  const { year, month, quarter } = shanghaiMonth(now);
  return {
    quarterStart: monthStart(year, (quarter - 1) * 3 + 1),
    monthStart: monthStart(year, month),
    quarter: `${year}-Q${quarter}`,
    month: `${year}-${String(month).padStart(2, '0')}`,
  };
}
