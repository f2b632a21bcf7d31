import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import { createOnce, isUniqueViolation } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { runStep, type Applied, type Workflow } from '../workflow/index.js';
import { can } from './abilities.js';
import type { EmergencyDeps } from './context.js';
import { raiseHelpCase } from './help.js';
import type { ReportInput } from './schemas.js';
import './errors.js'; // registers this module's codes (ADR 0005)

/** A phone's clock may run a little ahead; a report kept offline arrives later, not before the event. */
const CLOCK_SKEW_MS = 5 * 60_000;

type Result = {
  id: number;
  status: 'pending' | 'safe' | 'evacuated' | 'needs_help' | 'unreachable';
  latest: boolean;
  caseId: number | null;
  version: number;
  replayed: boolean;
};

/** A check in the caller's subtree, locked, with its event (undefined → 404). */
async function lockCheck(tx: Tx, actor: Actor, id: number) {
  return tx
    .selectFrom('emergency_check as c')
    .innerJoin('emergency_event as e', (j) =>
      j.onRef('e.county_code', '=', 'c.county_code').onRef('e.id', '=', 'c.event_id'),
    )
    .innerJoin('household as h', (j) =>
      j.onRef('h.county_code', '=', 'c.county_code').onRef('h.id', '=', 'c.household_id'),
    )
    .select([
      'c.county_code',
      'c.id',
      'c.event_id',
      'c.grid_code',
      'c.status',
      'c.reported_at',
      'c.case_id',
      'c.version',
      'h.address',
      'e.state as event_state',
      'e.title',
      'e.category_code',
      'e.declared_at',
    ])
    .where('c.county_code', '=', actor.countyCode)
    .where('c.id', '=', id)
    .where(sql<boolean>`c.grid_path <@ ${actor.scopePath}::ltree`)
    .forUpdate('c')
    .executeTakeFirst();
}
type Row = NonNullable<Awaited<ReturnType<typeof lockCheck>>>;

function reportedAtOf(row: Row, input: ReportInput, now: Date): Date {
  const at = input.reportedAt ? new Date(input.reportedAt) : now;
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS || at.getTime() < row.declared_at.getTime())
    throw new AppError('EMERGENCY_TIME_INVALID');
  return at;
}

const checkWorkflow = (
  deps: EmergencyDeps,
  requestId: string,
): Workflow<Row, 'report', ReportInput, Result, null> => ({
  subject: 'emergency_check',
  versionConflict: 'EMERGENCY_VERSION_CONFLICT',
  lock: (tx, actor, id) => lockCheck(tx, actor, id),
  stateOf: (r) => r.status,
  forbidden: ({ actor }) => (can(actor, 'emergency.respond') ? null : new AppError('FORBIDDEN')),
  illegal: ({ row }) => (row.event_state !== 'declared' ? new AppError('EMERGENCY_CLOSED') : null),
  async apply({ tx, actor, row, input, now }): Promise<Applied<Result, null>> {
    const at = reportedAtOf(row, input, now);
    try {
      await tx
        .insertInto('emergency_report')
        .values({
          county_code: row.county_code,
          event_id: row.event_id,
          check_id: row.id,
          status: input.status,
          note: input.note ?? null,
          reported_by: actor.accountId,
          reported_by_name: actor.displayName,
          reported_at: at,
          received_at: now,
          client_request_id: input.clientRequestId ?? null,
        })
        .execute();
    } catch (err) {
      if (isUniqueViolation(err, 'emergency_report_county_code_check_id_reported_at_key'))
        throw new AppError('EMERGENCY_REPORT_DUPLICATE');
      throw err;
    }
    // latest status wins (by the phone's time): an older queued report only joins the history
    const latest = row.reported_at === null || at.getTime() > row.reported_at.getTime();
    let caseId = row.case_id === null ? null : Number(row.case_id);
    // "needs help" becomes one urgent case per household and event
    if (latest && input.status === 'needs_help' && caseId === null) {
      const made = await raiseHelpCase(
        tx,
        deps,
        actor,
        {
          countyCode: row.county_code,
          eventId: Number(row.event_id),
          title: row.title,
          categoryCode: row.category_code,
        },
        { gridCode: row.grid_code },
        `${row.address} 需要帮助${input.note ? `：${input.note}` : ''}`,
        row.id,
        requestId,
      );
      caseId = made.id;
    }
    const u = latest
      ? await tx
          .updateTable('emergency_check')
          .set({
            status: input.status,
            reported_by: actor.accountId,
            reported_at: at,
            first_reported_at: sql`coalesce(first_reported_at, ${now}::timestamptz)`,
            case_id: caseId,
            version: row.version + 1,
          })
          .where('county_code', '=', row.county_code)
          .where('id', '=', row.id)
          .returning(['status', 'version'])
          .executeTakeFirstOrThrow()
      : { status: row.status, version: row.version };
    return {
      toState: u.status,
      note: input.note ?? null,
      extra: null,
      auditAfter: { eventId: Number(row.event_id), reported: input.status, latest, caseId },
      notice: null,
      result: {
        id: row.id,
        status: u.status as Result['status'],
        latest,
        caseId,
        version: u.version,
        replayed: false,
      },
    };
  },
  // the step log of a check is emergency_report (written in apply): every report, kept
  log: async () => {},
});

/**
 * A grid worker or village staff member reports a household's status in one tap, through the
 * workflow runner (404 outside their subtree, 403 for other roles, 409 once the event is closed).
 * Every report is kept; the latest by the phone's time is the household's status; one report per
 * household per moment. Resent from the phone's queue with the same clientRequestId it answers
 * the first result (`replayed`).
 */
export async function reportCheck(
  deps: EmergencyDeps,
  actor: Actor,
  id: number,
  input: ReportInput,
  requestId: string,
): Promise<Result> {
  const find = (rid: string) =>
    deps.db
      .selectFrom('emergency_report')
      .select(['check_id'])
      .where('county_code', '=', actor.countyCode)
      .where('reported_by', '=', actor.accountId)
      .where('client_request_id', '=', rid)
      .executeTakeFirst();
  return createOnce({
    requestId: input.clientRequestId,
    find,
    constraint: 'emergency_report_client_request_idx',
    replay: async (earlier) => {
      if (Number(earlier.check_id) !== id) throw new AppError('EMERGENCY_REQUEST_REUSED');
      const c = await deps.db
        .selectFrom('emergency_check')
        .select(['status', 'case_id', 'version'])
        .where('county_code', '=', actor.countyCode)
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return {
        id,
        status: c.status as Result['status'],
        latest: true,
        caseId: c.case_id === null ? null : Number(c.case_id),
        version: c.version,
        replayed: true,
      };
    },
    create: () =>
      runStep(deps.db, checkWorkflow(deps, requestId), actor, id, 'report', input, {
        now: deps.now(),
        requestId,
      }),
  });
}
