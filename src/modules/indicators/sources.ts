import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { Window } from './periods.js';
import {
  fold,
  KEY_EXPR,
  run,
  scratchArms,
  scratchFigures,
  scratchRows,
  type CaseFigures,
  type Dim,
  type Figures,
  type Node,
  type Row,
} from './scratch.js';

export { scratchFigures, type CaseFigures, type Dim, type Figures, type Node } from './scratch.js';

const empty = (): Figures => ({ sums: new Map(), hist: new Map() });

/** Code lengths of a township and a village (regions/paths.ts). */
const TOWNSHIP = 9;
const VILLAGE = 12;

/**
 * The rollup (migrations 0090, 0091): county and township by every dimension and the hours
 * histogram, villages in total only, grids not at all; what it does not keep is computed from
 * scratch. History rows not yet folded (case_rollup_pending) are computed from scratch and added
 * in the same statement, so each row is counted once whatever the fold is doing.
 */
export function rollupFigures(db: DbOrTx): CaseFigures {
  const scratch = scratchFigures(db);
  const dims = (hist: boolean, main = 'all') => (hist ? sql`(${main}, 'hist')` : sql`(${main})`);
  /** the rollup's rows (`arm`) plus the pending rows of the node and window, keyed by `keyExpr` */
  const withPending = (node: Node, w: Window, keyExpr: string, hist: boolean, arm: RawBuilder<Row>) =>
    run(
      db,
      sql<Row>`WITH rows AS (${scratchRows(node, w, true)})
      (${arm}) UNION ALL ${scratchArms(keyExpr, hist)}`,
    );
  return {
    async totals(node, w, hist) {
      // grids are not rolled up; villages keep totals only (no histogram): from scratch
      if (node.code.length > VILLAGE || (hist && node.code.length > TOWNSHIP))
        return scratch.totals(node, w, hist);
      const rows = await withPending(
        node,
        w,
        "''",
        hist,
        sql<Row>`
        SELECT '' AS k, dim, key, metric, sum(n) AS n, sum(hours) AS hours FROM case_rollup
        WHERE county_code = ${node.countyCode} AND region_code = ${node.code}
          AND dim IN ${dims(hist)} AND day >= ${w.from}::date AND day < ${w.to}::date
        GROUP BY dim, key, metric`,
      );
      return fold(rows).get('') ?? empty();
    },
    async daily(node, w) {
      if (node.code.length > VILLAGE) return scratch.daily(node, w);
      const rows = await withPending(
        node,
        w,
        'day::text',
        false,
        sql<Row>`
        SELECT day::text AS k, dim, key, metric, sum(n) AS n, sum(hours) AS hours FROM case_rollup
        WHERE county_code = ${node.countyCode} AND region_code = ${node.code}
          AND dim = 'all' AND day >= ${w.from}::date AND day < ${w.to}::date
        GROUP BY day, dim, key, metric`,
      );
      return new Map([...fold(rows)].map(([k, f]) => [k, f.sums]));
    },
    async byKey(node, w, dim, hist) {
      if (dim === 'region') {
        if (node.childLength === null) return new Map();
        // grids are not rolled up, villages keep no histogram: those come from scratch
        if (node.childLength > VILLAGE || (hist && node.childLength > TOWNSHIP))
          return scratch.byKey(node, w, dim, hist);
        const rows = await withPending(
          node,
          w,
          `left(grid_code, ${node.childLength})`,
          hist,
          sql<Row>`
          SELECT region_code AS k, dim, key, metric, sum(n) AS n, sum(hours) AS hours FROM case_rollup
          WHERE county_code = ${node.countyCode}
            AND region_code IN (SELECT code FROM region WHERE parent_code = ${node.code})
            AND dim IN ${dims(hist)} AND day >= ${w.from}::date AND day < ${w.to}::date
          GROUP BY region_code, dim, key, metric`,
        );
        return fold(rows);
      }
      // category, source and department are kept for the county and townships; below, from scratch
      if (node.code.length > TOWNSHIP) return scratch.byKey(node, w, dim, hist);
      const rows = await withPending(
        node,
        w,
        KEY_EXPR[dim],
        false,
        sql<Row>`
        SELECT key AS k, dim, key, metric, sum(n) AS n, sum(hours) AS hours FROM case_rollup
        WHERE county_code = ${node.countyCode} AND region_code = ${node.code}
          AND dim = ${dim} AND day >= ${w.from}::date AND day < ${w.to}::date
        GROUP BY key, dim, metric`,
      );
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
