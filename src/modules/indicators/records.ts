import { sql } from 'kysely';
import type { IndicatorRecord } from '../../platform/indicators.js';
import type { Metric } from './metrics.js';
import { startOf, type Window } from './periods.js';
import type { Ctx } from './types.js';
import type { Node } from './sources.js';

type Row = { id: number; number: string; at: Date; metric: string; total: string };

/** The history steps behind a case figure (from scratch, scoped to the node's subtree). */
export async function caseRecords(
  c: Ctx,
  node: Node,
  w: Window,
  metrics: Metric[],
  limit: number,
): Promise<{ total: number; items: IndicatorRecord[] }> {
  const { rows } = await sql<Row>`
    SELECT r.case_id AS id, k.number, r.at, r.metric, count(*) OVER () AS total
    FROM case_metric_row r
    JOIN cases k ON k.county_code = r.county_code AND k.id = r.case_id
    WHERE r.county_code = ${node.countyCode} AND r.grid_path <@ ${node.path}::ltree
      AND r.at >= ${startOf(w.from)} AND r.at < ${startOf(w.to)}
      AND r.metric IN (${sql.join(metrics)})
    ORDER BY r.at DESC, r.history_id DESC
    LIMIT ${limit}`.execute(c.db);
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((r) => ({ kind: `case.${r.metric}`, id: Number(r.id), label: r.number, at: iso(r.at) })),
  };
}

/** The open (or overdue) cases now. */
export async function openCaseRecords(c: Ctx, node: Node, overdue: boolean, limit: number) {
  const { rows } = await sql<{ id: number; number: string; reported_at: Date; total: string }>`
    SELECT id, number, reported_at, count(*) OVER () AS total FROM cases
    WHERE county_code = ${node.countyCode} AND grid_path <@ ${node.path}::ltree
      AND state IN ('reported', 'filed', 'dispatched', 'accepted', 'handled', 'suspended')
      ${overdue ? sql`AND (overdue OR deadline_at < ${c.now})` : sql``}
    ORDER BY reported_at DESC, id DESC
    LIMIT ${limit}`.execute(c.db);
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((r) => ({
      kind: overdue ? 'case.overdue' : 'case.open',
      id: Number(r.id),
      label: r.number,
      at: iso(r.reported_at),
    })),
  };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
