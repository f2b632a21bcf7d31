import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { splitWindow, type Window } from './periods.js';
import {
  fold,
  KEY_EXPR,
  MONTH_KEY,
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
 * The rollup's rows of a window summed per `k`: its whole months from the month level
 * (case_rollup_month, migration 0205) and the days at its edges from the day level (case_rollup);
 * `months: false` reads the day level alone (the tests hold the two to each other). `kMonth` is
 * `k` on the month level where it differs.
 */
function rollupArm(
  k: string,
  where: RawBuilder<unknown>,
  w: Window,
  months: boolean,
  kMonth = k,
): RawBuilder<Row> {
  const cut = months ? splitWindow(w) : { months: null, days: [w] };
  const arms = cut.days.map(
    (d) => sql`SELECT ${sql.raw(k)} AS k, dim, key, metric, n, hours FROM case_rollup
      WHERE ${where} AND day >= ${d.from}::date AND day < ${d.to}::date`,
  );
  if (cut.months)
    arms.push(sql`SELECT ${sql.raw(kMonth)} AS k, dim, key, metric, n, hours FROM case_rollup_month
      WHERE ${where} AND month >= ${cut.months.from}::date AND month < ${cut.months.to}::date`);
  if (arms.length === 0)
    return sql<Row>`SELECT '' AS k, '' AS dim, '' AS key, '' AS metric, 0 AS n, 0 AS hours WHERE false`;
  return sql<Row>`SELECT k, dim, key, metric, sum(n) AS n, sum(hours) AS hours
    FROM (${sql.join(arms, sql` UNION ALL `)}) x GROUP BY k, dim, key, metric`;
}

/**
 * The rollup (migrations 0090, 0091, 0205): county and township by every dimension and the hours
 * histogram, villages in total only, grids not at all, per day and per month; what it does not
 * keep is computed from scratch. History rows not yet folded (case_rollup_pending) are computed
 * from scratch and added in the same statement, so each row is counted once whatever the fold is
 * doing.
 */
export function rollupFigures(db: DbOrTx, opts: { months?: boolean } = {}): CaseFigures {
  const months = opts.months ?? true;
  const scratch = scratchFigures(db);
  const dims = (hist: boolean, main = 'all') => (hist ? sql`(${main}, 'hist')` : sql`(${main})`);
  /** the rollup's rows (`arm`) plus the pending rows of the node and window, keyed by `keyExpr` */
  const withPending = (node: Node, w: Window, keyExpr: string, hist: boolean, arm: RawBuilder<Row>) =>
    run(
      db,
      sql<Row>`WITH rows AS (${scratchRows(node, w, true)})
      (${arm}) UNION ALL ${scratchArms(keyExpr, hist)}`,
    );
  const at = (node: Node) => sql`county_code = ${node.countyCode} AND region_code = ${node.code}`;
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
        rollupArm("''", sql`${at(node)} AND dim IN ${dims(hist)}`, w, months),
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
        rollupArm('day::text', sql`${at(node)} AND dim = 'all'`, w, false),
      );
      return new Map([...fold(rows)].map(([k, f]) => [k, f.sums]));
    },
    async monthly(node, w) {
      if (node.code.length > VILLAGE) return scratch.monthly(node, w);
      const rows = await withPending(
        node,
        w,
        MONTH_KEY,
        false,
        rollupArm(MONTH_KEY, sql`${at(node)} AND dim = 'all'`, w, months, 'month::text'),
      );
      return new Map([...fold(rows)].map(([k, f]) => [k, f.sums]));
    },
    async byKey(node, w, dim, hist) {
      if (dim === 'region') {
        if (node.childLength === null) return new Map();
        // grids are not rolled up, villages keep no histogram: those come from scratch
        if (node.childLength > VILLAGE || (hist && node.childLength > TOWNSHIP))
          return scratch.byKey(node, w, dim, hist);
        const where = sql`county_code = ${node.countyCode}
          AND region_code IN (SELECT code FROM region WHERE parent_code = ${node.code}) AND dim IN ${dims(hist)}`;
        return fold(
          await withPending(
            node,
            w,
            `left(grid_code, ${node.childLength})`,
            hist,
            rollupArm('region_code', where, w, months),
          ),
        );
      }
      // category, source and department are kept for the county and townships; below, from scratch
      if (node.code.length > TOWNSHIP) return scratch.byKey(node, w, dim, hist);
      const rows = await withPending(
        node,
        w,
        KEY_EXPR[dim],
        false,
        rollupArm('key', sql`${at(node)} AND dim = ${dim}`, w, months),
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
