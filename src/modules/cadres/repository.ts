import { sql, type Insertable, type Updateable } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import type { Cadre, CadreMentor } from '../../platform/db/schema.js';
import { likePattern, listPage, orderBySort, type SortOf } from '../../platform/lists/index.js';

/** Every query here is scoped: the caller's county (the distribution key) and subtree. */
export type Scope = { countyCode: string; path: string };
export type CadreKind = 'all' | 'committee' | 'reserve' | 'first_secretary';

const CADRE_COLUMNS = [
  'c.id',
  'c.region_code',
  'r.name as region_name',
  'c.name',
  'c.gender',
  'c.birth_year',
  'c.education',
  'c.posts',
  'c.reserve',
  'c.unit',
  'c.phone_masked',
  'c.id_number_masked',
] as const;

function cadres(db: DbOrTx, scope: Scope) {
  return db
    .selectFrom('cadre as c')
    .innerJoin('region as r', 'r.code', 'c.region_code')
    .where('c.county_code', '=', scope.countyCode)
    .where(inSubtree('c.region_path', scope.path));
}

export type CadreFilter = {
  kind: CadreKind;
  on: string;
  /** words in the name or unit (a phone or ID number is refused: likePattern) */
  q?: string;
  sort?: SortOf<(typeof CADRE_SORT_KEYS)[number]>;
};
/** The cadre list's sort keys (the schema's whitelist) and their SQL. */
export const CADRE_SORT_KEYS = ['id', 'name', 'birthYear', 'region', 'unit'] as const;
const CADRE_SORT = {
  id: sql`c.id`,
  name: sql`c.name`,
  birthYear: sql`c.birth_year`,
  region: sql`c.region_code`,
  unit: sql`c.unit`,
};

/** The cadres of the filter in the caller's subtree (the WHERE of the page, the total and the export). */
export function filteredCadres(db: DbOrTx, scope: Scope, f: CadreFilter) {
  let q = cadres(db, scope);
  if (f.kind === 'committee') q = q.where(sql<boolean>`cardinality(c.posts) > 0`);
  if (f.kind === 'reserve') q = q.where('c.reserve', '=', true);
  if (f.kind === 'first_secretary')
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('first_secretary as p')
          .select('p.id')
          .whereRef('p.county_code', '=', 'c.county_code')
          .whereRef('p.cadre_id', '=', 'c.id')
          .where('p.started_on', '<=', f.on)
          .where((w) => w.or([w('p.ended_on', 'is', null), w('p.ended_on', '>=', f.on)])),
      ),
    );
  if (f.q) {
    const like = likePattern(f.q);
    q = q.where((w) => w.or([w('c.name', 'ilike', like), w('c.unit', 'ilike', like)]));
  }
  return q;
}

/** The filtered cadres in the list's order (region then id unless sorted). */
export function orderedCadres(db: DbOrTx, scope: Scope, f: CadreFilter) {
  const q = filteredCadres(db, scope, f).select(CADRE_COLUMNS);
  if (f.sort) return orderBySort(q, f.sort, CADRE_SORT, sql`c.id`);
  return q.orderBy('c.region_code').orderBy('c.id');
}

export function listCadres(db: DbOrTx, scope: Scope, f: CadreFilter & { limit: number; offset: number }) {
  return listPage(filteredCadres(db, scope, f), orderedCadres(db, scope, f), f.limit, f.offset);
}

export function findCadre(db: DbOrTx, scope: Scope, id: number) {
  return cadres(db, scope)
    .select(CADRE_COLUMNS)
    .select(['c.phone_enc', 'c.id_number_enc', 'c.region_path', 'c.county_code', 'c.account_id'])
    .where('c.id', '=', id)
    .executeTakeFirst();
}

/** The cadre row locked for a change, only when visible. */
export function lockCadre(db: DbOrTx, scope: Scope, id: number) {
  return db
    .selectFrom('cadre')
    .selectAll()
    .where('county_code', '=', scope.countyCode)
    .where('id', '=', id)
    .where(inSubtree('region_path', scope.path))
    .forUpdate()
    .executeTakeFirst();
}

export function insertCadre(db: DbOrTx, row: Insertable<Cadre>) {
  return db.insertInto('cadre').values(row).returning('id').executeTakeFirstOrThrow();
}

export function updateCadre(db: DbOrTx, countyCode: string, id: number, set: Updateable<Cadre>) {
  return db
    .updateTable('cadre')
    .set(set)
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .execute();
}

