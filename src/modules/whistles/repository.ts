import { sql, type Expression, type ExpressionBuilder } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import { inSubtree } from '../../platform/db/ltree.js';
import {
  likePattern,
  listPage,
  numberPattern,
  orderBySort,
  type SortOf,
} from '../../platform/lists/index.js';
import { can } from './abilities.js';
import type { WhistleActor } from './states.js';

/** All SQL of whistles (基层请求) that reads them: every query is filtered to what the caller sees. */

type Eb = ExpressionBuilder<DB & { w: DB['whistle']; c: DB['cadre'] }, 'w' | 'c'>;

/**
 * What the caller sees, in SQL: what they raised or follow up as the enterprise's cadre; a
 * department's staff what their department holds or held; every other reading role the whistles
 * raised inside their subtree (a city official: the counties below the city).
 */
function visibleTo(actor: WhistleActor) {
  return (eb: Eb) => {
    const ors = [eb('w.raised_by', '=', actor.accountId), eb('c.account_id', '=', actor.accountId)];
    if (actor.departmentId !== null) {
      const dept = actor.departmentId;
      ors.push(
        eb.and([
          eb('w.county_code', '=', actor.countyCode),
          eb.or([
            eb('w.department_id', '=', dept),
            eb.exists(
              eb
                .selectFrom('whistle_step as s')
                .select('s.id')
                .whereRef('s.county_code', '=', 'w.county_code')
                .whereRef('s.whistle_id', '=', 'w.id')
                .where('s.department_id', '=', dept),
            ),
          ]),
        ]),
      );
    } else if (can(actor, 'whistles.read') && actor.role !== 'department_staff') {
      ors.push(eb(inSubtree('w.region_path', actor.scopePath), '=', true));
    }
    return eb.or(ors);
  };
}

function base(db: DbOrTx) {
  return db
    .selectFrom('whistle as w')
    .innerJoin('department as d', (j) =>
      j.onRef('d.county_code', '=', 'w.county_code').onRef('d.id', '=', 'w.department_id'),
    )
    .innerJoin('region as r', 'r.code', 'w.region_code')
    .leftJoin('cadre as c', (j) =>
      j.onRef('c.county_code', '=', 'w.county_code').onRef('c.id', '=', 'w.follow_cadre_id'),
    )
    .leftJoin('enterprise as e', (j) =>
      j.onRef('e.county_code', '=', 'w.county_code').onRef('e.id', '=', 'w.enterprise_id'),
    )
    .leftJoin('account as a', 'a.id', 'w.raised_by');
}

const COLUMNS = [
  'w.county_code',
  'w.id',
  'w.number',
  'w.kind',
  'w.subject',
  'w.description',
  'w.urgent',
  'w.region_code',
  'r.name as region_name',
  'w.region_path',
  'w.raised_by',
  'a.display_name as raiser_name',
  'w.department_id',
  'd.name as department_name',
  'w.state',
  'w.raised_at',
  'w.received_at',
  'w.due_at',
  'w.answer',
  'w.answered_at',
  'w.confirmed_at',
  'w.escalated_at',
  'w.hand_on_count',
  'w.reopen_count',
  'w.case_id',
  'w.household_id',
  'w.enterprise_id',
  'e.name as enterprise_name',
  'w.follow_cadre_id',
  'c.name as follow_cadre_name',
  'c.account_id as follow_account_id',
  'w.version',
] as const;

/** One whistle the caller sees, locked for the step (FOR UPDATE of the whistle row only). */
export const lockVisibleWhistle = (tx: DbOrTx, actor: WhistleActor, id: number) =>
  base(tx).select(COLUMNS).where('w.id', '=', id).where(visibleTo(actor)).forUpdate('w').executeTakeFirst();

export const findWhistle = (db: DbOrTx, actor: WhistleActor, id: number) =>
  base(db).select(COLUMNS).where('w.id', '=', id).where(visibleTo(actor)).executeTakeFirst();

export type WhistleRow = NonNullable<Awaited<ReturnType<typeof findWhistle>>>;

export type WhistleFilter = {
  state?: string;
  kind?: string;
  overdue?: boolean;
  inbox?: boolean;
  departmentId?: number;
  /** part of the whistle's number */
  number?: string;
  /** words in the subject, the description or the place (never a phone: likePattern refuses it) */
  q?: string;
  sort?: SortOf<WhistleSortKey>;
};

/** The columns the whistle list sorts by (the whitelist of its `sort` query). */
export const WHISTLE_SORT_KEYS = [
  'number',
  'raisedAt',
  'dueAt',
  'state',
  'kind',
  'region',
  'department',
] as const;
export type WhistleSortKey = (typeof WHISTLE_SORT_KEYS)[number];
const SORT_COLUMNS: Record<WhistleSortKey, Expression<unknown>> = {
  number: sql`w.number`,
  raisedAt: sql`w.raised_at`,
  dueAt: sql`w.due_at`,
  state: sql`w.state`,
  kind: sql`w.kind`,
  region: sql`r.name`,
  department: sql`d.name`,
};

/**
 * The whistles the caller sees inside `path` that match the filter (a department's inbox: what it
 * must answer now), in the list's order: the nearest limit first unless sorted. The page, its total
 * and the export are built from this one query.
 */
