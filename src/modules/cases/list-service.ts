import './errors.js';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Db, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { can } from './abilities.js';
import type { CaseDeps } from './context.js';
import type { CaseActor } from './policy.js';
import { listCases, type ListFilter, type Page } from './queries.js';
import type { ListFilterQuery } from './schemas.js';

/** Phone searches a minute per account (as the people module's exact search). */
export const PHONE_SEARCH_LIMIT = 10;

type Query = z.infer<typeof ListFilterQuery>;

/**
 * The list filter of a query; a phone becomes its blind index only for staff who may see reporters'
 * numbers (cases.reveal_contact) and give a reason — else 403 / 400, before any row is read.
 */
export function filterOf(
  deps: Pick<CaseDeps, 'pii'>,
  actor: CaseActor,
  q: Query,
  withinPath: string | undefined,
): ListFilter {
  if (q.phone) {
    if (!can(actor, 'cases.reveal_contact')) throw new AppError('FORBIDDEN');
    if (!q.reason) throw new AppError('REASON_REQUIRED');
  }
  return {
    state: q.state,
    tier: q.tier,
    categoryCode: q.categoryCode,
    source: q.source,
    withinPath,
    overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
    open: q.open === undefined ? undefined : q.open === 'true',
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    waiting: q.waiting === 'true',
    number: q.number,
    keyword: q.q,
    phoneHash: q.phone ? deps.pii.blindIndex('phone', q.phone) : undefined,
    sort: q.sort,
  };
}

/**
 * A page of the case list with its exact total. A search by the reporter's phone answers "did this
 * person report here?": it is a reveal — limited to 10 a minute per account (counted in the audit log
 * under a per-account lock, so parallel requests cannot pass the limit) and audited with its reason
 * and the number of matches, in the transaction that reads the rows.
 */
export async function caseListPage(
  db: Db,
  actor: CaseActor,
  f: ListFilter & Page,
  reason: string | undefined,
  now: Date,
  requestId: string,
) {
  if (!f.phoneHash) return listCases(db, actor, f, now);
  return db.transaction().execute(async (tx) => {
    await phoneSearchAllowed(tx, actor);
    const page = await listCases(tx, actor, f, now);
    await auditPhoneSearch(
      tx,
      actor,
      page.total,
      page.rows.length === 1 ? page.rows[0]!.id : null,
      reason,
      requestId,
    );
    return page;
  });
}

/** 429 past 10 phone searches a minute (a per-account lock makes the count exact under parallel calls). */
export async function phoneSearchAllowed(tx: Tx, actor: CaseActor) {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`case.search:${actor.accountId}`}, 0))`.execute(
    tx,
  );
  const recent = await tx
    .selectFrom('audit_log')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('actor_id', '=', actor.accountId)
    .where('action', '=', 'case.search')
    .where('at', '>', sql<Date>`now() - interval '60 seconds'`)
    .executeTakeFirstOrThrow();
  if (recent.n >= PHONE_SEARCH_LIMIT) throw new AppError('RATE_LIMITED');
}

export async function auditPhoneSearch(
  tx: Tx,
  actor: CaseActor,
  matches: number,
  caseId: number | null,
  reason: string | undefined | null,
  requestId: string,
) {
  await recordAudit(tx, {
    actor,
    countyCode: actor.countyCode,
    action: 'case.search',
    entityType: 'case',
    entityId: caseId,
    after: { fields: ['reporterContact'], matches },
    reason: reason ?? null,
    requestId,
  });
}
