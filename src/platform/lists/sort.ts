import { sql, type Expression, type SelectQueryBuilder } from 'kysely';
import { z } from 'zod';

/**
 * The sort of a list: one of its whitelisted column keys, `-key` for descending. The Zod enum is the
 * whitelist — anything else is a 400 before a query is built.
 */
export function sortParam<K extends string>(keys: readonly [K, ...K[]]) {
  const values = keys.flatMap((k) => [k, `-${k}`]) as [K | `-${K}`, ...(K | `-${K}`)[]];
  return z
    .enum(values)
    .optional()
    .describe(`sort by a column: ${keys.join(', ')}; a leading "-" sorts descending`);
}

export type SortOf<K extends string> = K | `-${K}`;

/**
 * Orders `q` by the chosen key (its SQL expression from `columns`), NULLs last either way, then by
 * `tie` descending so that pages never overlap or skip rows.
 */
export function orderBySort<DB, TB extends keyof DB, O, K extends string>(
  q: SelectQueryBuilder<DB, TB, O>,
  sort: SortOf<K>,
  columns: Record<K, Expression<unknown>>,
  tie: Expression<unknown>,
): SelectQueryBuilder<DB, TB, O> {
  const desc = sort.startsWith('-');
  const key = (desc ? sort.slice(1) : sort) as K;
  const dir = desc ? sql`DESC NULLS LAST` : sql`ASC NULLS LAST`;
  return q.orderBy(sql`${columns[key]} ${dir}`).orderBy(sql`${tie} DESC`);
}

/** The number of rows a filtered query answers (the same WHERE as its page). */
export async function totalOf<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>): Promise<number> {
  const row = await q
    .clearSelect()
    .clearOrderBy()
    .select(sql<number>`count(*)::int`.as('total'))
    .executeTakeFirstOrThrow();
  return (row as { total: number }).total;
}

/**
 * A page of a list and the exact total of its filter, in one go: `ordered` is `filtered` with its
 * columns and order (every list builds both from one WHERE, so the total and the page never disagree).
 */
export async function listPage<DB, TB extends keyof DB, O, R>(
  filtered: SelectQueryBuilder<DB, TB, O>,
  ordered: SelectQueryBuilder<DB, TB, R>,
  limit: number,
  offset: number,
): Promise<{ items: R[]; total: number }> {
  const [items, total] = await Promise.all([
    ordered.limit(limit).offset(offset).execute(),
    totalOf(filtered),
  ]);
  return { items, total };
}
