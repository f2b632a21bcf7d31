/** What a case report holds: the kinds, the figures (indicator codes), the lists behind them. */
export const KINDS = ['daily', 'weekly', 'monthly'] as const;
export type Kind = (typeof KINDS)[number];

/** Village daily, township weekly, county monthly (日报/周报/月报). */
export const LEVEL_OF: Record<Kind, string> = { daily: 'village', weekly: 'township', monthly: 'county' };
export const PERIOD_OF: Record<Kind, 'day' | 'week' | 'month'> = {
  daily: 'day',
  weekly: 'week',
  monthly: 'month',
};
export const KIND_ZH: Record<Kind, string> = { daily: '日报', weekly: '周报', monthly: '月报' };

/** The figures of every report, in the order printed. */
export const REPORT_CODES = [
  'case.reported',
  'case.filed',
  'case.dispatched',
  'case.handled',
  'case.closed',
  'case.closure_rate',
  'case.on_time_closure_rate',
  'case.escalated',
  'case.overdue_ever',
  'case.closed_late',
  'case.reopened',
  'case.satisfaction_rate',
  'case.dissatisfied',
];
/** The figures whose records (the cases behind them) a report keeps. */
export const LIST_CODES = [
  'case.reported',
  'case.closed',
  'case.overdue_ever',
  'case.closed_late',
  'case.escalated',
  'case.dissatisfied',
];
/** The figures compared across the child regions (townships of the county, villages of a township). */
export const REGION_CODES = [
  'case.reported',
  'case.closed',
  'case.on_time_closure_rate',
  'case.overdue_ever',
];
/** Records kept per list; the total is kept too, and the case list's export gives them all. */
export const LIST_LIMIT = 500;
