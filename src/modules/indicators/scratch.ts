import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { add } from './metrics.js';
import { startOf, type Window } from './periods.js';
import type { Hist, Sums } from './metrics.js';

/** The node asked about: its county, code, ltree path and the code length of its children. */
export type Node = { countyCode: string; code: string; path: string; childLength: number | null };
export type Dim = 'region' | 'category' | 'source' | 'department';
export type Figures = { sums: Sums; hist: Hist };

/**
 * Where the case figures come from: the rollup (case_rollup, kept by the trigger of migrations
 * 0055 and 0090) or from scratch (the case_metric_row view over case_history). Both answer the same
 * questions with the same numbers; the tests hold them to it and the bench times both.
 */
export interface CaseFigures {
  totals(node: Node, w: Window, hist: boolean): Promise<Figures>;
  daily(node: Node, w: Window): Promise<Map<string, Sums>>;
  /** per month (key: its first day) of a window of whole months */
  monthly(node: Node, w: Window): Promise<Map<string, Sums>>;
  byKey(node: Node, w: Window, dim: Dim, hist: boolean): Promise<Map<string, Figures>>;
}

/** What every figure query answers: per key `k`, the sums (dim 'all' or a breakdown) and the histogram. */
export type Row = { k: string; dim: string; key: string; metric: string; n: string | number; hours: number };

export function fold(rows: Row[]): Map<string, Figures> {
  const out = new Map<string, Figures>();
  for (const r of rows) {
    let f = out.get(r.k);
    if (!f) out.set(r.k, (f = { sums: new Map(), hist: new Map() }));
    if (r.dim === 'hist') f.hist.set(r.key, (f.hist.get(r.key) ?? 0) + Number(r.n));
    else add(f.sums, r.metric, Number(r.n), Number(r.hours));
  }
  return out;
}

export async function run(db: DbOrTx, q: RawBuilder<Row>): Promise<Row[]> {
  return (await q.execute(db)).rows;
}

export const KEY_EXPR: Record<Exclude<Dim, 'region'>, string> = {
  category: 'category_code',
  source: 'source',
  department: 'department_id::text',
};

/** The month (its first day, YYYY-MM-DD) of a metric row's local day. */
export const MONTH_KEY = "date_trunc('month', day::timestamp)::date::text";

/**
 * The metric rows of the node's subtree in the window (case_metric_row over case_history), or
 * only those still waiting to be folded into the rollup (`pending`, read from case_rollup_pending).
 */
export function scratchRows(node: Node, w: Window, pending: boolean) {
  const where = sql`r.county_code = ${node.countyCode} AND r.grid_path <@ ${node.path}::ltree
    AND r.at >= ${startOf(w.from)} AND r.at < ${startOf(w.to)}`;
  return pending
    ? sql`SELECT r.* FROM case_rollup_pending p
        JOIN case_metric_row r ON r.county_code = p.county_code AND r.history_id = p.history_id
        WHERE p.county_code = ${node.countyCode} AND ${where}`
    : sql`SELECT r.* FROM case_metric_row r WHERE ${where}`;
}

/** Sums (and the histogram) of the CTE `rows`, keyed by `keyExpr`. */
export function scratchArms(keyExpr: string, hist: boolean): RawBuilder<Row> {
  const histPart = hist
    ? sql`UNION ALL
      SELECT ${sql.raw(keyExpr)} AS k, 'hist' AS dim, metric || ':' || case_hours_bucket(hours) AS key,
             metric, count(*) AS n, 0 AS hours
      FROM rows WHERE hours IS NOT NULL AND ${sql.raw(keyExpr)} IS NOT NULL GROUP BY 1, 3, 4`
    : sql``;
  return sql<Row>`
    SELECT ${sql.raw(keyExpr)} AS k, 'all' AS dim, '' AS key, metric, count(*) AS n,
           coalesce(sum(hours), 0) AS hours
    FROM rows WHERE ${sql.raw(keyExpr)} IS NOT NULL GROUP BY 1, 4
    ${histPart}`;
}

/** Every figure computed from the history itself (the drill-down's source and the rollup's check). */
export function scratchFigures(db: DbOrTx): CaseFigures {
  const query = async (node: Node, w: Window, keyExpr: string, hist: boolean) =>
    fold(
      await run(db, sql<Row>`WITH rows AS (${scratchRows(node, w, false)}) ${scratchArms(keyExpr, hist)}`),
    );
  const empty = (): Figures => ({ sums: new Map(), hist: new Map() });
  return {
    async totals(node, w, hist) {
      return (await query(node, w, "''", hist)).get('') ?? empty();
    },
    async daily(node, w) {
      const m = await query(node, w, 'day::text', false);
      return new Map([...m].map(([k, f]) => [k, f.sums]));
    },
    async monthly(node, w) {
      const m = await query(node, w, MONTH_KEY, false);
      return new Map([...m].map(([k, f]) => [k, f.sums]));
    },
    async byKey(node, w, dim, hist) {
      if (dim === 'region') {
        if (node.childLength === null) return new Map();
        return query(node, w, `left(grid_code, ${node.childLength})`, hist);
      }
      return query(node, w, KEY_EXPR[dim], hist);
    },
  };
}
