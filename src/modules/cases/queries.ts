import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import { likePattern, numberPattern, orderBySort, totalOf, type SortOf } from '../../platform/lists/index.js';
import type { CaseActor } from './policy.js';
import { visibleTo } from './repository.js';
import { OPEN_STATES, roleTier } from './states.js';

export type ListFilter = {
  state?: string;
  tier?: string;
  categoryCode?: string;
  withinPath?: string;
  source?: string;
  overdue?: boolean;
  open?: boolean;
  from?: Date;
  to?: Date;
  waiting?: boolean;
  /** part of the case number */
  number?: string;
  /** words in the description or address (never a phone: see phoneHash) */
  keyword?: string;
  /** the reporter's phone as its blind index (the caller checked the right and audits the search) */
  phoneHash?: Buffer;
  sort?: SortOf<CaseSortKey>;
};
export type Page = { limit: number; offset: number };

/** The columns a case list sorts by (the whitelist of the `sort` query). */
export const CASE_SORT_KEYS = [
  'number',
  'reportedAt',
  'deadlineAt',
  'closedAt',
  'state',
  'category',
  'grid',
  'department',
  'urgency',
  'overdueCount',
] as const;
export type CaseSortKey = (typeof CASE_SORT_KEYS)[number];
const SORT_COLUMNS: Record<CaseSortKey, ReturnType<typeof sql>> = {
  number: sql`cases.number`,
  reportedAt: sql`cases.reported_at`,
  deadlineAt: sql`cases.deadline_at`,
  closedAt: sql`cases.closed_at`,
  state: sql`cases.state`,
  category: sql`cases.category_code`,
  grid: sql`cases.grid_code`,
  department: sql`d.name`,
  urgency: sql`array_position(ARRAY['normal','urgent','emergency'], cases.urgency)`,
  overdueCount: sql`cases.overdue_count`,
};

const LIST_COLUMNS = [
  'cases.id',
  'cases.number',
  'cases.source',
  'cases.category_code',
  'cat.name as category_name',
  'cat.name_en as category_name_en',
  'cases.state',
  'cases.tier',
  'cases.urgency',
  'cases.expedited',
  'cases.supervised',
  'cases.description',
  'cases.address',
  'cases.lat',
  'cases.lng',
  'cases.grid_code',
  'g.name as grid_name',
  'cases.department_id',
  'd.name as department_name',
  'cases.deadline_at',
  'cases.yellow_at',
  'cases.red_at',
  'cases.overdue',
  'cases.overdue_count',
  'cases.reported_at',
  'cases.closed_at',
  'cases.version',
  'cases.holder_code',
  'cases.reporter_account_id',
  'cases.evaluation',
  'cases.reopen_count',
  'cases.on_spot_by_account_id',
  'cases.pending_delay',
  'cases.verified_at',
  'cases.verification',
] as const;

function base(db: DbOrTx, actor: CaseActor) {
  return db
    .selectFrom('cases')
    .innerJoin('category as cat', 'cat.code', 'cases.category_code')
    .innerJoin('region as g', 'g.code', 'cases.grid_code')
    .leftJoin('department as d', (j) =>
      j.onRef('d.county_code', '=', 'cases.county_code').onRef('d.id', '=', 'cases.department_id'),
    )
    .where(visibleTo(actor, actor.departmentId));
}

/** The cases the actor sees that match the filter (no columns chosen, no order). */
export function filteredCases(db: DbOrTx, actor: CaseActor, f: ListFilter, now: Date) {
  let q = base(db, actor);
  if (f.state) q = q.where('cases.state', '=', f.state);
  if (f.tier) q = q.where('cases.tier', '=', f.tier);
  if (f.categoryCode) q = q.where('cases.category_code', '=', f.categoryCode);
  if (f.withinPath) q = q.where(inSubtree('cases.grid_path', f.withinPath));
  if (f.source) q = q.where('cases.source', '=', f.source);
  if (f.overdue !== undefined)
    q = f.overdue
      ? q.where((eb) =>
          eb.or([
            eb('cases.overdue', '=', true),
            eb('cases.overdue_count', '>', 0),
            eb('cases.deadline_at', '<', now),
          ]),
        )
      : q.where('cases.overdue_count', '=', 0).where('cases.overdue', '=', false);
  if (f.open !== undefined)
    q = f.open
      ? q.where('cases.state', 'in', [...OPEN_STATES])
      : q.where('cases.state', 'not in', [...OPEN_STATES]);
  if (f.from) q = q.where('cases.reported_at', '>=', f.from);
  if (f.to) q = q.where('cases.reported_at', '<', f.to);
  if (f.waiting) q = waitingFor(q, actor);
  if (f.number) q = q.where('cases.number', 'like', numberPattern(f.number));
  if (f.keyword) {
    const like = likePattern(f.keyword);
    q = q.where((eb) => eb.or([eb('cases.description', 'ilike', like), eb('cases.address', 'ilike', like)]));
  }
  if (f.phoneHash) q = q.where('cases.reporter_contact_hash', '=', f.phoneHash);
  return q;
}

