import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { deadlineAt, holderFor, type Deadlines } from './deadlines.js';
import type { Tier } from './states.js';

/**
 * One demo case lived through the workflow's rules, step by step, as the runner and the
 * sweep would have written it: the tier deadlines from the county's working calendar
 * (holidays included), a step after its deadline met by the sweep (auto-escalation to the
 * next tier, or "overdue" at the county), delays granted, returns, rework and reopening.
 * Steps after `now` never happen: the case stays open where it stands.
 */
export type Actor = { id: number | null; role: string; name: string };

export type SimStep = {
  at: Date;
  action: string;
  from: string | null;
  to: string;
  tier: Tier;
  actor: Actor;
  departmentId: number | null;
  note: string | null;
  deadlineAt: Date | null;
  onTime: boolean | null;
};

export type Plan = {
  /** where the case is settled: on the spot at the village, by a township office or a county bureau */
  path: 'village' | 'township' | 'county' | 'reject' | 'cancel' | 'merge';
  source: 'patrol' | 'resident_app' | 'hotline';
  late: boolean;
  lateClose: boolean;
  returned: boolean;
  rework: boolean;
  delay: boolean;
  verify: boolean;
  evaluation: 'satisfied' | 'basically_satisfied' | 'dissatisfied' | null;
  reopen: boolean;
  supervise: boolean;
};

export type SimContext = {
  calendar: WorkCalendar;
  deadlines: Deadlines;
  gridCode: string;
  /** 'emergency': four calendar hours at every tier (deadlines.ts); 'normal' when left out */
  urgency?: 'normal' | 'urgent' | 'emergency';
  now: Date;
  rand: () => number;
  departments: { township: number | null; county: number | null };
  actors: Record<'gridWorker' | 'village' | 'township' | 'county' | 'resident' | 'system', Actor> & {
    department: (id: number) => Actor;
  };
};

const DUE_STATES = new Set(['reported', 'filed', 'dispatched', 'accepted']);
const NEXT: Record<Tier, Tier | null> = { village: 'township', township: 'county', county: null };
const RANK: Record<Tier, number> = { village: 0, township: 1, county: 2 };
const SWEEP_LAG = 5 * 60_000;
const MIN = 60_000;
const HOUR = 3_600_000;
const TIER_NAMES: Record<Tier, string> = { village: '村级', township: '乡镇级', county: '县级' };

export class CaseSim {
  readonly steps: SimStep[] = [];
  state = 'reported';
  tier: Tier = 'village';
  holder = '';
  departmentId: number | null = null;
  deadline: Date | null = null;
  yellow: Date | null = null;
  red: Date | null = null;
  tierEnteredAt: Date;
  overdue = false;
  overdueCount = 0;
  reworkCount = 0;
  reopenCount = 0;
  filedAt: Date | null = null;
  closedAt: Date | null = null;
  verifiedAt: Date | null = null;
  verification: string | null = null;
  onSpotBy: number | null = null;
  supervised = false;
  evaluation: string | null = null;
  pendingDelay: { amount: number; unit: 'workday'; reason: string; by: number | null; at: string } | null =
    null;
  stopped = false;
  t: Date;

  constructor(
    private readonly ctx: SimContext,
    readonly reportedAt: Date,
  ) {
    this.t = reportedAt;
    this.tierEnteredAt = reportedAt;
  }

  /** The case's life under `plan`; stops at `now`. */
  run(plan: Plan): this {
    const a = this.ctx.actors;
    const start: Record<Plan['source'], [Tier, string, Actor]> = {
      patrol: ['village', 'filed', a.gridWorker],
      resident_app: ['village', 'reported', a.resident],
      hotline: ['county', 'filed', a.county],
    };
    const [tier, state, reporter] = start[plan.source];
    this.enter(tier, this.reportedAt);
    if (state === 'filed') this.filedAt = this.reportedAt;
    this.push(this.reportedAt, 'report', state, reporter, null, { deadline: this.deadline });
    if (plan.path === 'reject' || plan.path === 'cancel' || plan.path === 'merge')
      return this.void(plan.path);
    const target: Tier = plan.path;
    this.settle(plan, RANK[target] > RANK[this.tier] ? target : this.tier, true);
    if (this.state !== 'closed') return this;
    if (plan.evaluation) {
      this.push(
        this.after(1, 30),
        'evaluate',
        null,
        a.resident,
        plan.evaluation === 'dissatisfied' ? '处理不彻底' : '满意，谢谢',
      );
      this.evaluation = plan.evaluation;
    }
    if (plan.reopen && this.push(this.after(2, 48), 'reopen', 'filed', a.resident, '问题又出现了')) {
      this.enter(this.tier, this.t);
      this.reopenCount += 1;
      this.closedAt = null;
      this.evaluation = null;
      this.onSpotBy = null;
      this.settle({ ...plan, late: false, returned: false, rework: false, delay: false }, this.tier, false);
    }
    return this;
  }

