import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import type { PetitionDeps } from './context.js';
import { nameReceiver } from './register.js';
import { boardOn, isoWeekday, type Schedule } from './schedule.js';
import type { WindowRow } from './window-repository.js';
import * as windows from './window-repository.js';
import './errors.js'; // registers this module's codes (ADR 0005)

type Names = Map<number, string>;
type StaffingNames = Awaited<ReturnType<typeof windows.staffingOf>>;

function toWindowItem(w: WindowRow, s: StaffingNames, extra: Names) {
  const ids =
    w.staff_account_id !== null
      ? [w.staff_account_id]
      : w.department_id === null
        ? []
        : (s.departmentAccounts.get(w.department_id) ?? []);
  return {
    id: w.id,
    unitName: w.unit_name,
    departmentId: w.department_id,
    schedule: w.schedule as Schedule,
    weekday: w.weekday,
    monthDay: w.month_day,
    staffAccountId: w.staff_account_id,
    staffNames: ids.map((a) => s.names.get(a) ?? extra.get(a) ?? String(a)),
    active: w.active,
  };
}

/** The windows board of a date (Beijing): who sits, who is on call, and who receives a visitor now. */
export async function windowsBoard(deps: PetitionDeps, actor: Actor, date: string, wanted: number | null) {
  const {
    receiver,
    windows: all,
    staffing,
    holiday,
  } = await nameReceiver(deps, actor.countyCode, date, wanted);
  const named = all.map((w) => w.staff_account_id).filter((a): a is number => a !== null);
  const extra = await windows.accountNames(deps.db, [...named, ...receiver.accountIds]);
  const item = (w: WindowRow) => toWindowItem(w, staffing, extra);
  const b = boardOn(all, date, holiday !== null);
  const at = all.find((w) => w.id === receiver.windowId);
  return {
    date,
    weekday: isoWeekday(date),
    holiday,
    present: b.present.map(item),
    onCall: b.onCall.map(item),
    absent: b.absent.map(item),
    receiver: {
      windowId: receiver.windowId,
      unitName: at?.unit_name ?? null,
      names: receiver.accountIds.map((a) => staffing.names.get(a) ?? extra.get(a) ?? String(a)),
      via: receiver.via,
      calledWindowId: receiver.called?.windowId ?? null,
    },
  };
}

export type WindowInput = {
  unitName?: string;
  departmentId?: number | null;
  schedule?: Schedule;
  weekday?: number | null;
  monthDay?: number | null;
  staffAccountId?: number | null;
  active?: boolean;
};

async function checkWindow(
  deps: PetitionDeps,
  countyCode: string,
  w: Required<Omit<WindowInput, 'active' | 'unitName'>>,
) {
  const weekly = w.schedule === 'weekly';
  const monthly = w.schedule === 'monthly';
  if (weekly !== (w.weekday !== null) || monthly !== (w.monthDay !== null))
    throw new AppError('PETITION_WINDOW_SCHEDULE');
  if (w.departmentId !== null && !(await windows.departmentActive(deps.db, countyCode, w.departmentId)))
    throw new AppError('VALIDATION_FAILED', { detail: '部门不存在', detailEn: 'unknown department' });
  if (w.staffAccountId !== null && !(await windows.staffAccountOf(deps.db, countyCode, w.staffAccountId)))
    throw new AppError('VALIDATION_FAILED', { detail: '接待人员不存在', detailEn: 'unknown staff account' });
}

const isDuplicate = (err: unknown) => (err as { code?: string }).code === '23505';

/** A new window of a unit at the county centre (audited). */
export async function addWindow(
  deps: PetitionDeps,
  actor: Actor,
  input: WindowInput & { unitName: string; schedule: Schedule },
  requestId: string,
) {
  const w = {
    departmentId: input.departmentId ?? null,
    schedule: input.schedule,
    weekday: input.weekday ?? null,
    monthDay: input.monthDay ?? null,
    staffAccountId: input.staffAccountId ?? null,
  };
  await checkWindow(deps, actor.countyCode, w);
  try {
    return await deps.db.transaction().execute(async (tx) => {
      const row = await windows.insertWindow(tx, {
        county_code: actor.countyCode,
        unit_name: input.unitName,
        department_id: w.departmentId,
        schedule: w.schedule,
        weekday: w.weekday,
        month_day: w.monthDay,
        staff_account_id: w.staffAccountId,
        active: input.active ?? true,
      });
      await recordAudit(tx, {
        actor,
        countyCode: actor.countyCode,
        action: 'petition_window.add',
        entityType: 'petition_window',
        entityId: row.id,
        after: {
          schedule: w.schedule,
          weekday: w.weekday,
          monthDay: w.monthDay,
          departmentId: w.departmentId,
        },
        requestId,
      });
      return { id: row.id };
    });
  } catch (err) {
    if (isDuplicate(err)) throw new AppError('PETITION_WINDOW_DUPLICATE');
    throw err;
  }
}

/** Changes a window's unit, schedule, staff or whether it is open (audited). */
export async function changeWindow(
  deps: PetitionDeps,
  actor: Actor,
  id: number,
  input: WindowInput,
  requestId: string,
) {
  try {
    return await deps.db.transaction().execute(async (tx) => {
      const old = await windows.lockWindow(tx, actor.countyCode, id);
      if (!old) throw new AppError('NOT_FOUND');
      const schedule = (input.schedule ?? old.schedule) as Schedule;
      const w = {
        departmentId:
          input.departmentId !== undefined
            ? input.departmentId
            : old.department_id === null
              ? null
              : Number(old.department_id),
        schedule,
        weekday: input.weekday !== undefined ? input.weekday : schedule === 'weekly' ? old.weekday : null,
        monthDay:
          input.monthDay !== undefined ? input.monthDay : schedule === 'monthly' ? old.month_day : null,
        staffAccountId:
          input.staffAccountId !== undefined
            ? input.staffAccountId
            : old.staff_account_id === null
              ? null
              : Number(old.staff_account_id),
      };
      await checkWindow(deps, actor.countyCode, w);
      await windows.updateWindow(tx, actor.countyCode, id, {
        unit_name: input.unitName ?? old.unit_name,
        department_id: w.departmentId,
        schedule: w.schedule,
        weekday: w.weekday,
        month_day: w.monthDay,
        staff_account_id: w.staffAccountId,
        active: input.active ?? old.active,
      });
      await recordAudit(tx, {
        actor,
        countyCode: actor.countyCode,
        action: 'petition_window.change',
        entityType: 'petition_window',
        entityId: id,
        before: { schedule: old.schedule, weekday: old.weekday, monthDay: old.month_day, active: old.active },
        after: {
          schedule: w.schedule,
          weekday: w.weekday,
          monthDay: w.monthDay,
          active: input.active ?? old.active,
        },
        requestId,
      });
      return { id };
    });
  } catch (err) {
    if (isDuplicate(err)) throw new AppError('PETITION_WINDOW_DUPLICATE');
    throw err;
  }
}
