import { createHash, randomBytes } from 'node:crypto';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';

/**
 * Open311 API keys. A key is shown once when issued; only its SHA-256 is stored.
 * A key belongs to one county (the issuing administrator's) and speaks for it:
 * requests it posts become cases of that county.
 */
export type Open311Key = { id: number; countyCode: string; label: string };

export const hashKey = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

/** 32 random bytes, base64url, with a recognisable prefix (secret scanners, logs). */
export const generateKey = (): string => `o311_${randomBytes(32).toString('base64url')}`;

export async function issueKey(db: Db, actor: Actor, label: string, requestId?: string) {
  const key = generateKey();
  const row = await db.transaction().execute(async (tx) => {
    const r = await tx
      .insertInto('open311_key')
      .values({ county_code: actor.countyCode, key_hash: hashKey(key), label, created_by: actor.accountId })
      .returning(['id', 'label', 'created_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'open311_key.issue',
      entityType: 'open311_key',
      entityId: r.id,
      after: { label },
      requestId,
    });
    return r;
  });
  return { id: row.id, label: row.label, key, createdAt: row.created_at.toISOString() };
}

export async function listKeys(db: DbOrTx, countyCode: string) {
  const rows = await db
    .selectFrom('open311_key')
    .select(['id', 'label', 'created_by', 'created_at', 'revoked_at', 'last_used_at'])
    .where('county_code', '=', countyCode)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    revokedAt: r.revoked_at?.toISOString() ?? null,
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
  }));
}

/** Revokes a key of the actor's county (404 otherwise); revoking twice changes nothing. */
export async function revokeKey(
  db: Db,
  actor: Actor,
  id: number,
  now: Date,
  requestId?: string,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const key = await tx
      .selectFrom('open311_key')
      .select(['id', 'revoked_at'])
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!key) throw new AppError('NOT_FOUND');
    if (key.revoked_at) return;
    await tx.updateTable('open311_key').set({ revoked_at: now }).where('id', '=', id).execute();
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'open311_key.revoke',
      entityType: 'open311_key',
      entityId: id,
      before: { revoked: false },
      after: { revoked: true },
      requestId,
    });
  });
}

/**
 * The live key with this value, or null (unknown or revoked). Reads only: a write that is then
 * refused must change nothing, so the write's own transaction marks the key used (`markKeyUsed`).
 */
export async function verifyKey(db: DbOrTx, key: string): Promise<Open311Key | null> {
  if (key.length < 8 || key.length > 200) return null;
  const row = await db
    .selectFrom('open311_key')
    .select(['id', 'county_code', 'label'])
    .where('key_hash', '=', hashKey(key))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? { id: row.id, countyCode: row.county_code, label: row.label } : null;
}

/** Records the key's use, in the transaction of the write it made. */
export async function markKeyUsed(tx: DbOrTx, keyId: number, now: Date): Promise<void> {
  await tx.updateTable('open311_key').set({ last_used_at: now }).where('id', '=', keyId).execute();
}

export type DemoOpen311Key = {
  /** the key's value when generated here (print it once); null when it came from the environment */
  key: string | null;
  fromEnv: boolean;
};

/**
 * The demo county's Open311 key, created with the demo: WANGGE_OPEN311_DEMO_KEY when set
 * (so a demo client can be configured in advance), else a generated one for the caller
 * to print once.
 */
export async function createDemoOpen311Key(
  tx: DbOrTx,
  countyCode: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DemoOpen311Key> {
  const fromEnv = env.WANGGE_OPEN311_DEMO_KEY?.trim() || null;
  if (fromEnv !== null && fromEnv.length < 16)
    throw new Error('WANGGE_OPEN311_DEMO_KEY must be at least 16 characters');
  const key = fromEnv ?? generateKey();
  await tx
    .insertInto('open311_key')
    .values({ county_code: countyCode, key_hash: hashKey(key), label: '演示密钥 Demo key' })
    .onConflict((oc) => oc.column('key_hash').doNothing())
    .execute();
  return { key: fromEnv ? null : key, fromEnv: fromEnv !== null };
}
