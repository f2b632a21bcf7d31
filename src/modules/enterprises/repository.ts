import { sql, type Insertable, type Updateable } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import type { Enterprise, EnterpriseHelp, EnterpriseHelper } from '../../platform/db/schema.js';
import { likePattern, listPage, orderBySort, type SortOf } from '../../platform/lists/index.js';

/** Every query here is scoped: the caller's county (the distribution key) and subtree. */
export type Scope = { countyCode: string; path: string };
export type Coverage = 'party_org' | 'instructor' | 'none' | 'helped';

const activeHelpers = sql<number>`(select count(*)::int from enterprise_helper h
  where h.county_code = e.county_code and h.enterprise_id = e.id and h.ended_on is null)`;
const openNeeds = sql<number>`(select count(*)::int from enterprise_help n
  where n.county_code = e.county_code and n.enterprise_id = e.id and n.state = 'open')`;
const helpedSql = sql<boolean>`exists (select 1 from enterprise_help n
  where n.county_code = e.county_code and n.enterprise_id = e.id)`;

function enterprises(db: DbOrTx, scope: Scope) {
  return db
    .selectFrom('enterprise as e')
    .innerJoin('region as g', 'g.code', 'e.grid_code')
    .leftJoin('party_org as o', (j) =>
      j.onRef('o.county_code', '=', 'e.county_code').onRef('o.id', '=', 'e.party_org_id'),
    )
    .leftJoin('cadre as i', (j) =>
      j.onRef('i.county_code', '=', 'e.county_code').onRef('i.id', '=', 'e.instructor_id'),
    )
    .where('e.county_code', '=', scope.countyCode)
    .where(inSubtree('e.grid_path', scope.path));
}

const COLUMNS = [
  'e.id',
  'e.county_code',
  'e.kind',
  'e.name',
  'e.credit_code',
  'e.address',
  'e.grid_code',
  'g.name as grid_name',
  'e.size',
  'e.sector',
  'e.above_scale',
  'e.party_org_id',
  'o.name as party_org_name',
  'e.instructor_id',
  'i.name as instructor_name',
] as const;

export type EnterpriseFilter = {
  kind?: string;
  coverage?: Coverage;
  /** words in the name or address (a phone or ID number is refused: likePattern) */
  q?: string;
  /** a part of the unified social credit code */
  number?: string;
  sort?: SortOf<(typeof ENTERPRISE_SORT_KEYS)[number]>;
};
/** The enterprise list's sort keys (the schema's whitelist) and their SQL. */
export const ENTERPRISE_SORT_KEYS = ['id', 'name', 'creditCode', 'grid', 'size', 'openNeeds'] as const;
const ENTERPRISE_SORT = {
  id: sql`e.id`,
  name: sql`e.name`,
  creditCode: sql`e.credit_code`,
  grid: sql`e.grid_code`,
  size: sql`e.size`,
  openNeeds: openNeeds,
};

/** The enterprises of the filter in the caller's subtree (the WHERE of the page, total and export). */
export function filteredEnterprises(db: DbOrTx, scope: Scope, f: EnterpriseFilter) {
  let q = enterprises(db, scope);
  if (f.kind) q = q.where('e.kind', '=', f.kind);
  if (f.coverage === 'party_org') q = q.where('e.party_org_id', 'is not', null);
  if (f.coverage === 'instructor') q = q.where('e.instructor_id', 'is not', null);
  if (f.coverage === 'none') q = q.where('e.party_org_id', 'is', null).where('e.instructor_id', 'is', null);
  if (f.coverage === 'helped') q = q.where(helpedSql);
  if (f.number) q = q.where('e.credit_code', 'like', `%${f.number.toUpperCase()}%`);
  if (f.q) {
    const like = likePattern(f.q);
    q = q.where((w) => w.or([w('e.name', 'ilike', like), w('e.address', 'ilike', like)]));
  }
  return q;
}

/** The filtered enterprises in the list's order (grid then id unless sorted). */
export function orderedEnterprises(db: DbOrTx, scope: Scope, f: EnterpriseFilter) {
  const q = filteredEnterprises(db, scope, f)
    .select(COLUMNS)
    .select([activeHelpers.as('helpers'), openNeeds.as('open_needs')]);
  if (f.sort) return orderBySort(q, f.sort, ENTERPRISE_SORT, sql`e.id`);
  return q.orderBy('e.grid_code').orderBy('e.id');
}

