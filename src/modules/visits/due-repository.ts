import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import { dueAfter } from './due.js';
import type { Scope } from './repository.js';

export type DueFilter = {
  careTag?: string;
  q?: string;
  include: 'due' | 'all';
  limit: number;
  offset: number;
};

/** Households due a visit (never visited first, then the longest overdue); `all` lists the rest after them. */
export async function listDue(db: DbOrTx, scope: Scope, now: Date, f: DueFilter) {
  let q = db
    .selectFrom('household as h')
    .innerJoin('region as g', 'g.code', 'h.grid_code')
    .where('h.county_code', '=', scope.countyCode)
    .where(inSubtree('h.grid_path', scope.path));
  if (f.include === 'due')
    q = q.where((eb) => eb.or([eb('h.visit_due_at', 'is', null), eb('h.visit_due_at', '<=', now)]));
  if (f.careTag) q = q.where(sql<boolean>`h.care_tags @> ARRAY[${f.careTag}]::text[]`);
  if (f.q) q = q.where('h.address', 'like', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const [items, total] = await Promise.all([
    q
      .select([
        'h.id',
        'h.grid_code',
        'g.name as grid_name',
        'h.address',
        'h.member_count',
        'h.care_tags',
        'h.last_visit_at',
        'h.visit_due_at',
      ])
      .select(
        sql<number | null>`floor(extract(epoch FROM (${now}::timestamptz - h.visit_due_at)) / 86400)::int`.as(
          'overdue_days',
        ),
      )
      .orderBy(sql`h.visit_due_at ASC NULLS FIRST`)
      .orderBy('h.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

/**
 * Per child region of `node` (the node itself when it has none, e.g. a grid):
 * households, due now, visited in the last 30 days. One grouped scan.
 */
export async function summary(db: DbOrTx, countyCode: string, nodeCode: string, now: Date) {
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const children = await db
    .selectFrom('region')
    .select('code')
    .where('parent_code', '=', nodeCode)
    .limit(1)
    .execute();
  const rows = db
    .selectFrom('region as r')
    .leftJoin('household as h', (j) =>
      j.on('h.county_code', '=', countyCode).on(sql<boolean>`h.grid_path <@ r.path`),
    )
    .select(['r.code', 'r.name', 'r.level'])
    .select([
      sql<number>`count(h.id)::int`.as('households'),
      sql<number>`(count(h.id) FILTER (WHERE h.visit_due_at IS NULL OR h.visit_due_at <= ${now}))::int`.as(
        'due_now',
      ),
      sql<number>`(count(h.id) FILTER (WHERE h.last_visit_at >= ${since}))::int`.as('visited_30d'),
    ])
    .where(children.length ? 'r.parent_code' : 'r.code', '=', nodeCode)
    .groupBy(['r.code', 'r.name', 'r.level'])
    .orderBy('r.code');
  return rows.execute();
}

export async function policyOf(db: DbOrTx, countyCode: string) {
  return db
    .selectFrom('visit_policy')
    .select(['care_tag', 'interval_days'])
    .where('county_code', '=', countyCode)
    .orderBy('interval_days')
    .orderBy('care_tag')
    .execute();
}

/** Replaces the county's intervals (the caller holds the policy rows' lock). */
export async function replacePolicy(
  tx: DbOrTx,
  countyCode: string,
  items: Array<{ careTag: string; intervalDays: number }>,
): Promise<void> {
  await tx.deleteFrom('visit_policy').where('county_code', '=', countyCode).execute();
  await tx
    .insertInto('visit_policy')
    .values(
      items.map((i) => ({ county_code: countyCode, care_tag: i.careTag, interval_days: i.intervalDays })),
    )
    .execute();
}

/** Every visited household of the county gets its due date from the policy in force: one statement. */
export async function recomputeDue(tx: DbOrTx, countyCode: string): Promise<number> {
  const due = dueAfter(sql.ref('h.last_visit_at'));
  const res = await tx
    .updateTable('household as h')
    .set({ visit_due_at: due })
    .where('h.county_code', '=', countyCode)
    .where('h.last_visit_at', 'is not', null)
    .where(sql<boolean>`h.visit_due_at IS DISTINCT FROM ${due}`)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
