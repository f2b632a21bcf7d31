import type { DbOrTx } from '../../platform/db/database.js';
import type { Actor } from '../accounts/index.js';

export type AuditEntry = {
  actor: Pick<Actor, 'accountId' | 'role'> | null;
  countyCode: string | null;
  action: string;
  entityType: string;
  entityId: string | number | null;
  /** ids and field names only — never personal data */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string | null;
  requestId?: string | null;
};

/** Appends one audit row. Call it with the transaction that makes the change. */
export async function recordAudit(tx: DbOrTx, e: AuditEntry): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      actor_id: e.actor?.accountId ?? null,
      actor_role: e.actor?.role ?? null,
      county_code: e.countyCode,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId === null ? null : String(e.entityId),
      before: e.before ? JSON.stringify(e.before) : null,
      after: e.after ? JSON.stringify(e.after) : null,
      reason: e.reason ?? null,
      request_id: e.requestId ?? null,
    })
    .execute();
}
