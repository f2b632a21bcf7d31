import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { likePattern, listPage, orderBySort, type SortOf } from '../../platform/lists/index.js';
import { counts, visible, type Status, type View } from './repository.js';
import type { Kind } from './rules.js';

/** The columns the disclosure list sorts by (the whitelist of `sort`). */
export const DISCLOSURE_SORT_KEYS = [
  'id',
  'village',
  'kind',
  'period',
  'title',
  'publishedAt',
  'readCount',
] as const;
const SORT = {
  id: sql`d.id`,
  village: sql`v.name`,
  kind: sql`d.kind`,
  period: sql`d.period`,
  title: sql`d.title`,
  publishedAt: sql`d.published_at`,
  readCount: sql`(SELECT count(*) FROM disclosure_read r WHERE r.county_code = d.county_code AND r.disclosure_id = d.id)`,
};

export type DisclosureFilter = {
  kind?: Kind;
  period?: string;
  status?: Status;
  /** words in the title or the village's name */
  q?: string;
  sort?: SortOf<(typeof DISCLOSURE_SORT_KEYS)[number]>;
};

/** The disclosures of the filter the view sees (the one WHERE of the page, its total and the export). */
export function filteredDisclosures(db: DbOrTx, view: View, f: DisclosureFilter) {
  let q = visible(db, view);
  if (f.kind) q = q.where('d.kind', '=', f.kind);
  if (f.status) q = q.where('d.status', '=', f.status);
  if (f.period)
    q = q.where((eb) => eb.or([eb('d.period', '=', f.period!), eb('d.period', 'like', `${f.period}-%`)]));
  if (f.q) {
    const like = likePattern(f.q);
    q = q.where((eb) => eb.or([eb('d.title', 'ilike', like), eb('v.name', 'ilike', like)]));
  }
  return q;
}

/** The filtered disclosures with their columns, in the chosen order; newest first (drafts on top) by default. */
export function orderedDisclosures(db: DbOrTx, view: View, f: DisclosureFilter) {
  const q = filteredDisclosures(db, view, f)
    .select([
      'd.id',
      'd.village_code',
      'v.name as village_name',
      'd.kind',
      'd.period',
      'd.major',
      'd.title',
      'd.status',
      'd.published_at',
      'd.updated_at',
      'd.version',
    ])
    .select(counts(view.accountId));
  if (f.sort) return orderBySort(q, f.sort, SORT, sql`d.id`);
  return q.orderBy(sql`d.published_at DESC NULLS FIRST`).orderBy('d.id', 'desc');
}

/** A page of the disclosure list and the exact total of its filter. */
export function listDisclosures(
  db: DbOrTx,
  view: View,
  f: DisclosureFilter & { limit: number; offset: number },
) {
  return listPage(filteredDisclosures(db, view, f), orderedDisclosures(db, view, f), f.limit, f.offset);
}

export type ListRow = Awaited<ReturnType<typeof listDisclosures>>['items'][number];
