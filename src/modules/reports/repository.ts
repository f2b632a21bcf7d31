import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import { orderBySort, totalOf, type SortOf } from '../../platform/lists/index.js';
import type { Kind } from './spec.js';

export const REPORT_SORT_KEYS = ['periodFrom', 'generatedAt', 'kind', 'region'] as const;
type SortKey = (typeof REPORT_SORT_KEYS)[number];
const SORT_COLUMNS: Record<SortKey, ReturnType<typeof sql>> = {
  periodFrom: sql`r.period_from`,
  generatedAt: sql`r.generated_at`,
  kind: sql`r.kind`,
  region: sql`r.region_code`,
};

const SUMMARY = [
  'r.id',
  'r.kind',
  'r.region_code',
  'r.region_name',
  'r.period_from',
  'r.period_to',
  'r.scheduled',
  'r.generated_at',
  'a.display_name as generated_by_name',
] as const;

function scoped(db: DbOrTx, countyCode: string, path: string) {
  return db
    .selectFrom('case_report as r')
    .leftJoin('account as a', 'a.id', 'r.generated_by')
    .where('r.county_code', '=', countyCode)
    .where(inSubtree('r.region_path', path));
}

/** The kept reports under `path` (the caller's subtree), newest period first unless sorted. */
export async function listReports(
  db: DbOrTx,
  countyCode: string,
  path: string,
  f: {
    kind?: Kind;
    region?: string;
    from?: string;
    to?: string;
    sort?: SortOf<SortKey>;
    limit: number;
    offset: number;
  },
) {
  let q = scoped(db, countyCode, path);
  if (f.kind) q = q.where('r.kind', '=', f.kind);
  if (f.region)
    q = q.where(
      sql<boolean>`r.region_path <@ (SELECT path FROM region WHERE county_code = ${countyCode} AND code = ${f.region})`,
    );
  if (f.from) q = q.where('r.period_to', '>', sql<string>`${f.from}::date`);
  if (f.to) q = q.where('r.period_from', '<=', sql<string>`${f.to}::date`);
  const page = q.select(SUMMARY);
  const ordered = f.sort
    ? orderBySort(page, f.sort, SORT_COLUMNS, sql`r.id`)
    : page.orderBy('r.period_from', 'desc').orderBy('r.id', 'desc');
  const [rows, total] = await Promise.all([ordered.limit(f.limit).offset(f.offset).execute(), totalOf(q)]);
  return { rows, total };
}

/** One kept report, only when it lies in the caller's subtree (else undefined: 404). */
export async function findReport(db: DbOrTx, countyCode: string, path: string, id: number) {
  return scoped(db, countyCode, path)
    .select(SUMMARY)
    .select(['r.figures', 'r.lists'])
    .select(
      sql<string[]>`ARRAY(SELECT x.name FROM region x WHERE x.county_code = r.county_code
                     AND x.path @> r.region_path ORDER BY nlevel(x.path))`.as('trail'),
    )
    .where('r.id', '=', id)
    .executeTakeFirst();
}
export type KeptReport = NonNullable<Awaited<ReturnType<typeof findReport>>>;
