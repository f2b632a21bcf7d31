import type { Db } from '../../platform/db/database.js';

export type AuditFilter = {
  actorId?: number;
  action?: string;
  entityType?: string;
  entityId?: string;
  beforeId?: number;
  limit: number;
};

/** The county's audit rows, newest first, with the actor's display name (the log keeps only the id). */
export async function listAudit(db: Db, countyCode: string, f: AuditFilter) {
  let q = db
    .selectFrom('audit_log as l')
    .leftJoin('account as a', 'a.id', 'l.actor_id')
    // a call by another system (exchange module) is shown under the system account's name
    .leftJoin('system_account as s', 's.id', 'l.system_account_id')
    .selectAll('l')
    .select((eb) => eb.fn.coalesce('a.display_name', 's.name').as('actor_name'))
    .where('l.county_code', '=', countyCode);
  if (f.actorId !== undefined) q = q.where('l.actor_id', '=', f.actorId);
  if (f.action) q = q.where('l.action', '=', f.action);
  if (f.entityType) q = q.where('l.entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('l.entity_id', '=', f.entityId);
  if (f.beforeId !== undefined) q = q.where('l.id', '<', f.beforeId);
  return q.orderBy('l.id', 'desc').limit(f.limit).execute();
}
