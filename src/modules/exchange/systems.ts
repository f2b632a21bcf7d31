import './errors.js';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { inScope, type Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { pathOf } from '../regions/index.js';
import { generateSystemKey, hashSystemKey } from './keys.js';
import type { Operation } from './operations.js';

export type SystemInput = {
  name: string;
  scopeCode: string;
  operations: Operation[];
  callsPerMinute?: number;
};

const COLUMNS = [
  'id',
  'name',
  'scope_code',
  'operations',
  'calls_per_minute',
  'created_at',
  'rotated_at',
  'revoked_at',
  'last_used_at',
] as const;

type Row = {
  id: number;
  name: string;
  scope_code: string;
  operations: string[];
  calls_per_minute: number;
  created_at: Date;
  rotated_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
};
const item = (r: Row) => ({
  id: r.id,
  name: r.name,
  scopeCode: r.scope_code,
  operations: r.operations as Operation[],
  callsPerMinute: r.calls_per_minute,
  createdAt: r.created_at.toISOString(),
  rotatedAt: r.rotated_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
});

/** A region of the administrator's county and scope (404 otherwise: not visible). */
async function scopeNode(db: DbOrTx, actor: Actor, code: string): Promise<string> {
  const r = await db
    .selectFrom('region')
    .select(['code', 'county_code'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!r || r.county_code !== actor.countyCode || !inScope(actor, pathOf(code)))
    throw new AppError('NOT_FOUND');
  return pathOf(code);
}

/** Creates a system account of the administrator's county; its key is shown once. */
export async function createSystem(db: Db, actor: Actor, input: SystemInput, requestId?: string) {
  const path = await scopeNode(db, actor, input.scopeCode);
  const key = generateSystemKey();
  const operations = [...new Set(input.operations)].sort();
  const row = await db.transaction().execute(async (tx) => {
    const r = await tx
      .insertInto('system_account')
      .values({
        county_code: actor.countyCode,
        name: input.name,
        scope_code: input.scopeCode,
        scope_path: path,
        operations,
        calls_per_minute: input.callsPerMinute ?? 600,
        key_hash: hashSystemKey(key),
        created_by: actor.accountId,
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'system_account.create',
      entityType: 'system_account',
      entityId: r.id,
      after: { scopeCode: input.scopeCode, operations, callsPerMinute: input.callsPerMinute ?? 600 },
      requestId,
    });
    return r;
  });
  return { ...item(row), key };
}

export async function listSystems(db: DbOrTx, actor: Actor) {
  const rows = await db
    .selectFrom('system_account')
    .select(COLUMNS)
    .where('county_code', '=', actor.countyCode)
    .orderBy('id')
    .execute();
  return rows.map(item);
}

async function lockSystem(tx: DbOrTx, actor: Actor, id: number) {
  const r = await tx
    .selectFrom('system_account')
    .select(['id', 'revoked_at'])
    .where('county_code', '=', actor.countyCode)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  return r;
}

/** A new key for the account; the old one stops working at once. */
export async function rotateSystemKey(db: Db, actor: Actor, id: number, now: Date, requestId?: string) {
  const key = generateSystemKey();
  const row = await db.transaction().execute(async (tx) => {
    const r = await lockSystem(tx, actor, id);
    if (r.revoked_at) throw new AppError('SYSTEM_ACCOUNT_REVOKED');
    const after = await tx
      .updateTable('system_account')
      .set({ key_hash: hashSystemKey(key), rotated_at: now })
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', id)
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'system_account.rotate',
      entityType: 'system_account',
      entityId: id,
      requestId,
    });
    return after;
  });
  return { ...item(row), key };
}

/** Revokes the account (its key and its subscribers stop); revoking twice changes nothing. */
export async function revokeSystem(db: Db, actor: Actor, id: number, now: Date, requestId?: string) {
  await db.transaction().execute(async (tx) => {
    const r = await lockSystem(tx, actor, id);
    if (r.revoked_at) return;
    await tx
      .updateTable('system_account')
      .set({ revoked_at: now })
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'system_account.revoke',
      entityType: 'system_account',
      entityId: id,
      before: { revoked: false },
      after: { revoked: true },
      requestId,
    });
  });
}
