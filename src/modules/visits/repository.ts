import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import { photoIdsOf } from '../photos/index.js';
import { listPage } from '../../platform/lists/index.js';
import { dueAfter } from './due.js';
import { filteredVisits, type VisitFilter } from './list-repository.js';

export { filteredVisits, VISIT_SORT_KEYS, type VisitFilter, type VisitSortKey } from './list-repository.js';

/** Every query here is scoped: the caller's county (the distribution key) and subtree. */
export type Scope = { countyCode: string; path: string };

export async function findHousehold(db: DbOrTx, scope: Scope, id: number, lock = false) {
  let q = db
    .selectFrom('household as h')
    .select(['h.id', 'h.grid_code', 'h.grid_path', 'h.address', 'h.last_visit_at', 'h.visit_due_at'])
    .where('h.county_code', '=', scope.countyCode)
    .where('h.id', '=', id)
    .where(inSubtree('h.grid_path', scope.path));
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** A case the caller can see by place (its grid lies in the caller's subtree). */
export async function findCase(db: DbOrTx, scope: Scope, id: number) {
  return db
    .selectFrom('cases')
    .select(['id', 'number'])
    .where('county_code', '=', scope.countyCode)
    .where('id', '=', id)
    .where(inSubtree('grid_path', scope.path))
    .executeTakeFirst();
}

export async function findByClientRequest(
  db: DbOrTx,
  countyCode: string,
  workerAccountId: number,
  clientRequestId: string,
) {
  return db
    .selectFrom('visit')
    .select(['id', 'household_id'])
    .where('county_code', '=', countyCode)
    .where('worker_account_id', '=', workerAccountId)
    .where('client_request_id', '=', clientRequestId)
    .executeTakeFirst();
}

export type NewVisit = {
  countyCode: string;
  householdId: number;
  gridCode: string;
  gridPath: string;
  workerAccountId: number;
  visitedAt: Date;
  kind: string;
  outcome: string;
  needs: string[];
  notes: string;
  lng: number | null;
  lat: number | null;
  caseId: number | null;
  clientRequestId: string | null;
  receivedAt: Date;
};

export async function insertVisit(tx: DbOrTx, v: NewVisit): Promise<number> {
  const row = await tx
    .insertInto('visit')
    .values({
      county_code: v.countyCode,
      household_id: v.householdId,
      grid_code: v.gridCode,
      grid_path: v.gridPath,
      worker_account_id: v.workerAccountId,
      visited_at: v.visitedAt,
      kind: v.kind,
      outcome: v.outcome,
      needs: v.needs,
      notes: v.notes,
      lng: v.lng,
      lat: v.lat,
      case_id: v.caseId,
      client_request_id: v.clientRequestId,
      received_at: v.receivedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The household was visited at `at`: its last visit (never moved back by a late offline visit) and its next due date. */
export async function markVisited(tx: DbOrTx, countyCode: string, householdId: number, at: Date) {
  const last = sql<Date>`greatest(h.last_visit_at, ${at}::timestamptz)`;
  return tx
    .updateTable('household as h')
    .set({ last_visit_at: last, visit_due_at: dueAfter(last) })
    .where('h.county_code', '=', countyCode)
    .where('h.id', '=', householdId)
    .returning(['h.last_visit_at', 'h.visit_due_at'])
    .executeTakeFirstOrThrow();
}

export async function setCase(
  tx: DbOrTx,
  countyCode: string,
  visitId: number,
  caseId: number,
): Promise<void> {
  await tx
    .updateTable('visit')
    .set({ case_id: caseId })
    .where('county_code', '=', countyCode)
    .where('id', '=', visitId)
    .execute();
}

/** One page of the visit list and the exact total of its filter, with each visit's photo ids. */
export async function listVisits(
  db: DbOrTx,
  scope: Scope,
  f: VisitFilter & { limit: number; offset: number },
) {
  const q = filteredVisits(db, scope, f);
  const { items, total } = await listPage(q, q, f.limit, f.offset);
  const photos = await photoIdsOf(
    db,
    scope.countyCode,
    'visit_id',
    items.map((v) => v.id),
  );
  return { items: items.map((v) => ({ ...v, photo_ids: photos.get(v.id) ?? [] })), total };
}

export type VisitRow = Awaited<ReturnType<typeof listVisits>>['items'][number];

/** Where a visit took place (its grid's path), for deciding who sees its photos. */
export async function visitGridPath(db: DbOrTx, countyCode: string, id: number): Promise<string | null> {
  const row = await db
    .selectFrom('visit')
    .select('grid_path')
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.grid_path ?? null;
}