  /** Moves the case from where it is to closed at `target` (or higher, when a deadline is missed). */
  private settle(plan: Plan, target: Tier, first: boolean): void {
    const a = this.ctx.actors;
    let late = plan.late;
    while (!this.stopped && this.state !== 'closed') {
      if (RANK[this.tier] < RANK[target]) {
        // the tier cannot settle it and passes it up (a village files first half of the time)
        if (this.tier === 'village' && this.state === 'reported' && this.ctx.rand() < 0.5) {
          if (!this.timely(this.within(0.3), a.village, 'file', 'filed', null)) continue;
          this.filedAt ??= this.t;
        }
        const by = this.tier === 'village' ? a.village : a.township;
        const note = this.tier === 'village' ? '村级无法解决，上报乡镇' : '超出乡镇职权，上报县级';
        if (!this.timely(this.within(0.5), by, 'escalate', 'filed', note)) continue;
        this.filedAt ??= this.t;
        this.enter(NEXT[this.tier] as Tier, this.t);
        this.departmentId = null;
        continue;
      }
      if (this.tier === 'village') {
        const at = late ? this.lateBy() : this.within(0.7);
        late = false;
        if (!this.timely(at, a.gridWorker, 'handle_on_spot', 'handled', '已现场处置')) continue;
        this.filedAt ??= this.t;
        this.onSpotBy = a.gridWorker.id;
      } else {
        const wasLate = late && first;
        late = false;
        if (!this.office(plan, wasLate)) continue;
      }
      if (this.tier !== 'village' && (plan.verify || (plan.rework && first))) {
        const fixed = !(plan.rework && first);
        if (
          !this.push(
            this.after(0.5, 6),
            'verify',
            null,
            a.gridWorker,
            fixed ? '现场核查：已办好' : '现场核查：没有办好',
          )
        )
          return;
        this.verifiedAt = this.t;
        this.verification = fixed ? 'fixed' : 'not_fixed';
        if (!fixed) {
          const back = this.departmentId ? 'accepted' : 'filed';
          if (!this.push(this.after(0.2, 2), 'rework', back, this.holderActor(), '核查未办好，重新处置'))
            return;
          this.reworkCount += 1;
          this.verifiedAt = null;
          this.verification = null;
          this.onSpotBy = null;
          first = false;
          continue;
        }
      }
      const closeAt = plan.lateClose && this.deadline ? this.lateBy() : this.closeTime();
      if (!this.push(closeAt, 'close', 'closed', this.holderActor(), '经核查已办结，回复群众')) return;
      this.closedAt = this.t;
    }
  }

  /** Dispatch to the tier's office, accept, maybe return, maybe a delay, handle. False when the sweep intervened. */
  private office(plan: Plan, late: boolean): boolean {
    const a = this.ctx.actors;
    const dept = this.tier === 'county' ? this.ctx.departments.county : this.ctx.departments.township;
    if (dept === null) return false;
    const staff = a.department(dept);
    const centre = this.tier === 'county' ? a.county : a.township;
    if (this.state === 'filed' || this.state === 'reported') {
      if (plan.supervise && this.tier === 'county' && !this.supervised) {
        if (!this.push(this.after(0.1, 1), 'supervise', null, a.county, '县级督办')) return false;
        this.supervised = true;
      }
      if (!this.timely(this.within(0.15), centre, 'dispatch', 'dispatched', '请按时限办理', dept))
        return false;
    }
    if (this.state === 'dispatched' && !this.timely(this.within(0.2), staff, 'accept', 'accepted', null))
      return false;
    if (plan.returned && this.steps.every((s) => s.action !== 'return')) {
      if (!this.timely(this.within(0.3), staff, 'return', 'filed', '不属于本单位职责，退回重派', null))
        return false;
      return this.office({ ...plan, returned: false }, late);
    }
    if (plan.delay && !this.steps.some((s) => s.action === 'approve_delay')) {
      if (!this.timely(this.within(0.6), staff, 'request_delay', null, '需协调多部门，申请延期'))
        return false;
      this.pendingDelay = {
        amount: 3,
        unit: 'workday',
        reason: '需协调多部门，申请延期',
        by: staff.id,
        at: this.t.toISOString(),
      };
      if (!this.timely(this.after(0.5, 4), centre, 'approve_delay', null, '同意延期3个工作日')) return false;
      this.pendingDelay = null;
      const due = this.ctx.calendar.addDuration(this.deadline as Date, { amount: 3, unit: 'workday' });
      const warn = this.ctx.calendar.warningTimes(this.t, due);
      [this.deadline, this.yellow, this.red, this.overdue] = [due, warn.yellowAt, warn.redAt, false];
    }
    const at = late ? this.lateBy() : this.within(0.8);
    return this.timely(at, staff, 'handle', 'handled', '已处理完毕');
  }

