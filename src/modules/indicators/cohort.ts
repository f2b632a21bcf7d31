import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { IndicatorInfo, IndicatorRecord } from '../../platform/indicators.js';
import { round } from './metrics.js';
import { startOf, type Window } from './periods.js';
import type { Dim, Node } from './scratch.js';

/**
 * The closure rate (结案率) as GB/T 30428 has it: 结案数 ÷ 应结案数, over one set of cases. A flow
 * formula (closures in the period ÷ filings in the period) counts closures of cases filed earlier and
 * went past 100 %; here both figures are of the same cases — those reported in the period that were
 * taken into handling — so the closed ones are a part of them and the rate never exceeds 100 %.
 */
export const CASE_COHORTS: IndicatorInfo[] = [
  {
    code: 'case.closure_rate',
    nameZh: '结案率',
    nameEn: 'Closure rate',
    formulaZh:
      '结案数 ÷ 应结案数 × 100%：应结案数为期内上报并已受理（立案、上报上级或当场处置；不予立案、撤回、重复合并及尚待受理的除外）的事件数，结案数为其中在期末前结案且未被重新打开的件数；同一批事件，不超过100%',
    formulaEn:
      'closed ÷ due for closure × 100%: due for closure are the cases reported in the period and taken into handling (filed, escalated or handled on the spot; not those refused, withdrawn, merged as duplicates or still awaiting filing); closed are those of them closed before the period’s end and not reopened since. One set of cases: never above 100%',
    unit: 'percent',
    direction: 'higher_better',
    group: 'case_handling',
    snapshot: false,
  },
];

/** States of a case never taken into handling: not in the cohort. */
const OUTSIDE = ['reported', 'not_filed', 'cancelled', 'merged'];

const keyOf = (node: Node, dim?: Dim) =>
  dim === undefined
    ? "''"
    : dim === 'region'
      ? `left(grid_code, ${node.childLength ?? node.code.length})`
      : dim === 'category'
        ? 'category_code'
        : dim === 'source'
          ? 'source'
          : 'department_id::text';

const cohortWhere = (node: Node, w: Window) => sql`county_code = ${node.countyCode}
  AND grid_path <@ ${node.path}::ltree
  AND reported_at >= ${startOf(w.from)} AND reported_at < ${startOf(w.to)}
  AND state NOT IN (${sql.join(OUTSIDE)})`;

/** The cases due for closure and the closed among them, in total or by key. */
export async function closureCohort(
  db: DbOrTx,
  node: Node,
  w: Window,
  dim?: Dim,
): Promise<Map<string, { due: number; closed: number }>> {
  const { rows } = await sql<{ k: string | null; due: string; closed: string }>`
    SELECT ${sql.raw(keyOf(node, dim))} AS k, count(*) AS due,
           count(*) FILTER (WHERE state = 'closed' AND closed_at < ${startOf(w.to)}) AS closed
    FROM cases WHERE ${cohortWhere(node, w)}
    GROUP BY 1`.execute(db);
  return new Map(
    rows.filter((r) => r.k !== null).map((r) => [r.k!, { due: Number(r.due), closed: Number(r.closed) }]),
  );
}

/** The rate of a cohort: null when no case was due. */
export const closureRate = (v: { due: number; closed: number } | undefined) =>
  !v || v.due === 0 ? null : round((100 * v.closed) / v.due, 1);

/** The cases behind the rate, newest report first: each marked closed or not yet. */
export async function closureRecords(
  db: DbOrTx,
  node: Node,
  w: Window,
  limit: number,
): Promise<{ total: number; items: IndicatorRecord[] }> {
  const { rows } = await sql<{ id: number; number: string; reported_at: Date; done: boolean; total: string }>`
    SELECT id, number, reported_at, (state = 'closed' AND closed_at < ${startOf(w.to)}) AS done,
           count(*) OVER () AS total
    FROM cases WHERE ${cohortWhere(node, w)}
    ORDER BY reported_at DESC, id DESC
    LIMIT ${limit}`.execute(db);
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((r) => ({
      kind: r.done ? 'case.closed' : 'case.due',
      id: Number(r.id),
      label: r.number,
      at: new Date(r.reported_at).toISOString(),
    })),
  };
}
