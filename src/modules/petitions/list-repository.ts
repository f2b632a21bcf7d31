import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import {
  likePattern,
  listPage,
  numberPattern,
  orderBySort,
  type SortOf,
} from '../../platform/lists/index.js';
import type { Actor } from '../accounts/index.js';
import { OFFICE_LIMITS, WARN_DAYS } from './limits.js';
import {
  dayAfter,
  dayStart,
  joinedPetitions,
  overdueAt,
  visibleTo,
  withPetitionColumns,
} from './repository.js';

/** The columns the petition register sorts by (the whitelist of `sort`). */
export const PETITION_SORT_KEYS = ['receivedAt', 'number', 'region', 'state', 'dueAt', 'headcount'] as const;
const SORT = {
  receivedAt: sql`p.received_at`,
  number: sql`p.number`,
  region: sql`r.name`,
  state: sql`p.state`,
  dueAt: sql`p.due_at`,
  headcount: sql`p.headcount`,
};

export type PetitionFilter = {
  state?: string;
  channel?: string;
  due?: 'soon' | 'overdue';
  from?: string;
  to?: string;
  /** a part of the registration number */
  number?: string;
  /** words in the matter or the place's name */
  q?: string;
  /** the visitor's phone by its blind index (a reveal: the route authorises and audits it) */
  phoneHash?: Buffer;
  sort?: SortOf<(typeof PETITION_SORT_KEYS)[number]>;
};

/** The petitions of the filter the caller sees under `path` (the WHERE of the page, total and export). */
export function filteredPetitions(db: DbOrTx, actor: Actor, path: string, f: PetitionFilter, now: Date) {
  let q = joinedPetitions(db).where(visibleTo(actor, path));
  if (f.state) q = q.where('p.state', '=', f.state);
  if (f.channel) q = q.where('p.channel', '=', f.channel);
  if (f.from) q = q.where('p.received_at', '>=', dayStart(f.from));
  if (f.to) q = q.where('p.received_at', '<', dayAfter(f.to));
  if (f.due === 'overdue') q = q.where(overdueAt(now));
  if (f.due === 'soon')
    q = q
      .where('p.due_kind', 'in', OFFICE_LIMITS)
      .where('p.due_at', '>=', now)
      .where('p.due_at', '<', new Date(now.getTime() + WARN_DAYS * 86_400_000));
  if (f.number) q = q.where('p.number', 'like', numberPattern(f.number));
  if (f.q) {
    const like = likePattern(f.q);
    q = q.where((eb) => eb.or([eb('p.matter', 'ilike', like), eb('r.name', 'ilike', like)]));
  }
  if (f.phoneHash) q = q.where('p.phone_hash', '=', f.phoneHash);
  return q;
}

/** The filtered petitions with their columns: the chosen sort, else by limit (due filters) or newest first. */
export function orderedPetitions(db: DbOrTx, actor: Actor, path: string, f: PetitionFilter, now: Date) {
  const q = withPetitionColumns(filteredPetitions(db, actor, path, f, now), now);
  if (f.sort) return orderBySort(q, f.sort, SORT, sql`p.id`);
  return (f.due ? q.orderBy('p.due_at') : q.orderBy('p.received_at', 'desc')).orderBy('p.id', 'desc');
}

/** A page of the register and the exact total of its filter. */
export function listPetitions(
  db: DbOrTx,
  actor: Actor,
  path: string,
  f: PetitionFilter & { limit: number; offset: number },
  now: Date,
) {
  return listPage(
    filteredPetitions(db, actor, path, f, now),
    orderedPetitions(db, actor, path, f, now),
    f.limit,
    f.offset,
  );
}

export type ListedPetition = Awaited<ReturnType<typeof listPetitions>>['items'][number];