/** A region of the county: its level and kind (village/community), or undefined. */
export function regionOf(db: DbOrTx, code: string) {
  return db
    .selectFrom('region')
    .select(['code', 'level', 'kind', 'county_code', 'name'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export function trainingsOf(db: DbOrTx, countyCode: string, cadreId: number) {
  return db
    .selectFrom('cadre_training')
    .select(['id', 'title', 'held_on', 'hours'])
    .where('county_code', '=', countyCode)
    .where('cadre_id', '=', cadreId)
    .orderBy('held_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function insertTraining(
  db: DbOrTx,
  row: { county_code: string; cadre_id: number; title: string; held_on: string; hours: number },
) {
  return db.insertInto('cadre_training').values(row).returning('id').executeTakeFirstOrThrow();
}

function postings(db: DbOrTx, countyCode: string) {
  return db
    .selectFrom('first_secretary as p')
    .innerJoin('cadre as c', (j) =>
      j.onRef('c.county_code', '=', 'p.county_code').onRef('c.id', '=', 'p.cadre_id'),
    )
    .innerJoin('region as v', 'v.code', 'p.village_code')
    .select([
      'p.id',
      'p.cadre_id',
      'c.name as cadre_name',
      'p.village_code',
      'v.name as village_name',
      'p.sending_unit',
      'p.unit_kind',
      'p.started_on',
      'p.ended_on',
    ])
    .where('p.county_code', '=', countyCode);
}

export function postingsOf(db: DbOrTx, countyCode: string, cadreId: number) {
  return postings(db, countyCode).where('p.cadre_id', '=', cadreId).orderBy('p.started_on', 'desc').execute();
}

/** First secretaries whose village lies in the scope, in post on `on`. */
export async function listPostings(db: DbOrTx, scope: Scope, on: string, limit: number, offset: number) {
  const q = postings(db, scope.countyCode)
    .where(inSubtree('p.village_path', scope.path))
    .where('p.started_on', '<=', on)
    .where((w) => w.or([w('p.ended_on', 'is', null), w('p.ended_on', '>=', on)]));
  const [items, total] = await Promise.all([
    q.orderBy('p.village_code').orderBy('p.id').limit(limit).offset(offset).execute(),
    q
      .clearSelect()
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export function lockPosting(db: DbOrTx, scope: Scope, id: number) {
  return db
    .selectFrom('first_secretary')
    .select(['id', 'started_on', 'ended_on', 'cadre_id'])
    .where('county_code', '=', scope.countyCode)
    .where('id', '=', id)
    .where(inSubtree('village_path', scope.path))
    .forUpdate()
    .executeTakeFirst();
}

export function insertPosting(
  db: DbOrTx,
  row: {
    county_code: string;
    cadre_id: number;
    village_code: string;
    village_path: string;
    sending_unit: string;
    unit_kind: string;
    started_on: string;
  },
) {
  return db.insertInto('first_secretary').values(row).returning('id').executeTakeFirstOrThrow();
}

export function endPosting(db: DbOrTx, countyCode: string, id: number, endedOn: string) {
  return db
    .updateTable('first_secretary')
    .set({ ended_on: endedOn })
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .execute();
}

function pairings(db: DbOrTx, countyCode: string) {
  return db
    .selectFrom('cadre_mentor as p')
    .innerJoin('cadre as m', (j) =>
      j.onRef('m.county_code', '=', 'p.county_code').onRef('m.id', '=', 'p.mentor_id'),
    )
    .innerJoin('cadre as e', (j) =>
      j.onRef('e.county_code', '=', 'p.county_code').onRef('e.id', '=', 'p.mentee_id'),
    )
    .innerJoin('region as r', 'r.code', 'e.region_code')
    .select([
      'p.id',
      'p.mentor_id',
      'm.name as mentor_name',
      'p.mentee_id',
      'e.name as mentee_name',
      'r.name as mentee_region_name',
      'p.started_on',
      'p.ended_on',
      'p.end_reason',
    ])
    .where('p.county_code', '=', countyCode);
}

/** Pairs whose new secretary (the mentee) lies in the scope. */
export function listPairings(db: DbOrTx, scope: Scope) {
  return pairings(db, scope.countyCode)
    .where(inSubtree('e.region_path', scope.path))
    .orderBy('p.mentor_id')
    .orderBy('p.id')
    .execute();
}

export function pairingsOf(db: DbOrTx, countyCode: string, cadreId: number, side: 'mentor' | 'mentee') {
  return pairings(db, countyCode)
    .where(side === 'mentor' ? 'p.mentor_id' : 'p.mentee_id', '=', cadreId)
    .orderBy('p.started_on', 'desc')
    .execute();
}

export function insertPairing(
  db: DbOrTx,
  row: { county_code: string; mentor_id: number; mentee_id: number; started_on: string },
) {
  return db.insertInto('cadre_mentor').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Whether an account of the county exists (a cadre's own account, for the notices they follow). */
export async function accountInCounty(db: DbOrTx, countyCode: string, accountId: number) {
  const a = await db
    .selectFrom('account')
    .select('id')
    .where('id', '=', accountId)
    .where('county_code', '=', countyCode)
    .executeTakeFirst();
  return a !== undefined;
}

/** A mentor pair whose new secretary lies in the scope, locked for ending it. */
export function lockPairing(db: DbOrTx, scope: Scope, id: number) {
  return db
    .selectFrom('cadre_mentor as p')
    .innerJoin('cadre as e', (j) =>
      j.onRef('e.county_code', '=', 'p.county_code').onRef('e.id', '=', 'p.mentee_id'),
    )
    .select(['p.id', 'p.mentee_id', 'p.mentor_id', 'p.started_on', 'p.ended_on'])
    .where('p.county_code', '=', scope.countyCode)
    .where('p.id', '=', id)
    .where(inSubtree('e.region_path', scope.path))
    .forUpdate('p')
    .executeTakeFirst();
}

export function endPairing(db: DbOrTx, countyCode: string, id: number, set: Updateable<CadreMentor>) {
  return db
    .updateTable('cadre_mentor')
    .set(set)
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .execute();
}
