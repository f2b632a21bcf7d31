import { randomBytes } from 'node:crypto';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { hashPassword, verifyPassword } from './password.js';
import { applyTies, checkManageable, checkRoleScope } from './assignment.js';
import { inScope } from './policy.js';
import * as repo from './repository.js';
import { forgetSessions } from './session-cache.js';
import type { Actor, Role } from './roles.js';

export const SESSION_TTL_HOURS = 12;

/**
 * Signs in; answers the session token (for the cookie and as a bearer token).
 * An unknown username, a wrong password and a disabled account answer alike (same
 * status, code, message, and one argon2 verification each), so neither the usernames
 * nor a disabled account's password can be probed.
 */
export async function login(db: Db, username: string, password: string, userAgent: string | null) {
  const account = await repo.findAccountForLogin(db, username.toLowerCase());
  const ok = await verifyPassword(account?.password_hash, password);
  if (!account || !ok || account.disabled) throw new AppError('INVALID_CREDENTIALS');
  const token = randomBytes(32).toString('base64url');
  const session = await repo.insertSession(db, account.id, token, SESSION_TTL_HOURS, userAgent);
  return { token, sessionId: session.id, expiresInSeconds: SESSION_TTL_HOURS * 3600 };
}

/** Ends the caller's session; once that commits, no cache in this process knows it. */
export async function logout(db: Db, actor: Actor): Promise<void> {
  await repo.revokeSession(db, actor.sessionId);
  forgetSessions([actor.sessionId]);
}

/** Whether a session may still act (a long-lived stream re-checks it now and then). */
export const isSessionLive = (db: DbOrTx, sessionId: number) => repo.isSessionLive(db, sessionId);

export type NewAccount = {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  scopeCode: string;
  /** department staff: their department (at the scope node) */
  departmentId?: number | null;
  /** grid workers: their roster record (in the scope grid) */
  workerId?: number | null;
};

/**
 * Creates an account. With an actor (an administrator through the API) the new
 * scope must lie inside the actor's own (an administrator account strictly below it);
 * without one (the CLI) it is the operator's own machine speaking. The role must fit
 * the scope's level, and the account is tied to its department or roster record in
 * the same transaction (assignment.ts).
 */
export async function createAccount(db: Db, input: NewAccount, actor: Actor | null, requestId?: string) {
  const scope = await db
    .selectFrom('region')
    .select(['code', 'path', 'county_code', 'level'])
    .where('code', '=', input.scopeCode)
    .executeTakeFirst();
  if (!scope || (actor && !inScope(actor, scope.path))) {
    throw actor && scope
      ? new AppError('SCOPE_OUTSIDE_OWN')
      : new AppError('VALIDATION_FAILED', { detail: '管辖范围不存在', detailEn: 'unknown scope region' });
  }
  if (!scope.county_code) {
    throw new AppError('VALIDATION_FAILED', {
      detail: '账号管辖范围须在县及以下',
      detailEn: 'an account scope must be a county or below',
    });
  }
  const countyCode = scope.county_code;
  const node = { code: scope.code, path: scope.path, level: scope.level, countyCode };
  checkRoleScope(input.role, node);
  checkManageable(actor, input.role, scope.path);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (tx) => {
    const row = await repo.insertAccount(tx, {
      ...input,
      username: input.username.toLowerCase(),
      passwordHash,
      countyCode,
    });
    if (!row) throw new AppError('USERNAME_TAKEN');
    const ties = await applyTies(tx, row.id, input.role, node, input);
    await recordAudit(tx, {
      actor,
      countyCode,
      action: 'account.create',
      entityType: 'account',
      entityId: row.id,
      after: {
        username: input.username.toLowerCase(),
        role: input.role,
        scopeCode: input.scopeCode,
        ...ties,
      },
      requestId,
    });
    return row.id;
  });
}

export const listAccounts = (db: DbOrTx, actor: Actor, filter: repo.AccountFilter) =>
  repo.listAccounts(db, actor.scopePath, filter);
