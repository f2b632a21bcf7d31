import type { Tx } from '../../platform/db/database.js';
import { maskPiiText } from '../../platform/pii-text.js';
import type { Actor } from '../accounts/index.js';
import { caseDeps, reportCase } from '../cases/index.js';
import { AppError } from '../../platform/errors.js';
import type { EmergencyDeps } from './context.js';
import { findEvent, inArea, scopeOf } from './repository.js';
import type { HelpInput } from './schemas.js';
import './errors.js'; // registers this module's codes (ADR 0005)

/**
 * A request for help becomes an urgent case through the cases module's own intake, inside the
 * caller's transaction: urgency `emergency` (four hours, whatever the tier) in the event's category
 * (its catalogue deadlines), filed at the reporter's tier; the link is kept in emergency_help.
 */
export async function raiseHelpCase(
  tx: Tx,
  deps: EmergencyDeps,
  actor: Actor,
  e: { countyCode: string; eventId: number; title: string; categoryCode: string },
  where: { gridCode?: string; lng?: number; lat?: number; clientRequestId?: string },
  description: string,
  checkId: number | null,
  requestId?: string,
) {
  const made = await reportCase(
    { ...caseDeps(deps), db: tx },
    { ...actor, departmentId: null },
    e.countyCode,
    {
      source: 'patrol',
      categoryCode: e.categoryCode,
      urgency: 'emergency',
      clientRequestId: where.clientRequestId,
      description: maskPiiText(`【应急求助·${e.title}】${description}`).slice(0, 2000),
      ...(where.lng !== undefined && where.lat !== undefined
        ? { lng: where.lng, lat: where.lat }
        : { gridCode: where.gridCode }),
    },
    requestId,
  );
  const c = await tx
    .selectFrom('cases')
    .select(['grid_code', 'grid_path'])
    .where('county_code', '=', e.countyCode)
    .where('id', '=', made.id)
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('emergency_help')
    .values({
      county_code: e.countyCode,
      event_id: e.eventId,
      check_id: checkId,
      case_id: made.id,
      grid_code: c.grid_code,
      grid_path: c.grid_path,
      asked_by: actor.accountId,
      asked_at: deps.now(),
    })
    .execute();
  return made;
}

/**
 * 求助: a worker of the event's area asks for help (a place, a grid or coordinates): an urgent case
 * at once. 404 unless the event is visible, 403 outside its area, 409 once it is closed. Resent with
 * the same clientRequestId it answers the first case.
 */
export async function askHelp(
  deps: EmergencyDeps,
  actor: Actor,
  eventId: number,
  input: HelpInput,
  requestId: string,
) {
  const e = await findEvent(deps.db, scopeOf(actor), eventId);
  if (!e) throw new AppError('NOT_FOUND');
  if (!(await inArea(deps.db, actor.countyCode, eventId, actor.scopePath)))
    throw new AppError('EMERGENCY_NOT_IN_AREA');
  if (input.clientRequestId) {
    const earlier = await deps.db
      .selectFrom('cases as c')
      .innerJoin('emergency_help as h', (j) =>
        j.onRef('h.county_code', '=', 'c.county_code').onRef('h.case_id', '=', 'c.id'),
      )
      .select(['c.id', 'c.number', 'c.deadline_at', 'h.event_id'])
      .where('c.county_code', '=', actor.countyCode)
      .where('c.reporter_account_id', '=', actor.accountId)
      .where('c.client_request_id', '=', input.clientRequestId)
      .executeTakeFirst();
    if (earlier) {
      if (Number(earlier.event_id) !== eventId) throw new AppError('EMERGENCY_REQUEST_REUSED');
      return {
        caseId: Number(earlier.id),
        number: earlier.number,
        deadlineAt: earlier.deadline_at ? new Date(earlier.deadline_at).toISOString() : null,
        replayed: true,
      };
    }
  }
  if (e.state !== 'declared') throw new AppError('EMERGENCY_CLOSED');
  if (input.gridCode === undefined && (input.lng === undefined || input.lat === undefined))
    throw new AppError('VALIDATION_FAILED', {
      detail: '须提供坐标或网格',
      detailEn: 'coordinates or a grid code are required',
    });
  return deps.db.transaction().execute(async (tx) => {
    const made = await raiseHelpCase(
      tx,
      deps,
      actor,
      { countyCode: actor.countyCode, eventId, title: e.title, categoryCode: e.category_code },
      { gridCode: input.gridCode, lng: input.lng, lat: input.lat, clientRequestId: input.clientRequestId },
      input.description,
      null,
      requestId,
    );
    return {
      caseId: made.id,
      number: made.number,
      deadlineAt: made.deadlineAt ? new Date(made.deadlineAt).toISOString() : null,
      replayed: false,
    };
  });
}
