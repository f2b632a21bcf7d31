import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { maskPiiText } from '../../platform/pii-text.js';
import { recordAudit } from '../audit/index.js';
import { notify } from '../notify/index.js';
import * as repo from './repository.js';

const SWEEP_LOCK = 0x77686973; // "whis"

/** The escalation step's note and the notice's title (the demo's history writes the same). */
export const ESCALATE_NOTE = '超过应答时限，已上报县综治中心';
export const overdueTitle = (number: string, subject: string) =>
  `基层吹哨 ${number} 超过应答时限，已上报县综治中心（${maskPiiText(subject)}）`;

/**
 * Overdue whistles escalate to the county (the sweep pattern of cases): a whistle still unanswered
 * past its department's limit is marked escalated, its log gets an `escalate` step, the audit a row,
 * and the county centre, the department and the raiser a notice — once (escalated_at), in one
 * transaction per run. One sweeper at a time (advisory lock), rows claimed FOR UPDATE SKIP LOCKED.
 * The county centre then directs it (action `direct`), which starts a new limit.
 */
export async function sweepWhistles(db: Db, now: Date, limit = 500): Promise<{ escalated: number } | null> {
  return db.transaction().execute(async (tx) => {
    const { rows } = await sql<{
      ok: boolean;
    }>`SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK}) AS ok`.execute(tx);
    if (!rows[0]?.ok) return null;
    const due = await tx
      .selectFrom('whistle')
      .select([
        'county_code',
        'id',
        'number',
        'subject',
        'department_id',
        'raised_by',
        'received_at',
        'due_at',
      ])
      .where('state', '=', 'raised')
      .where('escalated_at', 'is', null)
      .where('due_at', '<', now)
      .orderBy('due_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const w of due) {
      await tx
        .updateTable('whistle')
        .set({ escalated_at: now, updated_at: now })
        .where('county_code', '=', w.county_code)
        .where('id', '=', w.id)
        .execute();
      await repo.recordWhistleStep(tx, {
        countyCode: w.county_code,
        whistleId: w.id,
        at: now,
        action: 'escalate',
        from: 'raised',
        to: 'raised',
        departmentId: w.department_id,
        toDepartmentId: null,
        receivedAt: w.received_at,
        dueAt: w.due_at,
        actor: null,
        note: ESCALATE_NOTE,
      });
      await recordAudit(tx, {
        actor: null,
        countyCode: w.county_code,
        action: 'whistle.escalate',
        entityType: 'whistle',
        entityId: w.id,
        before: { state: 'raised' },
        after: { state: 'raised', escalated: true, departmentId: w.department_id },
      });
      await notify(tx, {
        countyCode: w.county_code,
        accountIds: [
          ...(await repo.countyCentre(tx, w.county_code)),
          ...(await repo.departmentStaff(tx, w.county_code, w.department_id)),
          w.raised_by,
        ],
        kind: 'whistle.overdue',
        about: { type: 'whistle', id: w.id },
        title: overdueTitle(w.number, w.subject),
        event: { number: w.number, state: 'raised' },
      });
    }
    return { escalated: due.length };
  });
}