export function listEnterprises(
  db: DbOrTx,
  scope: Scope,
  f: EnterpriseFilter & { limit: number; offset: number },
) {
  return listPage(filteredEnterprises(db, scope, f), orderedEnterprises(db, scope, f), f.limit, f.offset);
}

export function findEnterprise(db: DbOrTx, scope: Scope, id: number) {
  return enterprises(db, scope)
    .select(COLUMNS)
    .select([activeHelpers.as('helpers'), openNeeds.as('open_needs')])
    .where('e.id', '=', id)
    .executeTakeFirst();
}

export function lockEnterprise(db: DbOrTx, scope: Scope, id: number) {
  return db
    .selectFrom('enterprise')
    .selectAll()
    .where('county_code', '=', scope.countyCode)
    .where('id', '=', id)
    .where(inSubtree('grid_path', scope.path))
    .forUpdate()
    .executeTakeFirst();
}

export function insertEnterprise(db: DbOrTx, row: Insertable<Enterprise>) {
  return db.insertInto('enterprise').values(row).returning('id').executeTakeFirstOrThrow();
}

export function updateEnterprise(db: DbOrTx, countyCode: string, id: number, set: Updateable<Enterprise>) {
  return db
    .updateTable('enterprise')
    .set(set)
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .execute();
}

