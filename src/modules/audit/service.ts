import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { Actor } from '../accounts/index.js';

export type AuditEntry = {
  actor: Pick<Actor, 'accountId' | 'role'> | null;
  /** another system's account acting (exchange module): named in the log instead of a person */
  system?: number;
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
      actor_role: e.system !== undefined ? 'system' : (e.actor?.role ?? null),
      system_account_id: e.system ?? null,
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

/**
 * The same row as a common table expression (`audit_row`), for a use case that makes its
 * whole change in one statement; `entityId` may be an expression over earlier CTEs.
 */
export function auditCte(e: Omit<AuditEntry, 'entityId'> & { entityId: RawBuilder<unknown> }) {
  return sql`audit_row AS (
    INSERT INTO audit_log (actor_id, actor_role, county_code, action, entity_type, entity_id, before, after, reason, request_id)
    VALUES (${e.actor?.accountId ?? null}::bigint, ${e.actor?.role ?? null}::text, ${e.countyCode}::text, ${e.action},
      ${e.entityType}, ${e.entityId}::text, ${e.before ? JSON.stringify(e.before) : null}::jsonb,
      ${e.after ? JSON.stringify(e.after) : null}::jsonb, ${e.reason ?? null}::text, ${e.requestId ?? null}::text)
    RETURNING 1
  )`;
}
