import { createHash } from 'node:crypto';
import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import type { Actor, Role } from './roles.js';

export const hashToken = (token: string) => createHash('sha256').update(token).digest();

export async function findAccountForLogin(db: DbOrTx, username: string) {
  return db
    .selectFrom('account')
    .select(['id', 'username', 'password_hash', 'disabled'])
    .where('username', '=', username)
    .executeTakeFirst();
}

export async function insertSession(db: DbOrTx, accountId: number, token: string, ttlHours: number, userAgent: string | null) {
  return db
    .insertInto('session')
    .values({
      account_id: accountId,
      token_hash: hashToken(token),
      expires_at: new Date(Date.now() + ttlHours * 3600_000),
      user_agent: userAgent?.slice(0, 300) ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** The actor behind a live session token, or undefined. */
export async function findActorByToken(db: DbOrTx, token: string): Promise<Actor | undefined> {
  const row = await db
    .selectFrom('session as s')
    .innerJoin('account as a', 'a.id', 's.account_id')
    .innerJoin('region as r', 'r.code', 'a.scope_code')
    .select(['s.id as session_id', 'a.id', 'a.username', 'a.display_name', 'a.role', 'a.scope_code', 'a.county_code', 'r.path'])
    .where('s.token_hash', '=', hashToken(token))
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', new Date())
    .where('a.disabled', '=', false)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    accountId: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    scopeCode: row.scope_code,
    scopePath: row.path,
    countyCode: row.county_code,
    sessionId: row.session_id,
  };
}

export async function revokeSession(db: DbOrTx, sessionId: number): Promise<void> {
  await db.updateTable('session').set({ revoked_at: new Date() }).where('id', '=', sessionId).execute();
}

export async function insertAccount(
  db: DbOrTx,
  a: { username: string; displayName: string; passwordHash: string; role: Role; scopeCode: string; countyCode: string },
) {
  return db
    .insertInto('account')
    .values({
      username: a.username,
      display_name: a.displayName,
      password_hash: a.passwordHash,
      role: a.role,
      scope_code: a.scopeCode,
      county_code: a.countyCode,
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .returning(['id'])
    .executeTakeFirst();
}

/** Accounts whose scope lies inside `scopePath`. */
export async function listAccounts(db: DbOrTx, scopePath: string, limit: number, offset: number) {
  return db
    .selectFrom('account as a')
    .innerJoin('region as r', 'r.code', 'a.scope_code')
    .select(['a.id', 'a.username', 'a.display_name', 'a.role', 'a.scope_code', 'r.name as scope_name', 'a.disabled', 'a.created_at'])
    .where(inSubtree('r.path', scopePath))
    .orderBy('a.id')
    .limit(limit)
    .offset(offset)
    .execute();
}
