import type { Db, DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { hashPassword } from './password.js';
import { applyTies, checkManageable, checkRoleScope, type ScopeNode } from './assignment.js';
import { inScope } from './policy.js';
import * as repo from './repository.js';
import { forgetAccounts } from './session-cache.js';
import type { Actor, Role } from './roles.js';
import './errors.js'; // registers this module's codes (ADR 0005)

export type AccountPatch = {
  displayName?: string;
  role?: Role;
  scopeCode?: string;
  disabled?: boolean;
  departmentId?: number | null;
  workerId?: number | null;
  updatedAt?: string;
};

/**
 * The account, locked; an account outside the administrator's scope does not exist for
 * them, and another administrator at or above their node is not theirs to manage (403).
 */
async function lockVisible(tx: DbOrTx, actor: Actor, id: number) {
  const cur = await repo.lockAccount(tx, id);
  if (!cur || !inScope(actor, cur.scope_path)) throw new AppError('NOT_FOUND');
  if (cur.id !== actor.accountId) checkManageable(actor, cur.role, cur.scope_path);
  return cur;
}

/** The new scope region: it must exist, lie at county level or below, and inside the administrator's own scope. */
async function newScope(tx: DbOrTx, actor: Actor, code: string) {
  const scope = await tx
    .selectFrom('region')
    .select(['code', 'path', 'county_code', 'level'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!scope)
    throw new AppError('VALIDATION_FAILED', { detail: '管辖范围不存在', detailEn: 'unknown scope region' });
  if (!inScope(actor, scope.path)) throw new AppError('SCOPE_OUTSIDE_OWN');
  if (!scope.county_code)
    throw new AppError('VALIDATION_FAILED', {
      detail: '账号管辖范围须在县及以下',
      detailEn: 'an account scope must be a county or below',
    });
  return { code: scope.code, path: scope.path, level: scope.level, countyCode: scope.county_code };
}

/**
 * Edits an account: name, role, scope, disabled. Disabling ends the account's
 * sessions in the same transaction, so its token stops working at once (a
 * later re-enable does not bring them back). Role and scope changes need no
 * revocation: every request reloads the actor from the account row.
 * An administrator may rename themselves but not lock themselves out.
 */
export async function updateAccount(
  db: Db,
  actor: Actor,
  id: number,
  patch: AccountPatch,
  now: Date,
  requestId?: string,
) {
  const updated = await db.transaction().execute(async (tx) => {
    const cur = await lockVisible(tx, actor, id);
    if (patch.updatedAt && new Date(patch.updatedAt).getTime() !== cur.updated_at.getTime()) {
      throw new AppError('CONFLICT', {
        detail: '账号已被他人修改，请刷新后重试',
        detailEn: 'the account was changed by someone else; reload and retry',
      });
    }
    const change: repo.AccountChange = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const set = <K extends 'displayName' | 'role' | 'scopeCode' | 'disabled'>(
      key: K,
      old: unknown,
      value: unknown,
    ) => {
      before[key] = old;
      after[key] = value;
    };
    if (patch.displayName !== undefined && patch.displayName !== cur.display_name) {
      change.display_name = patch.displayName;
      set('displayName', cur.display_name, patch.displayName);
    }
    if (patch.role !== undefined && patch.role !== cur.role) {
      change.role = patch.role;
      set('role', cur.role, patch.role);
    }
    let node: ScopeNode = {
      code: cur.scope_code,
      path: cur.scope_path,
      level: cur.scope_level,
      countyCode: cur.county_code,
    };
    if (patch.scopeCode !== undefined && patch.scopeCode !== cur.scope_code) {
      node = await newScope(tx, actor, patch.scopeCode);
      change.scope_code = node.code;
      change.county_code = node.countyCode;
      set('scopeCode', cur.scope_code, node.code);
    }
    const role = change.role ?? (cur.role as Role);
    if (change.role !== undefined || change.scope_code !== undefined) {
      checkRoleScope(role, node);
      if (cur.id !== actor.accountId) checkManageable(actor, role, node.path);
    }
    if (patch.disabled !== undefined && patch.disabled !== cur.disabled) {
      change.disabled = patch.disabled;
      set('disabled', cur.disabled, patch.disabled);
    }
    if (
      cur.id === actor.accountId &&
      (change.role !== undefined || change.scope_code !== undefined || change.disabled === true)
    ) {
      throw new AppError('ACCOUNT_SELF_LOCKOUT');
    }
    const retie =
      change.role !== undefined ||
      change.scope_code !== undefined ||
      patch.departmentId !== undefined ||
      patch.workerId !== undefined;
    if (retie) {
      const ties = await applyTies(tx, id, role, node, patch, { departmentId: cur.department_id });
      if (ties.departmentId !== cur.department_id) {
        before.departmentId = cur.department_id;
        after.departmentId = ties.departmentId;
      }
      if (ties.workerId !== cur.worker_id) {
        before.workerId = cur.worker_id;
        after.workerId = ties.workerId;
      }
    }
    if (Object.keys(after).length === 0) return cur;
    await repo.updateAccount(tx, id, change, now);
    if (change.disabled === true) after.sessionsRevoked = await repo.revokeAccountSessions(tx, id, now);
    await recordAudit(tx, {
      actor,
      countyCode: change.county_code ?? cur.county_code,
      action: 'account.update',
      entityType: 'account',
      entityId: id,
      before,
      after,
      requestId,
    });
    return (await repo.lockAccount(tx, id)) as NonNullable<Awaited<ReturnType<typeof repo.lockAccount>>>;
  });
  // committed: no session cache in this process answers with the account as it was
  forgetAccounts([id]);
  return updated;
}

/**
 * An administrator sets a new password (argon2id, as at creation) and ends the
 * account's sessions — all but the caller's own when they reset their own.
 * The audit row says that the password changed, never what to.
 */
export async function resetPassword(
  db: Db,
  actor: Actor,
  id: number,
  password: string,
  now: Date,
  requestId?: string,
): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (tx) => {
    const cur = await lockVisible(tx, actor, id);
    await repo.updateAccount(tx, id, { password_hash: passwordHash }, now);
    const revoked = await repo.revokeAccountSessions(
      tx,
      id,
      now,
      cur.id === actor.accountId ? actor.sessionId : undefined,
    );
    await recordAudit(tx, {
      actor,
      countyCode: cur.county_code,
      action: 'account.password',
      entityType: 'account',
      entityId: id,
      after: { passwordChanged: true, sessionsRevoked: revoked },
      requestId,
    });
  });
  forgetAccounts([id]); // committed: its ended sessions are forgotten here at once
}
