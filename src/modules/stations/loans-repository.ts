import { sql, type Expression } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import {
  likePattern,
  listPage,
  numberPattern,
  orderBySort,
  type SortOf,
} from '../../platform/lists/index.js';
import type { LoanState } from './kinds.js';
import type { StationScope } from './scope.js';

/** The columns the loan list sorts by (the whitelist of its `sort` query). */
export const LOAN_SORT_KEYS = ['id', 'lentAt', 'dueAt', 'station', 'item', 'resident', 'state'] as const;
export type LoanSortKey = (typeof LOAN_SORT_KEYS)[number];
const SORT_COLUMNS: Record<LoanSortKey, Expression<unknown>> = {
  id: sql`l.id`,
  lentAt: sql`l.lent_at`,
  dueAt: sql`l.due_at`,
  station: sql`s.name`,
  item: sql`l.item_kind`,
  resident: sql`r.name`,
  state: sql`l.state`,
};

export type LoanListFilter = {
  station?: number;
  state?: LoanState;
  overdue?: boolean;
  residentIds?: number[];
  /** part of the loan's number (its id) */
  number?: string;
  /** words in the station's or the borrower's name (never a phone: likePattern refuses it) */
  q?: string;
  sort?: SortOf<LoanSortKey>;
};
export type LoanFilter = LoanListFilter & { limit: number; offset: number };

function selectLoans(db: DbOrTx, countyCode: string) {
  return db
    .selectFrom('station_loan as l')
    .innerJoin('station as s', (j) =>
      j.onRef('s.county_code', '=', 'l.county_code').onRef('s.id', '=', 'l.station_id'),
    )
    .innerJoin('resident as r', (j) =>
      j.onRef('r.county_code', '=', 'l.county_code').onRef('r.id', '=', 'l.resident_id'),
    )
    .where('l.county_code', '=', countyCode)
    .select([
      'l.county_code',
      'l.id',
      'l.station_id',
      's.name as station_name',
      'l.item_kind',
      'l.resident_id',
      'r.name as resident_name',
      'l.state',
      'l.lent_at',
      'l.due_at',
      'l.returned_at',
      'l.lost_at',
      'l.returned_late',
      'l.reminded_at',
      'l.lent_by',
      'l.version',
    ]);
}
export type LoanRow = Awaited<ReturnType<ReturnType<typeof selectLoans>['execute']>>[number];

/**
 * Loans of the stations inside the scope (or, with `residentIds`, a villager's own anywhere in the
 * county) that match the filter, in the list's order (newest first by default): the page, its total
 * and the export are built from this one query.
 */
export function filteredLoans(
  db: DbOrTx,
  s: StationScope | { countyCode: string; path: null },
  f: LoanListFilter,
  now: Date,
) {
  let q = selectLoans(db, s.countyCode);
  if (s.path !== null) q = q.where(inSubtree('l.region_path', s.path));
  if (f.residentIds) q = q.where('l.resident_id', 'in', f.residentIds.length ? f.residentIds : [-1]);
  if (f.station) q = q.where('l.station_id', '=', f.station);
  if (f.state) q = q.where('l.state', '=', f.state);
  if (f.overdue === true) q = q.where('l.state', '=', 'lent').where('l.due_at', '<', now);
  if (f.overdue === false)
    q = q.where((eb) => eb.or([eb('l.state', '!=', 'lent'), eb('l.due_at', '>=', now)]));
  if (f.number) q = q.where(sql<string>`l.id::text`, 'like', numberPattern(f.number));
  if (f.q) {
    const like = likePattern(f.q);
    q = q.where((eb) => eb.or([eb('s.name', 'ilike', like), eb('r.name', 'ilike', like)]));
  }
  if (f.sort) return orderBySort(q, f.sort, SORT_COLUMNS, sql`l.id`);
  return q.orderBy('l.lent_at', 'desc').orderBy('l.id', 'desc');
}

export function listLoans(
  db: DbOrTx,
  s: StationScope | { countyCode: string; path: null },
  f: LoanFilter,
  now: Date,
) {
  const q = filteredLoans(db, s, f, now);
  return listPage(q, q, f.limit, f.offset);
}

export function findLoan(db: DbOrTx, s: StationScope, id: number) {
  return selectLoans(db, s.countyCode)
    .where(inSubtree('l.region_path', s.path))
    .where('l.id', '=', id)
    .executeTakeFirst();
}

/** The loan locked for a step, only when the caller sees its station. */
export function lockLoan(db: DbOrTx, s: StationScope, id: number) {
  return db
    .selectFrom('station_loan')
    .selectAll()
    .where('county_code', '=', s.countyCode)
    .where(inSubtree('region_path', s.path))
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function loanByRequest(db: DbOrTx, countyCode: string, lentBy: number, requestId: string) {
  return db
    .selectFrom('station_loan')
    .select(['id', 'station_id', 'item_kind', 'resident_id'])
    .where('county_code', '=', countyCode)
    .where('lent_by', '=', lentBy)
    .where('client_request_id', '=', requestId)
    .executeTakeFirst();
}

export async function recordLoanStep(
  db: DbOrTx,
  s: {
    countyCode: string;
    loanId: number;
    action: string;
    from: string;
    to: string;
    actorId: number;
    note: string | null;
    at: Date;
  },
) {
  await db
    .insertInto('station_loan_step')
    .values({
      county_code: s.countyCode,
      loan_id: s.loanId,
      action: s.action,
      from_state: s.from,
      to_state: s.to,
      actor_account_id: s.actorId,
      note: s.note,
      at: s.at,
    })
    .execute();
}
