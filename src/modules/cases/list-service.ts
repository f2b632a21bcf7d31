import './errors.js';
import type { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import { checkRevealSearch, revealSearch, type RevealSearch } from '../audit/index.js';
import { can } from './abilities.js';
import type { CaseDeps } from './context.js';
import type { CaseActor } from './policy.js';
import { listCases, type ListFilter, type Page } from './queries.js';
import type { ListFilterQuery } from './schemas.js';

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
  if (q.phone) checkRevealSearch(can(actor, 'cases.reveal_contact'), q.reason);
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

/** How a phone search of the case list is audited and limited (`case.search`, no number). */
export const caseSearch = (
  actor: CaseActor,
  reason: string | null | undefined,
  requestId: string,
): RevealSearch => ({
  actor,
  action: 'case.search',
  entityType: 'case',
  fields: ['reporterContact'],
  allowed: can(actor, 'cases.reveal_contact'),
  reason,
  requestId,
});

/**
 * A page of the case list with its exact total. A search by the reporter's phone answers "did this
 * person report here?": it is a reveal (audit's revealSearch: the right and a reason, 10 a minute per
 * account, audited with the reason and the number of matches in the transaction that reads the rows).
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
  return revealSearch(db, caseSearch(actor, reason, requestId), async (tx) => {
    const page = await listCases(tx, actor, f, now);
    return { result: page, matches: page.total, ids: page.rows.map((r) => r.id) };
  });
}
