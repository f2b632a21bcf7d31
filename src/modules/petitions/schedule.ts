/**
 * The windows of the petition supermarket (信访超市) on a given date: permanent windows every day,
 * weekly ones on their weekday, monthly ones on their day (29–31: the month's last day when it is
 * shorter), on-call units are called. A visitor never finds no one: `receiverFor` always names someone.
 */
export const SCHEDULES = ['permanent', 'weekly', 'monthly', 'on_call'] as const;
export type Schedule = (typeof SCHEDULES)[number];

export type WindowFacts = {
  id: number;
  unit_name: string;
  department_id: number | null;
  schedule: string;
  weekday: number | null;
  month_day: number | null;
  staff_account_id: number | null;
  active: boolean;
};

/** ISO weekday of a YYYY-MM-DD date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

function lastDayOfMonth(date: string): number {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Whether a window is staffed on `date` (on-call windows never sit; they are called). On a public
 * holiday of the county's calendar only the permanent windows sit: a weekly or monthly window whose
 * day falls on the holiday does not come (the permanent windows and the centre still receive visitors).
 */
export function sitsOn(w: WindowFacts, date: string, holiday = false): boolean {
  if (!w.active) return false;
  if (holiday && w.schedule !== 'permanent') return false;
  switch (w.schedule) {
    case 'permanent':
      return true;
    case 'weekly':
      return w.weekday === isoWeekday(date);
    case 'monthly': {
      const day = Number(date.slice(8, 10));
      return w.month_day === day || (w.month_day! > day && day === lastDayOfMonth(date));
    }
    default:
      return false;
  }
}

/** Who sits at the windows on a date, and which units are on call. */
export function boardOn<W extends WindowFacts>(windows: W[], date: string, holiday = false) {
  return {
    present: windows.filter((w) => sitsOn(w, date, holiday)),
    onCall: windows.filter((w) => w.active && w.schedule === 'on_call'),
    absent: windows.filter((w) => w.active && w.schedule !== 'on_call' && !sitsOn(w, date, holiday)),
  };
}

/** Accounts that can receive a visitor: a window's staff, a unit's department staff, the centre. */
export type Staffing = {
  /** department id → its active accounts */
  departmentAccounts: Map<number, number[]>;
  /** the county centre's active accounts (the last resort) */
  centreAccounts: number[];
};

export type Receiver = {
  /** the window that receives the visitor now, or null when the centre itself does */
  windowId: number | null;
  accountIds: number[];
  /** how the receiver was found */
  via: 'window' | 'permanent_window' | 'centre';
  /** an on-call unit that is being called and comes later (its accounts are notified) */
  called: { windowId: number; accountIds: number[] } | null;
};

function staffOf(w: WindowFacts, s: Staffing): number[] {
  if (w.staff_account_id !== null) return [w.staff_account_id];
  return w.department_id === null ? [] : (s.departmentAccounts.get(w.department_id) ?? []);
}

/**
 * Who receives a visitor who asks for `wanted` (a window) on `date`: that window when it sits and
 * has staff; else the first staffed permanent window (the on-call unit, if `wanted` is one, is
 * called); else the county centre's accounts. Never empty while the county has a centre account.
 */
export function receiverFor(
  windows: WindowFacts[],
  date: string,
  s: Staffing,
  wanted: number | null,
  holiday = false,
): Receiver {
  const want = wanted === null ? undefined : windows.find((w) => w.id === wanted && w.active);
  const wantStaff = want ? staffOf(want, s) : [];
  const called =
    want && want.schedule === 'on_call' && wantStaff.length > 0
      ? { windowId: want.id, accountIds: wantStaff }
      : null;
  if (want && sitsOn(want, date, holiday) && wantStaff.length > 0)
    return { windowId: want.id, accountIds: wantStaff, via: 'window', called: null };
  const duty = windows
    .filter((w) => w.schedule === 'permanent' && sitsOn(w, date, holiday))
    .find((w) => staffOf(w, s).length > 0);
  if (duty) return { windowId: duty.id, accountIds: staffOf(duty, s), via: 'permanent_window', called };
  return { windowId: null, accountIds: s.centreAccounts, via: 'centre', called };
}
