import './errors.js';
import type { Pii } from '../../platform/crypto.js';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { recordSystemCall, type SystemCaller } from './caller.js';
import { generateSecret } from './keys.js';
import type { ExchangeEvent } from './operations.js';

export type SubscriptionInput = { url: string; events: ExchangeEvent[] };
/** Who manages: the county's administrator (any system account) or a system account (its own). */
export type Manager = { admin: Actor } | { system: SystemCaller };

const countyOf = (m: Manager) => ('admin' in m ? m.admin.countyCode : m.system.countyCode);

async function audit(tx: DbOrTx, m: Manager, action: string, id: number, now: Date, requestId?: string) {
  if ('admin' in m)
    await recordAudit(tx, {
      actor: m.admin,
      countyCode: m.admin.countyCode,
      action,
      entityType: 'exchange_subscription',
      entityId: id,
      requestId,
    });
  else
    await recordSystemCall(tx, m.system, {
      action,
      entityType: 'exchange_subscription',
      entityId: id,
      requestId,
      now,
    });
}

/** A subscriber of the system account; its signing secret is shown once, kept encrypted. */
export async function subscribe(
  db: Db,
  pii: Pii,
  m: Manager,
  systemId: number,
  input: SubscriptionInput,
  now: Date,
  requestId?: string,
) {
  const county = countyOf(m);
  const secret = generateSecret();
  const events = [...new Set(input.events)].sort();
  const row = await db.transaction().execute(async (tx) => {
    const sys = await tx
      .selectFrom('system_account')
      .select(['id', 'revoked_at'])
      .where('county_code', '=', county)
      .where('id', '=', systemId)
      .forUpdate()
      .executeTakeFirst();
    if (!sys) throw new AppError('NOT_FOUND');
    if (sys.revoked_at) throw new AppError('SYSTEM_ACCOUNT_REVOKED');
    const r = await tx
      .insertInto('exchange_subscription')
      .values({
        county_code: county,
        system_account_id: systemId,
        url: input.url,
        secret_enc: pii.encrypt(secret),
        events,
      })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await audit(tx, m, 'exchange_subscription.create', r.id, now, requestId);
    return r;
  });
  return {
    id: row.id,
    systemAccountId: systemId,
    url: input.url,
    events,
    secret,
    createdAt: row.created_at.toISOString(),
  };
}

/** Live subscribers of the county (administrator) or of one system account. */
export async function listSubscriptions(db: DbOrTx, countyCode: string, systemId?: number) {
  let q = db
    .selectFrom('exchange_subscription')
    .select(['id', 'system_account_id', 'url', 'events', 'created_at'])
    .where('county_code', '=', countyCode)
    .where('removed_at', 'is', null);
  if (systemId !== undefined) q = q.where('system_account_id', '=', systemId);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    systemAccountId: r.system_account_id,
    url: r.url,
    events: r.events as ExchangeEvent[],
    createdAt: r.created_at.toISOString(),
  }));
}

/** Removes a subscriber (404 outside the manager's reach); removing twice changes nothing. */
export async function unsubscribe(db: Db, m: Manager, id: number, now: Date, requestId?: string) {
  await db.transaction().execute(async (tx) => {
    let q = tx
      .selectFrom('exchange_subscription')
      .select(['id', 'removed_at'])
      .where('county_code', '=', countyOf(m))
      .where('id', '=', id);
    if ('system' in m) q = q.where('system_account_id', '=', m.system.id);
    const r = await q.forUpdate().executeTakeFirst();
    if (!r) throw new AppError('NOT_FOUND');
    if (r.removed_at) return;
    await tx
      .updateTable('exchange_subscription')
      .set({ removed_at: now })
      .where('county_code', '=', countyOf(m))
      .where('id', '=', id)
      .execute();
    await audit(tx, m, 'exchange_subscription.remove', id, now, requestId);
  });
}