  /** reject, cancel or merge soon after the report. */
  private void(kind: 'reject' | 'cancel' | 'merge'): this {
    const a = this.ctx.actors;
    const [action, to, actor, note] =
      kind === 'reject'
        ? (['reject', 'not_filed', a.village, '经核实不属于受理范围，已向群众解释'] as const)
        : kind === 'cancel'
          ? (['cancel', 'cancelled', a.resident, '问题已自行解决'] as const)
          : (['merge', 'merged', a.village, '重复上报，已合并'] as const);
    if (this.push(this.after(0.3, 3), action, to, actor, note)) this.closedAt = this.t;
    return this;
  }

  /**
   * Takes a step at `at` unless the tier's deadline passes first: then the sweep acts at the
   * deadline (auto-escalation to the next tier, or "overdue" at the county) and false is returned.
   */
  private timely(
    at: Date,
    actor: Actor,
    action: string,
    to: string | null,
    note: string | null,
    dept?: number | null,
  ) {
    if (this.deadline && !this.overdue && DUE_STATES.has(this.state) && at > this.deadline) {
      const sweepAt = new Date(this.deadline.getTime() + SWEEP_LAG);
      const next = NEXT[this.tier];
      if (next) {
        const from = this.tier;
        if (
          !this.push(
            sweepAt,
            'auto_escalate',
            'filed',
            this.ctx.actors.system,
            `${TIER_NAMES[from]}超期未办结，自动上报${TIER_NAMES[next]}`,
            { tier: next, department: null, onTime: false },
          )
        )
          return false;
        this.overdueCount += 1;
        this.filedAt ??= this.t;
        this.enter(next, this.t);
        this.departmentId = null;
        return false;
      }
      if (!this.push(sweepAt, 'overdue', null, this.ctx.actors.system, '超期未办结', { onTime: false }))
        return false;
      this.overdue = true;
    }
    const ok = this.push(at, action, to, actor, note, dept === undefined ? {} : { department: dept });
    if (ok && dept !== undefined) this.departmentId = dept;
    return ok;
  }

  private push(
    at: Date,
    action: string,
    to: string | null,
    actor: Actor,
    note: string | null,
    o: { tier?: Tier; department?: number | null; onTime?: boolean; deadline?: Date | null } = {},
  ): boolean {
    if (this.stopped || at > this.ctx.now) {
      this.stopped = true;
      return false;
    }
    const deadline = 'deadline' in o ? (o.deadline ?? null) : this.deadline;
    const from = action === 'report' ? null : this.state;
    const next = to ?? this.state;
    this.steps.push({
      at,
      action,
      from,
      to: next,
      tier: o.tier ?? this.tier,
      actor,
      departmentId: o.department !== undefined ? o.department : (this.departmentId ?? null),
      note,
      deadlineAt: deadline,
      onTime: o.onTime ?? (deadline ? at.getTime() <= deadline.getTime() : null),
    });
    this.state = next;
    this.t = at;
    return true;
  }

  private enter(tier: Tier, at: Date): void {
    const due = deadlineAt(this.ctx.calendar, this.ctx.deadlines, tier, this.ctx.urgency ?? 'normal', at);
    this.tier = tier;
    this.holder = holderFor(this.ctx.gridCode, tier);
    this.tierEnteredAt = at;
    [this.deadline, this.yellow, this.red, this.overdue] = [due.deadlineAt, due.yellowAt, due.redAt, false];
  }

  /** A moment `f` of the way (in working time) from now to the tier's deadline, a few minutes at least. */
  private within(f: number): Date {
    const from = new Date(this.t.getTime() + 5 * MIN);
    const due = this.deadline;
    if (!due || due <= from) return new Date(from.getTime() + this.ctx.rand() * 20 * MIN);
    const frac = f * (0.3 + 0.7 * this.ctx.rand());
    const hours = this.ctx.calendar.workingHoursBetween(from, due);
    return hours > 0.1
      ? this.ctx.calendar.addWorkingHours(from, hours * frac)
      : new Date(from.getTime() + (due.getTime() - from.getTime()) * frac);
  }

  /** After the deadline: an hour up to three days. */
  private lateBy(): Date {
    const base = Math.max((this.deadline ?? this.t).getTime(), this.t.getTime());
    return new Date(base + HOUR + this.ctx.rand() * 70 * HOUR);
  }

  /** Between `lo` and `hi` hours after the last step. */
  private after(lo: number, hi: number): Date {
    return new Date(this.t.getTime() + (lo + this.ctx.rand() * (hi - lo)) * HOUR);
  }

  /** Closing after handling: within the deadline when there is time left, else soon. */
  private closeTime(): Date {
    return this.deadline && this.deadline > this.t ? this.within(0.9) : this.after(0.2, 2);
  }

  private holderActor(): Actor {
    const a = this.ctx.actors;
    return this.tier === 'village' ? a.village : this.tier === 'township' ? a.township : a.county;
  }
}
