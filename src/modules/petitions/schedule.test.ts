import { describe, expect, it } from 'vitest';
import { boardOn, isoWeekday, receiverFor, sitsOn, type Staffing, type WindowFacts } from './schedule.js';

const w = (id: number, schedule: string, more: Partial<WindowFacts> = {}): WindowFacts => ({
  id,
  unit_name: `unit${id}`,
  department_id: id,
  schedule,
  weekday: null,
  month_day: null,
  staff_account_id: null,
  active: true,
  ...more,
});

const permanent = w(1, 'permanent');
const monday = w(2, 'weekly', { weekday: 1 });
const fifteenth = w(3, 'monthly', { month_day: 15 });
const thirtyFirst = w(4, 'monthly', { month_day: 31 });
const onCall = w(5, 'on_call');
const closed = w(6, 'permanent', { active: false });
const all = [permanent, monday, fifteenth, thirtyFirst, onCall, closed];
const staffing: Staffing = {
  departmentAccounts: new Map([
    [1, [101]],
    [2, [102]],
    [3, [103]],
    [4, [104]],
    [5, [105]],
    [6, [106]],
  ]),
  centreAccounts: [900],
};

describe('window schedules on given dates', () => {
  it('weekdays are ISO: 2024-10-14 is a Monday, 2024-10-13 a Sunday', () => {
    expect(isoWeekday('2024-10-14')).toBe(1);
    expect(isoWeekday('2024-10-13')).toBe(7);
  });

  it('permanent every day; weekly on its weekday; monthly on its day; on call never sits', () => {
    const on = (d: string) => boardOn(all, d).present.map((x) => x.id);
    expect(on('2024-10-14')).toEqual([1, 2]); // Monday the 14th
    expect(on('2024-10-15')).toEqual([1, 3]); // Tuesday the 15th
    expect(on('2024-10-31')).toEqual([1, 4]);
    expect(boardOn(all, '2024-10-14').onCall.map((x) => x.id)).toEqual([5]);
    expect(boardOn(all, '2024-10-14').absent.map((x) => x.id)).toEqual([3, 4]);
  });

  it('a monthly day past a short month’s end falls on its last day', () => {
    expect(sitsOn(thirtyFirst, '2024-11-30')).toBe(true);
    expect(sitsOn(thirtyFirst, '2024-11-29')).toBe(false);
    expect(sitsOn(thirtyFirst, '2025-02-28')).toBe(true);
    expect(sitsOn(thirtyFirst, '2024-02-29')).toBe(true);
    expect(sitsOn(thirtyFirst, '2024-02-28')).toBe(false);
  });

  it('an inactive window never sits', () => {
    expect(sitsOn(closed, '2024-10-14')).toBe(false);
  });
});

describe('a visitor never finds no one (fallback chain)', () => {
  it('the window asked for, when it sits and has staff', () => {
    expect(receiverFor(all, '2024-10-14', staffing, 2)).toEqual({
      windowId: 2,
      accountIds: [102],
      via: 'window',
      called: null,
    });
  });

  it('a weekly window on another day: the permanent window receives', () => {
    const r = receiverFor(all, '2024-10-15', staffing, 2);
    expect(r).toMatchObject({ windowId: 1, accountIds: [101], via: 'permanent_window', called: null });
  });

  it('an on-call unit is called, and a permanent window receives meanwhile', () => {
    const r = receiverFor(all, '2024-10-15', staffing, 5);
    expect(r).toEqual({
      windowId: 1,
      accountIds: [101],
      via: 'permanent_window',
      called: { windowId: 5, accountIds: [105] },
    });
  });

  it('a window whose unit has no staff account is skipped for one that has', () => {
    const unstaffed = w(7, 'permanent', { department_id: null });
    const r = receiverFor([unstaffed, permanent], '2024-10-15', staffing, 7);
    expect(r).toMatchObject({ windowId: 1, via: 'permanent_window' });
  });

  it('named staff sit at a window even without a department', () => {
    const named = w(8, 'permanent', { department_id: null, staff_account_id: 555 });
    expect(receiverFor([named], '2024-10-15', staffing, null)).toMatchObject({
      windowId: 8,
      accountIds: [555],
    });
  });

  it('no window staffed at all: the county centre receives', () => {
    expect(receiverFor([monday, onCall], '2024-10-15', staffing, null)).toEqual({
      windowId: null,
      accountIds: [900],
      via: 'centre',
      called: null,
    });
    expect(receiverFor([], '2024-10-15', staffing, null).accountIds).toEqual([900]);
  });
});

describe('window schedules on public holidays', () => {
  it('a weekly or monthly window does not sit on a holiday; the permanent windows still receive', () => {
    // Monday the 15th of a month, a holiday: only the permanent window sits
    const b = boardOn(all, '2024-04-15', true);
    expect(b.present.map((x) => x.id)).toEqual([1]);
    expect(b.absent.map((x) => x.id)).toEqual([2, 3, 4]);
    expect(sitsOn(monday, '2024-04-15', false)).toBe(true);
    expect(sitsOn(fifteenth, '2024-04-15', false)).toBe(true);
    // a visitor who asks for the Monday window is received at the permanent window
    expect(receiverFor(all, '2024-04-15', staffing, 2, true)).toMatchObject({
      windowId: 1,
      accountIds: [101],
      via: 'permanent_window',
    });
  });

  it('the fallback still names someone when no permanent window is staffed on a holiday', () => {
    const r = receiverFor([monday, fifteenth, onCall], '2024-04-15', staffing, 5, true);
    expect(r).toMatchObject({ windowId: null, accountIds: [900], via: 'centre' });
    expect(r.called).toEqual({ windowId: 5, accountIds: [105] });
  });
});
