import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Category } from '../../platform/db/schema.js';
import { onCountySettingsChanged } from '../../platform/settings-changes.js';
import type { Deadlines } from './deadlines.js';

/**
 * What every report reads and administrators rarely change: the active categories (with
 * the county's deadlines in force and the extra questions), kept per county. Changes made through this instance
 * call `invalidateIntakeCache` and take effect at once; other instances re-read within
 * CACHE_TTL_MS. The rows are shared: never mutate them.
 */
export const CACHE_TTL_MS = 30_000;

type Entry = {
  at: number;
  categories: Promise<Map<string, Selectable<Category> & { deadlines: Deadlines }>>;
};
// per database (tests run several apps in one process), then per county
const caches = new WeakMap<Db, Map<string, Entry>>();
const all = new Set<WeakRef<Map<string, Entry>>>();

/**
 * Drops what is cached for one county (or all): call it after an administrator changed a
 * category, its deadlines or any other per-county intake setting, after the commit.
 */
export function invalidateIntakeCache(countyCode?: string): void {
  for (const ref of all) {
    const byCounty = ref.deref();
    if (!byCounty) all.delete(ref);
    else if (countyCode === undefined) byCounty.clear();
    else byCounty.delete(countyCode);
  }
}

// an administrator's change of deadlines (or the catalogue) in this instance takes effect at once
onCountySettingsChanged((countyCode, setting) => {
  if (setting === 'deadlines') invalidateIntakeCache(countyCode);
});

/** The active category with this code for reports in the county, or undefined. */
export async function activeCategory(
  db: Db,
  countyCode: string,
  code: string,
): Promise<(Selectable<Category> & { deadlines: Deadlines }) | undefined> {
  let byCounty = caches.get(db);
  if (!byCounty) {
    byCounty = new Map();
    caches.set(db, byCounty);
    all.add(new WeakRef(byCounty));
  }
  const counties = byCounty;
  const now = Date.now();
  let entry = byCounty.get(countyCode);
  if (!entry || now - entry.at > CACHE_TTL_MS) {
    // the county's own deadlines where it set them, else the national default (category.deadlines)
    const categories = db
      .selectFrom('category as c')
      .leftJoin('category_deadline as d', (j) =>
        j.onRef('d.category_code', '=', 'c.code').on('d.county_code', '=', countyCode),
      )
      .selectAll('c')
      .select(sql<Deadlines>`coalesce(d.deadlines, c.deadlines)`.as('deadlines'))
      .where('c.active', '=', true)
      .execute()
      .then((rows) => new Map(rows.map((r) => [r.code, r])));
    entry = { at: now, categories };
    byCounty.set(countyCode, entry);
    // a failed read is not remembered
    categories.catch(() => counties.get(countyCode) === entry && counties.delete(countyCode));
  }
  return (await entry.categories).get(code);
}
