import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { runStep, type Applied, type Workflow } from '../workflow/index.js';
import type { EmergencyDeps } from './context.js';
import { areaWorkers } from './declare.js';
import { mayClose } from './policy.js';
import * as repo from './repository.js';
import type { CloseBody } from './schemas.js';
import type { z } from 'zod';
import './errors.js'; // registers this module's codes (ADR 0005)

type Input = z.output<typeof CloseBody>;
type Row = repo.EventRow;
type Summary = {
  checked: number;
  total: number;
  unreachable: number;
  evacuated: number;
  helpGiven: number;
  pending: number;
};
type Result = { id: number; state: 'closed'; version: number; summary: Summary; positionsPurged: number };

/** The event's summary, counted in SQL over all its checks and requests for help. */
export async function summaryOf(tx: Tx, countyCode: string, eventId: number): Promise<Summary> {
  const { rows } = await sql<Summary>`SELECT
      (count(*) FILTER (WHERE c.status <> 'pending'))::int AS checked,
      count(*)::int AS total,
      (count(*) FILTER (WHERE c.status = 'unreachable'))::int AS unreachable,
      (count(*) FILTER (WHERE c.status = 'evacuated'))::int AS evacuated,
      (SELECT count(*) FROM emergency_help h WHERE h.county_code = ${countyCode} AND h.event_id = ${eventId})::int AS "helpGiven",
      (count(*) FILTER (WHERE c.status = 'pending'))::int AS pending
    FROM emergency_check c WHERE c.county_code = ${countyCode} AND c.event_id = ${eventId}`.execute(tx);
  return rows[0]!;
}

/**
 * Closing, in one step: the summary is kept on the event, location sharing stops by itself (every
 * consent ends) and every shared position of the event is deleted — the server keeps none once the
 * emergency is over (国办函〔2026〕12号) — and the area's workers are told.
 */
export async function closeEvent(
  deps: EmergencyDeps,
  actor: Actor,
  id: number,
  input: Input,
  requestId: string,
) {
  const wf: Workflow<Row, 'close', Input, Result, null> = {
    subject: 'emergency_event',
    versionConflict: 'EMERGENCY_VERSION_CONFLICT',
    lock: (tx, a, i) => repo.lockEvent(tx, repo.scopeOf(a), i),
    stateOf: (e) => e.state,
    forbidden: ({ actor: a, row }) => (mayClose(a, row) ? null : new AppError('FORBIDDEN')),
    illegal: ({ row }) => (row.state !== 'declared' ? new AppError('EMERGENCY_CLOSED') : null),
    async apply({ tx, row, now }): Promise<Applied<Result, null>> {
      const summary = await summaryOf(tx, row.county_code, row.id);
      const purged = await tx
        .deleteFrom('emergency_position')
        .where('county_code', '=', row.county_code)
        .where('event_id', '=', row.id)
        .executeTakeFirst();
      await tx
        .updateTable('emergency_location_consent')
        .set({ stopped_at: now })
        .where('county_code', '=', row.county_code)
        .where('event_id', '=', row.id)
        .where('stopped_at', 'is', null)
        .execute();
      const u = await tx
        .updateTable('emergency_event')
        .set({
          state: 'closed',
          closed_at: now,
          closed_by: actor.accountId,
          summary: JSON.stringify(summary),
          close_note: input.note ?? null,
          version: row.version + 1,
        })
        .where('county_code', '=', row.county_code)
        .where('id', '=', row.id)
        .where('state', '=', 'declared')
        .returning('version')
        .executeTakeFirst();
      if (!u) throw new AppError('EMERGENCY_CLOSED');
      const workers = await areaWorkers(tx, row.county_code, Number(row.id));
      return {
        toState: 'closed',
        note: input.note ?? null,
        extra: null,
        auditAfter: { ...summary, positionsPurged: Number(purged.numDeletedRows) },
        notice: {
          accountIds: workers,
          about: { type: 'emergency', id: Number(row.id) },
          kind: 'emergency_closed',
          title: `【应急结束】${row.title}`,
          body: `应急响应已结束，位置共享已自动停止。已核查 ${summary.checked}/${summary.total} 户。`,
          event: { state: 'closed' },
        },
        result: {
          id: Number(row.id),
          state: 'closed',
          version: u.version,
          summary,
          positionsPurged: Number(purged.numDeletedRows),
        },
      };
    },
    log: (tx, s) =>
      repo.recordHistory(tx, {
        countyCode: s.row.county_code,
        eventId: Number(s.row.id),
        at: s.at,
        action: s.action,
        from: s.fromState,
        to: s.toState,
        actor: s.actor,
        note: s.note,
      }),
  };
  return runStep(deps.db, wf, actor, id, 'close', input, { now: deps.now(), requestId });
}
