import type { DbOrTx } from '../../platform/db/database.js';
import { recordAudit } from '../audit/index.js';
import type { CaseActor } from './policy.js';

export type HistoryEntry = {
  countyCode: string;
  caseId: number;
  at: Date;
  action: string;
  fromState: string | null;
  toState: string;
  tier: string;
  actor: Pick<CaseActor, 'accountId' | 'role' | 'displayName'> | null;
  departmentId?: number | null;
  note?: string | null;
  photoIds?: string[];
  /** the deadline in force for the step, and whether the step was taken by it */
  deadlineAt: Date | null;
  onTime?: boolean | null;
};

/** One history row and the matching audit row, in the caller's transaction (intake and the sweep). */
export async function recordHistory(tx: DbOrTx, h: HistoryEntry, requestId?: string): Promise<void> {
  await insertHistory(tx, h);
  await recordAudit(tx, {
    actor: h.actor,
    countyCode: h.countyCode,
    action: `case.${h.action}`,
    entityType: 'case',
    entityId: h.caseId,
    before: h.fromState ? { state: h.fromState } : null,
    after: {
      state: h.toState,
      tier: h.tier,
      departmentId: h.departmentId ?? null,
      photos: h.photoIds?.length ?? 0,
    },
    requestId,
  });
}

/** The case's step log row alone: the workflow runner writes the audit row itself. */
export async function insertHistory(tx: DbOrTx, h: HistoryEntry): Promise<void> {
  await tx
    .insertInto('case_history')
    .values({
      county_code: h.countyCode,
      case_id: h.caseId,
      at: h.at,
      action: h.action,
      from_state: h.fromState,
      to_state: h.toState,
      tier: h.tier,
      actor_account_id: h.actor?.accountId ?? null,
      actor_role: h.actor?.role ?? 'system',
      actor_name: h.actor?.displayName ?? '系统',
      department_id: h.departmentId ?? null,
      note: h.note ?? null,
      photo_ids: h.photoIds ?? [],
      deadline_at: h.deadlineAt,
      on_time: h.onTime ?? (h.deadlineAt ? h.at.getTime() <= h.deadlineAt.getTime() : null),
    })
    .execute();
}
