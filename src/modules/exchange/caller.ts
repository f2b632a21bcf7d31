import './errors.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { hashSystemKey, KEY_PREFIX } from './keys.js';
import type { Operation } from './operations.js';

/** The system account a request speaks for (from its key). */
export type SystemCaller = {
  id: number;
  countyCode: string;
  name: string;
  scopeCode: string;
  scopePath: string;
  operations: Operation[];
  /** calls allowed per minute (rate-limit.ts) */
  callsPerMinute: number;
};

/** `Authorization: Bearer wg_sys_…` → the live account (401 SYSTEM_KEY_INVALID otherwise). */
export async function systemOf(db: DbOrTx, authorization: string | undefined): Promise<SystemCaller> {
  const key = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) throw new AppError('SYSTEM_KEY_INVALID');
  const r = await db
    .selectFrom('system_account')
    .select(['id', 'county_code', 'name', 'scope_code', 'scope_path', 'operations', 'calls_per_minute'])
    .where('key_hash', '=', hashSystemKey(key))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!r) throw new AppError('SYSTEM_KEY_INVALID');
  return {
    id: r.id,
    countyCode: r.county_code,
    name: r.name,
    scopeCode: r.scope_code,
    scopePath: r.scope_path,
    operations: r.operations as Operation[],
    callsPerMinute: r.calls_per_minute,
  };
}

/** Deny by default: an operation the account was not granted answers 403. */
export function requireOperation(caller: SystemCaller, op: Operation): void {
  if (!caller.operations.includes(op)) throw new AppError('SYSTEM_OPERATION_DENIED');
}

/**
 * Every call by a system account is audited as that account (the log shows its name), in the
 * transaction of the call, and marks the key used.
 */
export async function recordSystemCall(
  tx: DbOrTx,
  caller: SystemCaller,
  e: {
    action: string;
    entityType: string;
    entityId: string | number | null;
    after?: Record<string, unknown>;
    requestId?: string;
    now: Date;
  },
): Promise<void> {
  await recordAudit(tx, {
    actor: null,
    system: caller.id,
    countyCode: caller.countyCode,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    after: e.after ?? null,
    requestId: e.requestId,
  });
  await tx
    .updateTable('system_account')
    .set({ last_used_at: e.now })
    .where('county_code', '=', caller.countyCode)
    .where('id', '=', caller.id)
    .execute();
}

/** The caller as the importers of other modules take it (no account row; named in the audit). */
export const importerOf = (caller: SystemCaller) => ({
  countyCode: caller.countyCode,
  scopeCode: caller.scopeCode,
  scopePath: caller.scopePath,
  displayName: caller.name,
  role: 'county_centre' as const,
  accountId: null,
  systemAccountId: caller.id,
});
