import { AppError } from '../../platform/errors.js';
import type { Workflow } from '../workflow/index.js';
import { can } from './abilities.js';
import * as repo from './lesson-repository.js';
import { ORDER_STEP, type OrderAction, type OrderInput } from './lesson-schemas.js';
import * as life from './repository.js';
import { beijingDate } from './rules.js';
import { attendanceSheet } from './service.js';
import { scopeOf } from './scope.js';
import './errors.js'; // registers this module's codes (ADR 0005)

type Row = repo.OrderRow;
type Result = Awaited<ReturnType<typeof repo.updateOrder>>;

/** The county or a township (a scope above the village): who schedules and delivers lessons (配送). */
const above = (scopePath: string) => scopePath.split('.').length <= 4;

/**
 * 配送+点单 on the one runner: the caller sees the order (404); schedules and deliveries are the
 * county's or township's, a cancellation also the ordering branch's (403); the step is the next one
 * (409 LESSON_ORDER_OUT_OF_ORDER). Delivering holds the lesson as the branch's 党课 with its attendance
 * (members of the branch only, 400 otherwise): it counts in the rhythm of 三会一课.
 */
export const orderWorkflow = (): Workflow<Row, OrderAction, OrderInput, Result, null> => ({
  subject: 'lesson_order',
  versionConflict: 'LESSON_ORDER_VERSION_CONFLICT',
  lock: (tx, actor, id) => repo.lockOrder(tx, scopeOf(actor), id),
  stateOf: (o) => o.state,
  forbidden: ({ actor, action }) => {
    const deliverer = can(actor, 'lessons.deliver') && above(actor.scopePath);
    if (action === 'cancel')
      return deliverer || can(actor, 'lessons.order') ? null : new AppError('LESSON_NOT_DELIVERER');
    return deliverer ? null : new AppError('LESSON_NOT_DELIVERER');
  },
  illegal: ({ row, action }) =>
    ORDER_STEP[action].from.includes(row.state) ? null : new AppError('LESSON_ORDER_OUT_OF_ORDER'),
  async apply({ tx, actor, row, input, now }) {
    const countyCode = row.county_code;
    const id = Number(row.id);
    let result: Result;
    let note: string | null = null;
    const after: Record<string, unknown> = {};
    switch (input.action) {
      case 'schedule':
        result = await repo.updateOrder(
          tx,
          countyCode,
          id,
          { state: 'scheduled', scheduled_at: new Date(input.scheduledAt), place: input.place },
          now,
        );
        note = input.place;
        break;
      case 'deliver': {
        if (input.deliveredOn > beijingDate(now)) throw new AppError('ORGLIFE_DATE_INVALID');
        const sheet = await attendanceSheet(tx, countyCode, Number(row.org_id), input.attendance);
        const meetingId = await life.insertMeeting(tx, {
          countyCode,
          orgId: Number(row.org_id),
          regionPath: row.region_path,
          kind: 'lesson',
          heldOn: input.deliveredOn,
          topic: row.topic,
          minutes: `主讲：${row.speaker}`,
          attendance: sheet,
          createdBy: actor.accountId,
          clientRequestId: null,
        });
        result = await repo.updateOrder(
          tx,
          countyCode,
          id,
          { state: 'delivered', meeting_id: meetingId },
          now,
        );
        const present = sheet.filter((s) => s.status === 'present').length;
        note = `应到${sheet.length}人，实到${present}人`;
        Object.assign(after, { meeting: meetingId, present, members: sheet.length });
        break;
      }
      case 'cancel':
        result = await repo.updateOrder(tx, countyCode, id, { state: 'cancelled' }, now);
        note = input.reason;
        break;
    }
    return { toState: result.state, note, extra: null, auditAfter: after, notice: null, result };
  },
  log: async (tx, s) => {
    await repo.addOrderStep(tx, {
      countyCode: s.row.county_code,
      orderId: Number(s.row.id),
      action: s.action,
      fromState: s.fromState,
      toState: s.toState,
      actorId: s.actor.accountId,
      actorName: s.actor.displayName,
      note: s.note,
      at: s.at,
    });
  },
});
