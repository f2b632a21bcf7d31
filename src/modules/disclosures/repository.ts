import { sql, type Updateable } from 'kysely';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import type { Disclosure } from '../../platform/db/schema.js';
import { inSubtree } from '../../platform/db/ltree.js';
import type { FinanceLine, Kind } from './rules.js';

export type Status = 'draft' | 'published' | 'withdrawn';
/** What one caller may see: a subtree of one county, in some statuses. */
export type View = { countyCode: string; path: string; statuses: Status[]; accountId: number };

/** The read and question counts of a disclosure row `d` (and whether `accountId` read it). */
export const counts = (accountId: number) =>
  [
    sql<number>`(SELECT count(*)::int FROM disclosure_read r WHERE r.county_code = d.county_code AND r.disclosure_id = d.id)`.as(
      'read_count',
    ),
    sql<number>`(SELECT count(*)::int FROM disclosure_question q WHERE q.county_code = d.county_code AND q.disclosure_id = d.id)`.as(
      'question_count',
    ),
    sql<number>`(SELECT count(*)::int FROM disclosure_question q WHERE q.county_code = d.county_code AND q.disclosure_id = d.id AND q.answer IS NULL)`.as(
      'unanswered_count',
    ),
    sql<boolean>`EXISTS (SELECT 1 FROM disclosure_read r WHERE r.county_code = d.county_code AND r.disclosure_id = d.id AND r.account_id = ${accountId})`.as(
      'read_by_me',
    ),
  ] as const;

/** The disclosures a view sees (`d`, its village `v`), filtered in SQL. */
export function visible(db: DbOrTx, view: View) {
  return db
    .selectFrom('disclosure as d')
    .innerJoin('region as v', 'v.code', 'd.village_code')
    .where('d.county_code', '=', view.countyCode)
    .where(inSubtree('d.village_path', view.path))
    .where('d.status', 'in', view.statuses);
}

export async function findDisclosure(db: DbOrTx, view: View, id: number) {
  return visible(db, view)
    .where('d.id', '=', id)
    .select([
      'd.id',
      'd.county_code',
      'd.village_code',
      'd.village_path',
      'v.name as village_name',
      'd.kind',
      'd.period',
      'd.major',
      'd.title',
      'd.body',
      'd.finance_lines',
      'd.status',
      'd.withdraw_reason',
      'd.published_at',
      'd.updated_at',
      'd.version',
    ])
    .select(counts(view.accountId))
    .executeTakeFirst();
}

/** The row, locked, when it lies in `path`: two staff acting at once take turns. */
/** Locks a disclosure the view sees (SELECT … FOR UPDATE filtered in SQL): undefined when out of sight. */
export async function lockVisibleDisclosure(tx: Tx, view: View, id: number) {
  return tx
    .selectFrom('disclosure')
    .selectAll()
    .where('county_code', '=', view.countyCode)
    .where('id', '=', id)
    .where(inSubtree('village_path', view.path))
    .where('status', 'in', view.statuses)
    .forUpdate()
    .executeTakeFirst();
}

export async function lockDisclosure(tx: Tx, countyCode: string, path: string, id: number) {
  return tx
    .selectFrom('disclosure')
    .selectAll()
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .where(inSubtree('village_path', path))
    .forUpdate()
    .executeTakeFirst();
}

export type Content = {
  kind: Kind;
  period: string | null;
  major: boolean;
  title: string;
  body: string;
  financeLines: FinanceLine[];
};

export async function insertDisclosure(
  tx: Tx,
  v: { countyCode: string; villageCode: string; villagePath: string; createdBy: number; now: Date } & Content,
) {
  return tx
    .insertInto('disclosure')
    .values({
      county_code: v.countyCode,
      village_code: v.villageCode,
      village_path: v.villagePath,
      kind: v.kind,
      period: v.period,
      major: v.major,
      title: v.title,
      body: v.body,
      finance_lines: JSON.stringify(v.financeLines),
      status: 'draft',
      created_by: v.createdBy,
      created_at: v.now,
      updated_at: v.now,
    })
    .returning(['id', 'status', 'version'])
    .executeTakeFirstOrThrow();
}

export async function updateDisclosure(
  tx: Tx,
  countyCode: string,
  id: number,
  set: Updateable<Disclosure>,
  now: Date,
) {
  return tx
    .updateTable('disclosure')
    .set({ ...set, updated_at: now, version: sql<number>`version + 1` })
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .returning(['id', 'status', 'version'])
    .executeTakeFirstOrThrow();
}

export type HistoryAction = 'created' | 'edited' | 'published' | 'withdrawn';

export async function addHistory(
  tx: Tx,
  h: {
    countyCode: string;
    disclosureId: number;
    action: HistoryAction;
    actorId: number;
    actorName: string;
    at: Date;
    note?: string | null;
  },
) {
  await tx
    .insertInto('disclosure_history')
    .values({
      county_code: h.countyCode,
      disclosure_id: h.disclosureId,
      action: h.action,
      actor_account_id: h.actorId,
      actor_name: h.actorName,
      at: h.at,
      note: h.note ?? null,
    })
    .execute();
}

export async function listHistory(db: DbOrTx, countyCode: string, id: number) {
  return db
    .selectFrom('disclosure_history')
    .select(['action', 'actor_name', 'at', 'note'])
    .where('county_code', '=', countyCode)
    .where('disclosure_id', '=', id)
    .orderBy('id')
    .execute();
}

/** One read per account: a second look changes nothing. */
export async function recordRead(
  db: DbOrTx,
  countyCode: string,
  id: number,
  accountId: number,
  at: Date,
): Promise<boolean> {
  const r = await db
    .insertInto('disclosure_read')
    .values({ county_code: countyCode, disclosure_id: id, account_id: accountId, read_at: at })
    .onConflict((oc) => oc.columns(['county_code', 'disclosure_id', 'account_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Resident accounts living in the village (their scope, a grid, lies under it). */
export async function villageResidentAccounts(
  tx: DbOrTx,
  countyCode: string,
  villagePath: string,
): Promise<number[]> {
  const rows = await tx
    .selectFrom('account as a')
    .innerJoin('region as r', 'r.code', 'a.scope_code')
    .select('a.id')
    .where('a.county_code', '=', countyCode)
    .where('a.role', '=', 'resident')
    .where('a.disabled', '=', false)
    .where(inSubtree('r.path', villagePath))
    .execute();
  return rows.map((r) => r.id);
}

/** The village's two committees: staff accounts scoped to exactly this village. */
export async function villageStaffAccounts(
  tx: DbOrTx,
  countyCode: string,
  villageCode: string,
): Promise<number[]> {
  const rows = await tx
    .selectFrom('account')
    .select('id')
    .where('county_code', '=', countyCode)
    .where('role', '=', 'village_staff')
    .where('scope_code', '=', villageCode)
    .where('disabled', '=', false)
    .execute();
  return rows.map((r) => r.id);
}
