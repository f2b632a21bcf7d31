import type { IndicatorInfo } from '../../platform/indicators.js';
import { hoursOf, n, percentileOf, round, type Hist, type Metric, type Sums } from './metrics.js';

/**
 * The digital-urban-management set (GB/T 30428 lineage), computed from the case history
 * (through the rollup, or from scratch). `metrics` are the history counts behind the figure:
 * the drill-down lists those rows.
 */
export type CaseIndicator = IndicatorInfo & {
  metrics: Metric[];
  /** uses the hour histogram (percentiles) */
  hist?: boolean;
  compute(s: Sums, h: Hist): number | null;
};

const pct = (a: number, b: number) => (b === 0 ? null : round((100 * a) / b, 1));
const avg = (s: Sums, m: Metric) => (n(s, m) === 0 ? null : round(hoursOf(s, m) / n(s, m), 1));

type Base = Omit<CaseIndicator, 'snapshot' | 'compute' | 'metrics'>;
const count = (m: Metric, info: Omit<Base, 'unit'>): CaseIndicator => ({
  ...info,
  unit: 'count',
  snapshot: false,
  metrics: [m],
  compute: (s) => n(s, m),
});
const rate = (a: Metric, b: Metric, info: Omit<Base, 'unit'>): CaseIndicator => ({
  ...info,
  unit: 'percent',
  snapshot: false,
  metrics: [a, b],
  compute: (s) => pct(n(s, a), n(s, b)),
});

const STEP_NAMES: Record<string, [string, string, Metric]> = {
  file: ['立案', 'filing', 'filed'],
  dispatch: ['派遣', 'dispatch', 'dispatched'],
  accept: ['签收', 'acceptance', 'accepted'],
  handle: ['处置', 'handling', 'handled'],
  close: ['结案', 'closure', 'closed'],
};

const timed: CaseIndicator[] = Object.entries(STEP_NAMES).flatMap(([step, [zh, en, m]]) => [
  {
    code: `case.avg_hours_${step}`,
    nameZh: `平均${zh}用时`,
    nameEn: `Average time to ${en}`,
    formulaZh: `期内各${zh}步骤距上报时间之和 ÷ ${zh}步骤数（小时）`,
    formulaEn: `sum of hours from report to each ${en} step in the period ÷ number of those steps`,
    unit: 'hours',
    direction: 'lower_better',
    group: 'timeliness',
    snapshot: false,
    metrics: [m],
    compute: (s) => avg(s, m),
  },
  {
    code: `case.p90_hours_${step}`,
    nameZh: `${zh}用时90分位`,
    nameEn: `90th percentile time to ${en}`,
    formulaZh: `期内${zh}步骤距上报小时数的第90百分位（按分档直方图线性插值）`,
    formulaEn: `90th percentile of hours from report to ${en} steps in the period (bucketed histogram, linear within a bucket)`,
    unit: 'hours',
    direction: 'lower_better',
    group: 'timeliness',
    snapshot: false,
    metrics: [m],
    hist: true,
    compute: (_s, h) => percentileOf(h, m),
  },
]);

