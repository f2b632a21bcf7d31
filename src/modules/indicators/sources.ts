import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { add, type Hist, type Sums } from './metrics.js';
import { startOf, type Window } from './periods.js';

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
  byKey(node: Node, w: Window, dim: Dim, hist: boolean): Promise<Map<string, Figures>>;
}

type Row = { k: string; dim: string; key: string; metric: string; n: string | number; hours: number };

function fold(rows: Row[]): Map<string, Figures> {
  const out = new Map<string, Figures>();
  for (const r of rows) {
    let f = out.get(r.k);
    if (!f) out.set(r.k, (f = { sums: new Map(), hist: new Map() }));
    if (r.dim === 'hist') f.hist.set(r.key, (f.hist.get(r.key) ?? 0) + Number(r.n));
    else add(f.sums, r.metric, Number(r.n), Number(r.hours));
  }
  return out;
}
const empty = (): Figures => ({ sums: new Map(), hist: new Map() });

const ROLLUP_DIM: Record<Exclude<Dim, 'region'>, string> = {
  category: 'category',
  source: 'source',
  department: 'department',
};

/** Code lengths of a township and a village (regions/paths.ts). */
const TOWNSHIP = 9;
const VILLAGE = 12;

/**
 * The rollup (migration 0090): county and township by every dimension and the hours histogram,
 * villages in total only, grids not at all; what it does not keep is computed from scratch.
 */
export function rollupFigures(db: DbOrTx): CaseFigures {
  const scratch = scratchFigures(db);
  const dims = (hist: boolean, main = 'all') => (hist ? sql`(${main}, 'hist')` : sql`(${main})`);
  return {
    async totals(node, w, hist) {
      // grids are not rolled up; villages keep totals only (no histogram): from scratch
      if (node.code.length > VILLAGE || (hist && node.code.length > TOWNSHIP))
        return scratch.totals(node, w, hist);
      const { rows } = await sql<Row>`
        SELECT '' AS k, dim, key, metric, sum(n) AS n, sum(hours) AS hours FROM case_rollup
        WHERE county_code = ${node.countyCode} AND region_code = ${node.code}
          AND dim IN ${dims(hist)} AND day >= ${w.from}::date AND day < ${w.to}::date
        GROUP BY dim, key, metric`.execute(db);
      return fold(rows).get('') ?? empty();
    },
    async daily(node, w) {
      if (node.code.length > VILLAGE) return scratch.daily(node, w);
      const { rows } = await sql<Row>`
        SELECT day::text AS k, dim, key, metric, sum(n) AS n, sum(hours) AS hours FROM case_rollup
        WHERE county_code = ${node.countyCode} AND region_code = ${node.code}
          AND dim = 'all' AND day >= ${w.from}::date AND day < ${w.to}::date
        GROUP BY day, dim, key, metric`.execute(db);
      return new Map([...fold(rows)].map(([k, f]) => [k, f.sums]));
    },
    async byKey(node, w, dim, hist) {
      if (dim === 'region') {
        if (node.childLength === null) return new Map();
        // grids are not rolled up, villages keep no histogram: those come from scratch
        if (node.childLength > VILLAGE || (hist && node.childLength > TOWNSHIP))
          return scratch.byKey(node, w, dim, hist);
        const { rows } = await sql<Row>`
          SELECT region_code AS k, dim, key, metric, sum(n) AS n, sum(hours) AS hours FROM case_rollup
          WHERE county_code = ${node.countyCode}
            AND region_code IN (SELECT code FROM region WHERE parent_code = ${node.code})
            AND dim IN ${dims(hist)} AND day >= ${w.from}::date AND day < ${w.to}::date
          GROUP BY region_code, dim, key, metric`.execute(db);
        return fold(rows);
      }
      // category, source and department are kept for the county and townships; below, from scratch
      if (node.code.length > TOWNSHIP) return scratch.byKey(node, w, dim, hist);
      const { rows } = await sql<Row>`
        SELECT key AS k, dim, key, metric, sum(n) AS n, sum(hours) AS hours FROM case_rollup
        WHERE county_code = ${node.countyCode} AND region_code = ${node.code}
          AND dim = ${ROLLUP_DIM[dim]} AND day >= ${w.from}::date AND day < ${w.to}::date
        GROUP BY key, dim, metric`.execute(db);
      const out = fold(rows);
      if (hist) {
        // the histogram by key is not kept: percentiles by category/source/department from scratch
        const h = await scratch.byKey(node, w, dim, true);
        for (const [k, f] of out) f.hist = h.get(k)?.hist ?? new Map();
      }
      return out;
    },
  };
}

const KEY_EXPR: Record<Exclude<Dim, 'region'>, string> = {
  category: 'category_code',
  source: 'source',
  department: 'department_id::text',
};

export function scratchFigures(db: DbOrTx): CaseFigures {
  const query = async (node: Node, w: Window, keyExpr: string, hist: boolean) => {
    const histPart = hist
      ? sql`UNION ALL
        SELECT ${sql.raw(keyExpr)} AS k, 'hist' AS dim, metric || ':' || case_hours_bucket(hours) AS key,
               metric, count(*) AS n, 0 AS hours
        FROM rows WHERE hours IS NOT NULL AND ${sql.raw(keyExpr)} IS NOT NULL GROUP BY 1, 3, 4`
      : sql``;
    const { rows } = await sql<Row>`
      WITH rows AS (
        SELECT * FROM case_metric_row
        WHERE county_code = ${node.countyCode} AND grid_path <@ ${node.path}::ltree
          AND at >= ${startOf(w.from)} AND at < ${startOf(w.to)}
      )
      SELECT ${sql.raw(keyExpr)} AS k, 'all' AS dim, '' AS key, metric, count(*) AS n,
             coalesce(sum(hours), 0) AS hours
      FROM rows WHERE ${sql.raw(keyExpr)} IS NOT NULL GROUP BY 1, 4
      ${histPart}`.execute(db);
    return fold(rows);
  };
  return {
    async totals(node, w, hist) {
      return (await query(node, w, "''", hist)).get('') ?? empty();
    },
    async daily(node, w) {
      const m = await query(node, w, 'day::text', false);
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

export const OPEN_STATES = ['reported', 'filed', 'dispatched', 'accepted', 'handled', 'suspended'];

/** Open and overdue cases now, in total or by key (the snapshot indicators). */
export async function openNow(
  db: DbOrTx,
  node: Node,
  now: Date,
  dim?: Dim,
): Promise<Map<string, { open: number; overdue: number }>> {
  const key =
    dim === undefined
      ? "''"
      : dim === 'region'
        ? `left(grid_code, ${node.childLength ?? node.code.length})`
        : dim === 'category'
          ? 'category_code'
          : dim === 'source'
            ? 'source'
            : 'department_id::text';
  const { rows } = await sql<{ k: string | null; open: string; overdue: string }>`
    SELECT ${sql.raw(key)} AS k, count(*) AS open,
           count(*) FILTER (WHERE overdue OR deadline_at < ${now}) AS overdue
    FROM cases
    WHERE county_code = ${node.countyCode} AND grid_path <@ ${node.path}::ltree
      AND state IN ('reported', 'filed', 'dispatched', 'accepted', 'handled', 'suspended')
    GROUP BY 1`.execute(db);
  return new Map(
    rows.filter((r) => r.k !== null).map((r) => [r.k!, { open: Number(r.open), overdue: Number(r.overdue) }]),
  );
}
