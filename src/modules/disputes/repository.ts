import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { likePattern, numberPattern, orderBySort, totalOf, type SortOf } from '../../platform/lists/index.js';
import type { Actor } from '../accounts/index.js';

/** The caller's department (department staff), read in the same statement as the dispute. */
const myDepartment = (actor: Actor) =>
  sql<number | null>`(SELECT a.department_id FROM account a WHERE a.id = ${actor.accountId})`;

/**
 * Which disputes (aliased `d`) the caller sees inside `path`: staff of a region every dispute of
 * the subtree; department staff only those their department leads or assists. The county is
 * always in the WHERE.
 */
export function visible(actor: Actor, path: string): RawBuilder<boolean> {
  const sub = sql`d.grid_path <@ ${path}::ltree`;
  if (actor.role !== 'department_staff') return sql<boolean>`${sub}`;
  const dep = myDepartment(actor);
  return sql<boolean>`(${sub} AND (d.lead_department_id = ${dep} OR ${dep} = ANY(d.assisting_department_ids)))`;
}

const COLUMNS = [
  'd.id',
  'd.county_code',
  'd.number',
  'd.grid_code',
  'g.name as grid_name',
  'd.type',
  'd.summary',
  'd.amount_yuan',
  'd.risk_level',
  'd.risk_signs',
  'd.tier',
  'd.state',
  'd.deadline_at',
  'd.overdue',
  'd.follow_up_due',
  'd.version',
  'd.created_at',
] as const;

export type DisputeFilter = {
  path: string;
  tier?: string;
  state?: string;
  open?: boolean;
  /** part of the dispute number */
  number?: string;
  /** words in the summary (never a phone: likePattern refuses it) */
  q?: string;
  sort?: SortOf<DisputeSortKey>;
};

/** The columns the dispute list sorts by (the whitelist of its `sort` query). */
export const DISPUTE_SORT_KEYS = [
  'number',
  'createdAt',
  'deadlineAt',
  'state',
  'tier',
  'risk',
  'type',
  'grid',
  'amount',
] as const;
export type DisputeSortKey = (typeof DISPUTE_SORT_KEYS)[number];
const SORT_COLUMNS: Record<DisputeSortKey, RawBuilder<unknown>> = {
  number: sql`d.number`,
  createdAt: sql`d.created_at`,
  deadlineAt: sql`d.deadline_at`,
  state: sql`d.state`,
  tier: sql`array_position(ARRAY['village','township','county'], d.tier)`,
  risk: sql`array_position(ARRAY['low','medium','high'], d.risk_level)`,
  type: sql`d.type`,
  grid: sql`g.name`,
  amount: sql`d.amount_yuan`,
};

/** The disputes of `f.path` the caller sees that match the filter, in the list's order (newest first by default). */
export function filteredDisputes(db: DbOrTx, actor: Actor, f: DisputeFilter) {
  let q = db
    .selectFrom('dispute as d')
    .innerJoin('region as g', 'g.code', 'd.grid_code')
    .where('d.county_code', '=', actor.countyCode)
    .where(visible(actor, f.path));
  if (f.tier) q = q.where('d.tier', '=', f.tier);
  if (f.state) q = q.where('d.state', '=', f.state);
  if (f.open) q = q.where('d.state', 'in', ['open', 'assigned']);
  if (f.number) q = q.where('d.number', 'like', numberPattern(f.number));
  if (f.q) q = q.where('d.summary', 'ilike', likePattern(f.q));
  const rows = q.select(COLUMNS);
  if (f.sort) return orderBySort(rows, f.sort, SORT_COLUMNS, sql`d.id`);
  return rows.orderBy('d.created_at', 'desc').orderBy('d.id', 'desc');
}

export async function listDisputes(
  db: DbOrTx,
  actor: Actor,
  f: DisputeFilter & { limit: number; offset: number },
) {
  const q = filteredDisputes(db, actor, f);
  const [items, total] = await Promise.all([q.limit(f.limit).offset(f.offset).execute(), totalOf(q)]);
  return { items, total };
}

/** One dispute the caller sees, or undefined (→ 404); `lock` takes the row lock for a change. */
export async function findDispute(db: DbOrTx, actor: Actor, id: number, lock = false) {
  let q = db
    .selectFrom('dispute as d')
    .innerJoin('region as g', 'g.code', 'd.grid_code')
    .selectAll('d')
    .select(['g.name as grid_name', myDepartment(actor).as('my_department_id')])
    .where('d.county_code', '=', actor.countyCode)
    .where('d.id', '=', id)
    .where(visible(actor, actor.scopePath));
  if (lock) q = q.forUpdate('d');
  return q.executeTakeFirst();
}
export type DisputeRow = NonNullable<Awaited<ReturnType<typeof findDispute>>>;

export async function disputeParties(db: DbOrTx, countyCode: string, disputeId: number) {
  return db
    .selectFrom('dispute_party')
    .select(['id', 'side', 'name', 'resident_id', 'phone_masked'])
    .where('county_code', '=', countyCode)
    .where('dispute_id', '=', disputeId)
    .orderBy('id')
    .execute();
}

export async function disputeSteps(db: DbOrTx, countyCode: string, disputeId: number) {
  return db
    .selectFrom('dispute_step')
    .select(['id', 'at', 'action', 'from_state', 'to_state', 'tier', 'actor_name', 'note'])
    .where('county_code', '=', countyCode)
    .where('dispute_id', '=', disputeId)
    .orderBy('id')
    .execute();
}

export async function departmentNames(db: DbOrTx, countyCode: string, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await db
    .selectFrom('department')
    .select(['id', 'name'])
    .where('county_code', '=', countyCode)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export type StepRow = {
  countyCode: string;
  disputeId: number;
  at: Date;
  action: string;
  fromState: string | null;
  toState: string;
  tier: string;
  actorAccountId: number | null;
  actorName: string;
  note: string | null;
};

export async function insertStep(tx: DbOrTx, s: StepRow): Promise<void> {
  await tx
    .insertInto('dispute_step')
    .values({
      county_code: s.countyCode,
      dispute_id: s.disputeId,
      at: s.at,
      action: s.action,
      from_state: s.fromState,
      to_state: s.toState,
      tier: s.tier,
      actor_account_id: s.actorAccountId,
      actor_name: s.actorName,
      note: s.note,
    })
    .execute();
}

export async function nextDisputeNumber(tx: DbOrTx, at: Date): Promise<string> {
  const { rows } = await sql<{ n: string }>`SELECT nextval('dispute_number_seq')::text AS n`.execute(tx);
  return `JF${beijingDay(at).replaceAll('-', '')}${(rows[0]?.n ?? '0').padStart(5, '0')}`;
}

/** The Beijing calendar date of an instant, YYYY-MM-DD. */
export function beijingDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Accounts that hold a dispute at a tier: staff of the holder node in that role. */
export async function holderAccounts(db: DbOrTx, holderCode: string, roles: readonly string[]) {
  const rows = await db
    .selectFrom('account')
    .select('id')
    .where('disabled', '=', false)
    .where('scope_code', '=', holderCode)
    .where('role', 'in', [...roles])
    .execute();
  return rows.map((r) => r.id);
}

export async function departmentAccounts(db: DbOrTx, countyCode: string, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('account')
    .select('id')
    .where('disabled', '=', false)
    .where('county_code', '=', countyCode)
    .where('department_id', 'in', ids)
    .execute();
  return rows.map((r) => r.id);
}
