import { sql, type Expression } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import {
  beijingDayEnd,
  beijingDayStart,
  likePattern,
  listPage,
  numberPattern,
  orderBySort,
  type SortOf,
} from '../../platform/lists/index.js';
import type { Actor } from '../accounts/index.js';
import { visibleCalls } from './repository.js';

/** The columns the call log sorts by (the whitelist of its `sort` query). */
export const CALL_SORT_KEYS = [
  'id',
  'startedAt',
  'caller',
  'callee',
  'media',
  'outcome',
  'duration',
] as const;
export type CallSortKey = (typeof CALL_SORT_KEYS)[number];
const SORT_COLUMNS: Record<CallSortKey, Expression<unknown>> = {
  id: sql`c.id`,
  startedAt: sql`c.started_at`,
  caller: sql`ca.display_name`,
  callee: sql`ce.display_name`,
  media: sql`c.media`,
  outcome: sql`c.outcome`,
  duration: sql`(c.ended_at - c.answered_at)`,
};

export type CallFilter = {
  /** the subtree either party is in (inside the caller's scope) */
  withinPath?: string;
  aboutType?: string;
  aboutId?: number;
  beforeId?: number;
  media?: string;
  outcome?: string;
  from?: string;
  to?: string;
  /** part of the call's number (its id) */
  number?: string;
  /** words in a party's name (never a phone: likePattern refuses it) */
  q?: string;
  /** a party's phone by its blind index: a reveal, only through revealSearch */
  phoneHash?: Buffer;
  sort?: SortOf<CallSortKey>;
};

/**
 * The calls the caller sees that match the filter, newest first by default: the page, its total and
 * the export are built from this one query.
 */
export function filteredCalls(db: DbOrTx, actor: Actor, f: CallFilter) {
  let q = visibleCalls(db, actor);
  if (f.withinPath)
    q = q.where(
      sql<boolean>`(c.caller_path <@ ${f.withinPath}::ltree OR c.callee_path <@ ${f.withinPath}::ltree)`,
    );
  if (f.aboutType) q = q.where('c.about_type', '=', f.aboutType);
  if (f.aboutId !== undefined) q = q.where('c.about_id', '=', f.aboutId);
  if (f.beforeId !== undefined) q = q.where('c.id', '<', f.beforeId);
  if (f.media) q = q.where('c.media', '=', f.media);
  if (f.outcome) q = q.where('c.outcome', '=', f.outcome);
  if (f.from) q = q.where('c.started_at', '>=', beijingDayStart(f.from));
  if (f.to) q = q.where('c.started_at', '<', beijingDayEnd(f.to));
  if (f.number) q = q.where(sql<string>`c.id::text`, 'like', numberPattern(f.number));
  if (f.q) {
    const like = likePattern(f.q);
    q = q.where((eb) => eb.or([eb('ca.display_name', 'ilike', like), eb('ce.display_name', 'ilike', like)]));
  }
  if (f.phoneHash)
    q = q.where(sql<boolean>`EXISTS (SELECT 1 FROM grid_worker w
      JOIN resident r ON r.county_code = w.county_code AND r.id = w.resident_id
      WHERE w.county_code = c.county_code AND w.account_id IN (c.caller_id, c.callee_id)
        AND r.phone_hash = ${f.phoneHash})`);
  if (f.sort) return orderBySort(q, f.sort, SORT_COLUMNS, sql`c.id`);
  return q.orderBy('c.id', 'desc');
}

export function listCalls(db: DbOrTx, actor: Actor, f: CallFilter & { limit: number; offset: number }) {
  const q = filteredCalls(db, actor, f);
  return listPage(q, q, f.limit, f.offset);
}
