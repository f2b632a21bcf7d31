import { dayBound } from '../format.js';
import type { CaseQuery } from '../types.js';

/** The case-list filters live in the hash query, so links and Back work. */
export type CaseFilters = {
  state?: string;
  tier?: string;
  categoryCode?: string;
  source?: string;
  overdue?: string;
  open?: string;
  from?: string;
  to?: string;
  within?: string;
  page?: string;
  /** the search box: words, or a part of the case number */
  q?: string;
  number?: string;
  /** the server sort (a column key, `-key` descending) */
  sort?: string;
};

export const FILTER_KEYS = [
  'state',
  'tier',
  'categoryCode',
  'source',
  'overdue',
  'open',
  'from',
  'to',
  'within',
  'page',
  'q',
  'number',
  'sort',
] as const;
export const PAGE_SIZE = 50;

export function filtersFrom(q: URLSearchParams): CaseFilters {
  const f: CaseFilters = {};
  for (const k of FILTER_KEYS) {
    const v = q.get(k);
    if (v) f[k] = v;
  }
  return f;
}

/** The API query for the filters (dates are Shanghai calendar days). */
export function apiQuery(f: CaseFilters): CaseQuery {
  const page = Math.max(1, Number(f.page ?? 1) || 1);
  return {
    state: f.state as CaseQuery['state'],
    tier: f.tier as CaseQuery['tier'],
    categoryCode: f.categoryCode,
    source: f.source as CaseQuery['source'],
    overdue: f.overdue === 'true' ? 'true' : undefined,
    open: f.open === 'true' ? 'true' : undefined,
    from: f.from ? dayBound(f.from) : undefined,
    to: f.to ? dayBound(f.to, true) : undefined,
    within: f.within,
    q: f.q,
    number: f.number,
    sort: f.sort as CaseQuery['sort'],
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
}