export const CASE_INDICATORS: CaseIndicator[] = [
  count('reported', {
    code: 'case.reported',
    nameZh: '上报数',
    nameEn: 'Reported',
    formulaZh: '期内上报的事件数',
    formulaEn: 'cases reported in the period',
    direction: 'neutral',
    group: 'case_handling',
  }),
  count('filed', {
    code: 'case.filed',
    nameZh: '立案数',
    nameEn: 'Filed',
    formulaZh: '期内由"已上报"进入办理（立案、上报上级或当场处置）的事件数',
    formulaEn:
      'cases leaving "reported" into handling (filed, escalated or handled on the spot) in the period',
    direction: 'neutral',
    group: 'case_handling',
  }),
  count('dispatched', {
    code: 'case.dispatched',
    nameZh: '派遣数',
    nameEn: 'Dispatched',
    formulaZh: '期内派遣到职能部门的次数',
    formulaEn: 'dispatches to departments in the period',
    direction: 'neutral',
    group: 'case_handling',
  }),
  count('handled', {
    code: 'case.handled',
    nameZh: '处置数',
    nameEn: 'Handled',
    formulaZh: '期内处置完毕（含当场处置）的次数',
    formulaEn: 'handling steps (including on the spot) in the period',
    direction: 'neutral',
    group: 'case_handling',
  }),
  count('closed', {
    code: 'case.closed',
    nameZh: '结案数',
    nameEn: 'Closed',
    formulaZh: '期内结案数',
    formulaEn: 'closures in the period',
    direction: 'higher_better',
    group: 'case_handling',
  }),
  rate('filed', 'reported', {
    code: 'case.filing_rate',
    nameZh: '立案率',
    nameEn: 'Filing rate',
    formulaZh: '立案数 ÷ 上报数 × 100%',
    formulaEn: 'filed ÷ reported × 100%',
    direction: 'neutral',
    group: 'case_handling',
  }),
  rate('closed_on_time', 'closed', {
    code: 'case.on_time_closure_rate',
    nameZh: '按期结案率',
    nameEn: 'On-time closure rate',
    formulaZh: '在时限内的结案数 ÷ 结案数 × 100%',
    formulaEn: 'closures within the deadline in force ÷ closures × 100%',
    direction: 'higher_better',
    group: 'case_handling',
  }),
  rate('handled', 'filed', {
    code: 'case.handling_rate',
    nameZh: '处置率',
    nameEn: 'Handling rate',
    formulaZh: '处置数 ÷ 立案数 × 100%',
    formulaEn: 'handled ÷ filed × 100%',
    direction: 'higher_better',
    group: 'case_handling',
  }),
  rate('handled_on_time', 'handled', {
    code: 'case.on_time_handling_rate',
    nameZh: '按期处置率',
    nameEn: 'On-time handling rate',
    formulaZh: '在时限内的处置数 ÷ 处置数 × 100%',
    formulaEn: 'handling steps within the deadline ÷ handling steps × 100%',
    direction: 'higher_better',
    group: 'case_handling',
  }),
  rate('reworked', 'handled', {
    code: 'case.rework_rate',
    nameZh: '返工率',
    nameEn: 'Rework rate',
    formulaZh: '返工次数 ÷ 处置数 × 100%',
    formulaEn: 'rework orders ÷ handling steps × 100%',
    direction: 'lower_better',
    group: 'case_handling',
  }),
  rate('returned', 'dispatched', {
    code: 'case.return_rate',
    nameZh: '退回率',
    nameEn: 'Return rate',
    formulaZh: '部门退回次数 ÷ 派遣数 × 100%',
    formulaEn: 'returns by departments ÷ dispatches × 100%',
    direction: 'lower_better',
    group: 'case_handling',
  }),
  rate('delay_granted', 'filed', {
    code: 'case.delay_rate',
    nameZh: '延期率',
    nameEn: 'Delay rate',
    formulaZh: '批准延期次数 ÷ 立案数 × 100%',
    formulaEn: 'delays granted ÷ filed × 100%',
    direction: 'lower_better',
    group: 'case_handling',
  }),
  count('escalated', {
    code: 'case.escalated',
    nameZh: '上报上级数',
    nameEn: 'Escalations',
    formulaZh: '期内上报上级（含超期自动上报）次数',
    formulaEn: 'escalations (including automatic ones on a missed deadline) in the period',
    direction: 'neutral',
    group: 'case_handling',
  }),
  count('overdue_first', {
    code: 'case.overdue_ever',
    nameZh: '曾超期事件数',
    nameEn: 'Cases ever overdue',
    formulaZh: '期内首次超过某级时限的事件数（每件只计一次）',
    formulaEn: 'cases that first missed a tier deadline in the period (each counted once)',
    direction: 'lower_better',
    group: 'timeliness',
  }),
  count('closed_late', {
    code: 'case.closed_late',
    nameZh: '超期结案数',
    nameEn: 'Closed after the deadline',
    formulaZh: '期内超过时限才结案的次数',
    formulaEn: 'closures after the deadline in force',
    direction: 'lower_better',
    group: 'timeliness',
  }),
  count('reopened', {
    code: 'case.reopened',
    nameZh: '重新打开数',
    nameEn: 'Reopened',
    formulaZh: '期内群众要求重新办理的次数',
    formulaEn: 'cases reopened by their reporter in the period',
    direction: 'lower_better',
    group: 'case_handling',
  }),
  count('merged', {
    code: 'case.merged',
    nameZh: '重复合并数',
    nameEn: 'Merged as duplicates',
    formulaZh: '期内作为重复件合并的事件数',
    formulaEn: 'cases merged into another as duplicates',
    direction: 'neutral',
    group: 'case_handling',
  }),
  count('not_filed', {
    code: 'case.not_filed',
    nameZh: '不予立案数',
    nameEn: 'Not filed',
    formulaZh: '期内不予立案的事件数',
    formulaEn: 'cases refused filing in the period',
    direction: 'neutral',
    group: 'case_handling',
  }),
  ...timed,
  count('eval_satisfied', {
    code: 'case.satisfied',
    nameZh: '满意数',
    nameEn: 'Satisfied',
    formulaZh: '期内评价为"满意"的数量',
    formulaEn: 'evaluations "satisfied" in the period',
    direction: 'higher_better',
    group: 'satisfaction',
  }),
  count('eval_basic', {
    code: 'case.basically_satisfied',
    nameZh: '基本满意数',
    nameEn: 'Basically satisfied',
    formulaZh: '期内评价为"基本满意"的数量',
    formulaEn: 'evaluations "basically satisfied" in the period',
    direction: 'neutral',
    group: 'satisfaction',
  }),
  count('eval_dissatisfied', {
    code: 'case.dissatisfied',
    nameZh: '不满意数',
    nameEn: 'Dissatisfied',
    formulaZh: '期内评价为"不满意"的数量',
    formulaEn: 'evaluations "dissatisfied" in the period',
    direction: 'lower_better',
    group: 'satisfaction',
  }),
  {
    code: 'case.satisfaction_rate',
    nameZh: '满意率',
    nameEn: 'Satisfaction rate',
    formulaZh: '(满意 + 基本满意) ÷ 评价数 × 100%',
    formulaEn: '(satisfied + basically satisfied) ÷ evaluations × 100%',
    unit: 'percent',
    direction: 'higher_better',
    group: 'satisfaction',
    snapshot: false,
    metrics: ['eval_satisfied', 'eval_basic', 'eval_dissatisfied'],
    compute: (s) =>
      pct(
        n(s, 'eval_satisfied') + n(s, 'eval_basic'),
        n(s, 'eval_satisfied') + n(s, 'eval_basic') + n(s, 'eval_dissatisfied'),
      ),
  },
];

/** Read from the open cases at the moment asked. */
export const CASE_SNAPSHOTS: IndicatorInfo[] = [
  {
    code: 'case.open_now',
    nameZh: '在办事件数',
    nameEn: 'Open now',
    formulaZh: '当前处于上报、立案、派遣、签收、处置、挂账状态的事件数',
    formulaEn: 'cases now reported, filed, dispatched, accepted, handled or suspended',
    unit: 'count',
    direction: 'neutral',
    group: 'case_handling',
    snapshot: true,
  },
  {
    code: 'case.overdue_now',
    nameZh: '当前超期数',
    nameEn: 'Overdue now',
    formulaZh: '在办且已过当前时限（或已标超期）的事件数',
    formulaEn: 'open cases past the deadline of their tier (or marked overdue)',
    unit: 'count',
    direction: 'lower_better',
    group: 'timeliness',
    snapshot: true,
  },
];