/** The filtered cases in the list's order: the chosen column, else most urgent first (open, by deadline). */
export function orderedCases(db: DbOrTx, actor: CaseActor, f: ListFilter, now: Date) {
  const q = filteredCases(db, actor, f, now).select(LIST_COLUMNS);
  if (f.sort) return orderBySort(q, f.sort, SORT_COLUMNS, sql`cases.id`);
  return q
    .orderBy(sql`CASE WHEN cases.state IN ('closed','not_filed','cancelled','merged') THEN 1 ELSE 0 END`)
    .orderBy(sql`cases.deadline_at ASC NULLS LAST`)
    .orderBy('cases.id', 'desc');
}

/** A page of the cases the actor sees, and how many match in all. */
export async function listCases(db: DbOrTx, actor: CaseActor, f: ListFilter & Page, now: Date) {
  const [rows, total] = await Promise.all([
    orderedCases(db, actor, f, now).limit(f.limit).offset(f.offset).execute(),
    totalOf(filteredCases(db, actor, f, now)),
  ]);
  return { rows, total };
}

/** Cases waiting for this actor's move. */
function waitingFor<Q extends ReturnType<typeof base>>(q: Q, actor: CaseActor): Q {
  const tier = roleTier(actor.role);
  if (actor.role === 'department_staff')
    return q
      .where('cases.department_id', '=', actor.departmentId ?? -1)
      .where('cases.state', 'in', ['dispatched', 'accepted']) as Q;
  if (actor.role === 'resident')
    return q.where('cases.state', '=', 'closed').where('cases.evaluation', 'is', null) as Q;
  if (!tier) return q.where(sql<boolean>`false`) as Q;
  return q
    .where('cases.tier', '=', tier)
    .where('cases.state', 'in', ['reported', 'filed', 'handled', 'suspended'])
    .where((eb) =>
      // separation of duties (policy.refusal): not one's own report to file or verify, nor a fix on
      // the spot to verify unless one is the village's staff and did not make it
      eb.not(
        eb.or([
          eb.and([
            eb('cases.state', 'in', ['reported', 'handled']),
            eb('cases.reporter_account_id', 'is not distinct from', actor.accountId),
          ]),
          eb.and([
            eb('cases.state', '=', 'handled'),
            actor.role === 'village_staff'
              ? eb('cases.on_spot_by_account_id', 'is not distinct from', actor.accountId)
              : eb('cases.on_spot_by_account_id', 'is not', null),
          ]),
        ]),
      ),
    ) as Q;
}

export async function findCaseDetail(db: DbOrTx, actor: CaseActor, id: number) {
  return base(db, actor)
    .select(LIST_COLUMNS)
    .select([
      'cases.attributes',
      'cases.reporter_name',
      'cases.reporter_contact_masked',
      'cases.evaluation_comment',
      'cases.duplicate_of',
      'cases.grid_code as grid',
    ])
    .where('cases.id', '=', id)
    .executeTakeFirst();
}

export async function caseHistory(db: DbOrTx, countyCode: string, caseId: number) {
  return db
    .selectFrom('case_history as h')
    .leftJoin('department as d', (j) =>
      j.onRef('d.county_code', '=', 'h.county_code').onRef('d.id', '=', 'h.department_id'),
    )
    .select([
      'h.at',
      'h.action',
      'h.from_state',
      'h.to_state',
      'h.tier',
      'h.actor_name',
      'h.actor_role',
      'h.actor_account_id',
      'd.name as department_name',
      'h.note',
      'h.photo_ids',
      'h.deadline_at',
      'h.on_time',
    ])
    .where('h.county_code', '=', countyCode)
    .where('h.case_id', '=', caseId)
    .orderBy('h.id')
    .execute();
}

/** Does the caller see this case? (Department staff: with their department resolved.) */
export async function caseVisible(db: DbOrTx, actor: CaseActor, id: number): Promise<boolean> {
  const row = await db
    .selectFrom('cases')
    .select('cases.id')
    .where(visibleTo(actor, actor.departmentId))
    .where('cases.id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}