export function gridOf(db: DbOrTx, code: string) {
  return db
    .selectFrom('region')
    .select(['code', 'level', 'county_code'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export function helpersOf(db: DbOrTx, countyCode: string, enterpriseId: number) {
  return db
    .selectFrom('enterprise_helper as h')
    .innerJoin('cadre as c', (j) =>
      j.onRef('c.county_code', '=', 'h.county_code').onRef('c.id', '=', 'h.cadre_id'),
    )
    .select([
      'h.id',
      'h.cadre_id',
      'c.name as cadre_name',
      'c.unit',
      'h.started_on',
      'h.ended_on',
      'h.end_reason',
    ])
    .where('h.county_code', '=', countyCode)
    .where('h.enterprise_id', '=', enterpriseId)
    .orderBy('h.started_on', 'desc')
    .execute();
}

export function insertHelper(
  db: DbOrTx,
  row: { county_code: string; enterprise_id: number; cadre_id: number; started_on: string },
) {
  return db.insertInto('enterprise_helper').values(row).returning('id').executeTakeFirstOrThrow();
}

/** A helper assignment of an enterprise in the scope, locked for ending it. */
export function lockHelper(db: DbOrTx, scope: Scope, id: number) {
  return db
    .selectFrom('enterprise_helper as h')
    .innerJoin('enterprise as e', (j) =>
      j.onRef('e.county_code', '=', 'h.county_code').onRef('e.id', '=', 'h.enterprise_id'),
    )
    .select(['h.id', 'h.enterprise_id', 'h.cadre_id', 'h.started_on', 'h.ended_on'])
    .where('h.county_code', '=', scope.countyCode)
    .where('h.id', '=', id)
    .where(inSubtree('e.grid_path', scope.path))
    .forUpdate('h')
    .executeTakeFirst();
}

export function endHelper(db: DbOrTx, countyCode: string, id: number, set: Updateable<EnterpriseHelper>) {
  return db
    .updateTable('enterprise_helper')
    .set(set)
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .execute();
}

function ledger(db: DbOrTx, scope: Scope) {
  return db
    .selectFrom('enterprise_help as n')
    .innerJoin('enterprise as e', (j) =>
      j.onRef('e.county_code', '=', 'n.county_code').onRef('e.id', '=', 'n.enterprise_id'),
    )
    .innerJoin('cadre as c', (j) =>
      j.onRef('c.county_code', '=', 'n.county_code').onRef('c.id', '=', 'n.cadre_id'),
    )
    .leftJoin('cases as k', (j) =>
      j.onRef('k.county_code', '=', 'n.county_code').onRef('k.id', '=', 'n.case_id'),
    )
    .where('n.county_code', '=', scope.countyCode)
    .where(inSubtree('e.grid_path', scope.path));
}

const LEDGER_COLUMNS = [
  'n.id',
  'n.enterprise_id',
  'e.name as enterprise_name',
  'n.cadre_id',
  'c.name as cadre_name',
  'n.kind',
  'n.happened_on',
  'n.note',
  'n.state',
  'n.solution',
  'n.solved_on',
  'n.case_id',
  'k.number as case_number',
  'k.state as case_state',
] as const;

export async function listLedger(
  db: DbOrTx,
  scope: Scope,
  f: { enterpriseId?: number; state?: string; limit: number; offset: number },
) {
  let q = ledger(db, scope);
  if (f.enterpriseId !== undefined) q = q.where('n.enterprise_id', '=', f.enterpriseId);
  if (f.state) q = q.where('n.state', '=', f.state);
  const [items, total] = await Promise.all([
    q
      .select(LEDGER_COLUMNS)
      .orderBy('n.happened_on', 'desc')
      .orderBy('n.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

/** A ledger entry of a visible enterprise, locked for a change. */
export function lockHelp(db: DbOrTx, scope: Scope, id: number) {
  return db
    .selectFrom('enterprise_help as n')
    .innerJoin('enterprise as e', (j) =>
      j.onRef('e.county_code', '=', 'n.county_code').onRef('e.id', '=', 'n.enterprise_id'),
    )
    .innerJoin('cadre as c', (j) =>
      j.onRef('c.county_code', '=', 'n.county_code').onRef('c.id', '=', 'n.cadre_id'),
    )
    .select([
      'n.id',
      'n.county_code',
      'n.kind',
      'n.state',
      'n.note',
      'n.case_id',
      'n.enterprise_id',
      'e.name as enterprise_name',
      'e.grid_code',
      'e.address',
      'c.account_id',
    ])
    .where('n.county_code', '=', scope.countyCode)
    .where('n.id', '=', id)
    .where(inSubtree('e.grid_path', scope.path))
    .forUpdate(['n'])
    .executeTakeFirst();
}

export function insertHelp(db: DbOrTx, row: Insertable<EnterpriseHelp>) {
  return db.insertInto('enterprise_help').values(row).returning('id').executeTakeFirstOrThrow();
}

export function updateHelp(db: DbOrTx, countyCode: string, id: number, set: Updateable<EnterpriseHelp>) {
  return db
    .updateTable('enterprise_help')
    .set(set)
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .execute();
}

/** Marks an open need raised as the case, only if it is still open (a concurrent raise loses). */
export function markRaised(db: DbOrTx, countyCode: string, id: number, caseId: number, at: Date) {
  return db
    .updateTable('enterprise_help')
    .set({ state: 'raised', case_id: caseId, updated_at: at })
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .where('state', '=', 'open')
    .returning('id')
    .executeTakeFirst();
}

type CoverageTotals = {
  enterprises: number;
  social_orgs: number;
  with_org: number;
  with_instructor: number;
  covered: number;
  with_helpers: number;
  helped: number;
  helper_cadres: number;
  open: number;
  solved: number;
  raised: number;
};

/** 两新 coverage of a scope, in one statement. */
export async function coverage(db: DbOrTx, scope: Scope) {
  const r = await sql<CoverageTotals>`
    WITH e AS (
      SELECT * FROM enterprise WHERE county_code = ${scope.countyCode} AND grid_path <@ ${scope.path}::ltree
    ),
    h AS (SELECT hp.* FROM enterprise_helper hp JOIN e ON e.id = hp.enterprise_id
          WHERE hp.county_code = ${scope.countyCode} AND hp.ended_on IS NULL),
    n AS (SELECT np.* FROM enterprise_help np JOIN e ON e.id = np.enterprise_id WHERE np.county_code = ${scope.countyCode})
    SELECT
      (SELECT count(*)::int FROM e WHERE kind = 'enterprise') AS enterprises,
      (SELECT count(*)::int FROM e WHERE kind = 'social_org') AS social_orgs,
      (SELECT count(*)::int FROM e WHERE party_org_id IS NOT NULL) AS with_org,
      (SELECT count(*)::int FROM e WHERE instructor_id IS NOT NULL) AS with_instructor,
      (SELECT count(*)::int FROM e WHERE party_org_id IS NOT NULL OR instructor_id IS NOT NULL) AS covered,
      (SELECT count(DISTINCT enterprise_id)::int FROM h) AS with_helpers,
      (SELECT count(DISTINCT enterprise_id)::int FROM n) AS helped,
      (SELECT count(DISTINCT cadre_id)::int FROM h) AS helper_cadres,
      (SELECT count(*)::int FROM n WHERE state = 'open') AS open,
      (SELECT count(*)::int FROM n WHERE state = 'solved') AS solved,
      (SELECT count(*)::int FROM n WHERE state = 'raised') AS raised
  `.execute(db);
  return r.rows[0]!;
}

export function regionNamed(db: DbOrTx, code: string) {
  return db.selectFrom('region').select(['code', 'name']).where('code', '=', code).executeTakeFirstOrThrow();
}
