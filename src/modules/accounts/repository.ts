import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { PREPARED, type DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import { publishAccountsChanged, publishSessionsEnded } from '../../platform/events.js';
import type { Actor, Role } from './roles.js';

export const hashToken = (token: string) => createHash('sha256').update(token).digest();

export async function findAccountForLogin(db: DbOrTx, username: string) {
  return db
    .selectFrom('account')
    .select(['id', 'username', 'password_hash', 'disabled'])
    .where('username', '=', username)
    .executeTakeFirst();
}

export async function insertSession(
  db: DbOrTx,
  accountId: number,
  token: string,
  ttlHours: number,
  userAgent: string | null,
) {
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

/** The actor behind a live session token and when the session expires, or undefined. */
export async function findLiveSession(
  db: DbOrTx,
  token: string,
): Promise<{ actor: Actor; expiresAt: Date } | undefined> {
  const row = await db
    .selectFrom('session as s')
    .innerJoin('account as a', 'a.id', 's.account_id')
    .innerJoin('region as r', 'r.code', 'a.scope_code')
    .select([
      's.id as session_id',
      's.expires_at',
      'a.id',
      'a.username',
      'a.display_name',
      'a.role',
      'a.scope_code',
      'a.county_code',
      'r.path',
    ])
    .where('s.token_hash', '=', hashToken(token))
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', new Date())
    .where('a.disabled', '=', false)
    .modifyEnd(PREPARED) // every request runs it: planned once per connection
    .executeTakeFirst();
  if (!row) return undefined;
  const actor: Actor = {
    accountId: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    scopeCode: row.scope_code,
    scopePath: row.path,
    countyCode: row.county_code,
    sessionId: row.session_id,
  };
  return { actor, expiresAt: row.expires_at };
}

export async function revokeSession(db: DbOrTx, sessionId: number): Promise<void> {
  await db.updateTable('session').set({ revoked_at: new Date() }).where('id', '=', sessionId).execute();
  await publishSessionsEnded(db, [sessionId]);
}

/** True while the session may still act: not revoked, not expired, its account enabled. */
export async function isSessionLive(db: DbOrTx, sessionId: number): Promise<boolean> {
  const row = await db
    .selectFrom('session as s')
    .innerJoin('account as a', 'a.id', 's.account_id')
    .select('s.id')
    .where('s.id', '=', sessionId)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', new Date())
    .where('a.disabled', '=', false)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertAccount(
  db: DbOrTx,
  a: {
    username: string;
    displayName: string;
    passwordHash: string;
    role: Role;
    scopeCode: string;
    countyCode: string;
  },
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

const ACCOUNT_COLUMNS = [
  'a.id',
  'a.username',
  'a.display_name',
  'a.role',
  'a.scope_code',
  'r.name as scope_name',
  'r.path as scope_path',
  'a.disabled',
  'a.created_at',
  'a.updated_at',
  'a.department_id',
  'd.name as department_name',
] as const;

/** The roster record tied to the account (grid workers), as a column. */
const workerIdOf = sql<number | null>`(SELECT w.id FROM grid_worker w WHERE w.account_id = a.id)`.as(
  'worker_id',
);

export type AccountFilter = { role?: Role; q?: string; disabled?: boolean; limit: number; offset: number };

/** Accounts whose scope lies inside `scopePath`, filtered, with the total. */
export async function listAccounts(db: DbOrTx, scopePath: string, f: AccountFilter) {
  let q = db
    .selectFrom('account as a')
    .innerJoin('region as r', 'r.code', 'a.scope_code')
    .leftJoin('department as d', (j) =>
      j.onRef('d.county_code', '=', 'a.county_code').onRef('d.id', '=', 'a.department_id'),
    )
    .where(inSubtree('r.path', scopePath));
  if (f.role) q = q.where('a.role', '=', f.role);
  if (f.disabled !== undefined) q = q.where('a.disabled', '=', f.disabled);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('a.username', 'ilike', like), eb('a.display_name', 'ilike', like)]));
  }
  const [items, total] = await Promise.all([
    q
      .select([...ACCOUNT_COLUMNS, workerIdOf])
      .orderBy('a.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export type AccountRow = Awaited<ReturnType<typeof listAccounts>>['items'][number];

/** One account with its scope's path, locked for the rest of the transaction. */
export function lockAccount(tx: DbOrTx, id: number) {
  return tx
    .selectFrom('account as a')
    .innerJoin('region as r', 'r.code', 'a.scope_code')
    .leftJoin('department as d', (j) =>
      j.onRef('d.county_code', '=', 'a.county_code').onRef('d.id', '=', 'a.department_id'),
    )
    .select([...ACCOUNT_COLUMNS, workerIdOf, 'a.county_code', 'r.level as scope_level'])
    .where('a.id', '=', id)
    .forUpdate('a')
    .executeTakeFirst();
}

export type AccountChange = {
  display_name?: string;
  username?: string;
  role?: Role;
  scope_code?: string;
  county_code?: string;
  disabled?: boolean;
  password_hash?: string;
};

export async function updateAccount(tx: DbOrTx, id: number, change: AccountChange, now: Date): Promise<void> {
  await tx
    .updateTable('account')
    .set({ ...change, updated_at: now })
    .where('id', '=', id)
    .execute();
  // every instance drops the account's cached sessions once this commits (session-cache.ts)
  await publishAccountsChanged(tx, [id]);
}

/** Ends every live session of an account (but `keep`, the caller's own); answers how many. */
export async function revokeAccountSessions(
  tx: DbOrTx,
  accountId: number,
  now: Date,
  keep?: number,
): Promise<number> {
  let q = tx
    .updateTable('session')
    .set({ revoked_at: now })
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null);
  if (keep !== undefined) q = q.where('id', '<>', keep);
  const rows = await q.returning('id').execute();
  await publishSessionsEnded(
    tx,
    rows.map((r) => Number(r.id)),
  );
  return rows.length;
}

/**
 * Replaces every copy of an account's name that other rows took when it acted (migration 0097's
 * `forget_account_name`, set-based, in the caller's transaction); answers how many rows of each table.
 */
export async function forgetAccountName(
  tx: DbOrTx,
  id: number,
  name: string,
): Promise<Record<string, number>> {
  const { rows } = await sql<{ counts: Record<string, number> }>`
    SELECT forget_account_name(${id}::bigint, ${name}::text) AS counts`.execute(tx);
  return rows[0]!.counts;
}