export function filteredWhistles(db: DbOrTx, actor: WhistleActor, path: string, f: WhistleFilter, now: Date) {
  let q = base(db).select(COLUMNS).where(visibleTo(actor)).where(inSubtree('w.region_path', path));
  if (f.state) q = q.where('w.state', '=', f.state);
  if (f.kind) q = q.where('w.kind', '=', f.kind);
  if (f.departmentId !== undefined) q = q.where('w.department_id', '=', f.departmentId);
  if (f.overdue !== undefined)
    q = f.overdue
      ? q.where('w.state', '=', 'raised').where('w.due_at', '<', now)
      : q.where((eb) => eb.or([eb('w.state', '!=', 'raised'), eb('w.due_at', '>=', now)]));
  if (f.inbox) q = q.where('w.department_id', '=', actor.departmentId ?? -1).where('w.state', '=', 'raised');
  if (f.number) q = q.where('w.number', 'like', numberPattern(f.number));
  if (f.q) {
    const like = likePattern(f.q);
    q = q.where((eb) =>
      eb.or([
        eb('w.subject', 'ilike', like),
        eb('w.description', 'ilike', like),
        eb('r.name', 'ilike', like),
      ]),
    );
  }
  if (f.sort) return orderBySort(q, f.sort, SORT_COLUMNS, sql`w.id`);
  // unsorted: what must be answered first, soonest due at the top; then what waits to be confirmed;
  // the confirmed last, newest first (ordered by due date alone, a new request sank below closed ones)
  return q
    .orderBy(sql`array_position(ARRAY['raised','answered','confirmed']::text[], w.state)`)
    .orderBy(sql`CASE WHEN w.state = 'raised' THEN w.due_at END`)
    .orderBy('w.id', 'desc');
}

/** One page of the whistles the caller sees and the exact total of the filter. */
export function listWhistles(
  db: DbOrTx,
  actor: WhistleActor,
  path: string,
  f: WhistleFilter & { limit: number; offset: number },
  now: Date,
) {
  const q = filteredWhistles(db, actor, path, f, now);
  return listPage(q, q, f.limit, f.offset);
}

export const whistleSteps = (db: DbOrTx, countyCode: string, id: number) =>
  db
    .selectFrom('whistle_step as s')
    .innerJoin('department as d', (j) =>
      j.onRef('d.county_code', '=', 's.county_code').onRef('d.id', '=', 's.department_id'),
    )
    .leftJoin('department as t', (j) =>
      j.onRef('t.county_code', '=', 's.county_code').onRef('t.id', '=', 's.to_department_id'),
    )
    .select([
      's.id',
      's.at',
      's.action',
      's.from_state',
      's.to_state',
      'd.name as department_name',
      't.name as to_department_name',
      's.due_at',
      's.actor_name',
      's.note',
    ])
    .where('s.county_code', '=', countyCode)
    .where('s.whistle_id', '=', id)
    .orderBy('s.id')
    .execute();

/** An active county-tier department of the county (the only kind a whistle goes to). */
export const countyDepartment = (db: DbOrTx, countyCode: string, id: number) =>
  db
    .selectFrom('department')
    .select(['id', 'name'])
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .where('tier', '=', 'county')
    .where('active', '=', true)
    .executeTakeFirst();

export const departmentOfAccount = async (db: DbOrTx, accountId: number): Promise<number | null> =>
  (await db.selectFrom('account').select('department_id').where('id', '=', accountId).executeTakeFirst())
    ?.department_id ?? null;

export async function nextWhistleNumber(tx: DbOrTx, at: Date): Promise<string> {
  const { rows } = await sql<{ n: string }>`SELECT nextval('whistle_number_seq')::text AS n`.execute(tx);
  const day = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
  return `CS${day}${(rows[0]?.n ?? '0').padStart(5, '0')}`;
}

export const findByClientRequest = (db: DbOrTx, countyCode: string, raisedBy: number, rid: string) =>
  db
    .selectFrom('whistle')
    .select(['id', 'number', 'state', 'subject'])
    .where('county_code', '=', countyCode)
    .where('raised_by', '=', raisedBy)
    .where('client_request_id', '=', rid)
    .executeTakeFirst();

/** One step on the whistle's log (same transaction as the change). */
export async function recordWhistleStep(
  tx: DbOrTx,
  s: {
    countyCode: string;
    whistleId: number;
    at: Date;
    action: string;
    from: string | null;
    to: string;
    departmentId: number;
    toDepartmentId: number | null;
    receivedAt: Date;
    dueAt: Date;
    actor: { accountId: number; displayName: string } | null;
    note: string | null;
  },
): Promise<void> {
  await tx
    .insertInto('whistle_step')
    .values({
      county_code: s.countyCode,
      whistle_id: s.whistleId,
      at: s.at,
      action: s.action,
      from_state: s.from,
      to_state: s.to,
      department_id: s.departmentId,
      to_department_id: s.toDepartmentId,
      received_at: s.receivedAt,
      due_at: s.dueAt,
      actor_account_id: s.actor?.accountId ?? null,
      actor_name: s.actor?.displayName ?? null,
      note: s.note,
    })
    .execute();
}

/** Staff of a department (its inbox) and the county centre: whom a whistle's notices reach. */
export const departmentStaff = async (db: DbOrTx, countyCode: string, departmentId: number) =>
  (
    await db
      .selectFrom('account')
      .select('id')
      .where('county_code', '=', countyCode)
      .where('department_id', '=', departmentId)
      .where('disabled', '=', false)
      .execute()
  ).map((a) => a.id);

export const countyCentre = async (db: DbOrTx, countyCode: string) =>
  (
    await db
      .selectFrom('account')
      .select('id')
      .where('role', '=', 'county_centre')
      .where('scope_code', '=', countyCode)
      .where('disabled', '=', false)
      .execute()
  ).map((a) => a.id);

/** The active county departments of a county: where a whistle can go. */
export const countyDepartments = (db: DbOrTx, countyCode: string) =>
  db
    .selectFrom('department')
    .select(['id', 'name'])
    .where('county_code', '=', countyCode)
    .where('tier', '=', 'county')
    .where('active', '=', true)
    .orderBy('id')
    .execute();
