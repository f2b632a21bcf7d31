import type { Db } from './db/database.js';
import { sql, type RawBuilder } from 'kysely';

/**
 * The shape of an indicator (issue 11). Modules declare their own in `<module>/indicators.ts`
 * with this type (platform imports no module); the server hands them all to the indicators
 * module, which serves the catalogue, values, breakdowns and drill-downs.
 */
export type IndicatorUnit = 'count' | 'percent' | 'hours' | 'ratio';
/** Whether a higher value is better, worse, or neither (a volume). */
export type IndicatorDirection = 'higher_better' | 'lower_better' | 'neutral';
export type IndicatorGroup =
  | 'case_handling'
  | 'timeliness'
  | 'satisfaction'
  | 'visits'
  | 'wishes'
  | 'errands'
  | 'disclosures'
  | 'points'
  | 'party'
  | 'grid_workers'
  | 'disputes'
  | 'petitions'
  | 'campaigns'
  | 'emergency'
  | 'cadres'
  | 'enterprises'
  | 'whistles';

export type IndicatorInfo = {
  code: string;
  nameZh: string;
  nameEn: string;
  /** how it is computed, in words a county official can check */
  formulaZh: string;
  formulaEn: string;
  unit: IndicatorUnit;
  direction: IndicatorDirection;
  group: IndicatorGroup;
  /** a state at the moment asked ("overdue now"), not a flow over the period: no 环比/同比 */
  snapshot: boolean;
};

/** The caller's region node: its county and ltree path (already checked to lie in scope). */
export type IndicatorScope = { countyCode: string; path: string };
/** A period [from, to) as instants (local days at UTC+8), and the moment of asking. */
export type IndicatorWindow = { from: Date; to: Date; now: Date };
/** One record behind a figure: never a person's name, phone or ID number. */
export type IndicatorRecord = { kind: string; id: number; label: string; at: string | null };

/** An indicator a module computes itself (the governance set). */
export type IndicatorSource = IndicatorInfo & {
  value(db: Db, scope: IndicatorScope, w: IndicatorWindow): Promise<number | null>;
  records(
    db: Db,
    scope: IndicatorScope,
    w: IndicatorWindow,
    limit: number,
  ): Promise<{ total: number; items: IndicatorRecord[] }>;
};

/** The rows behind a count: `SELECT id, label, at` (at: the instant it counts on, or null). */
export type RowsQuery = (scope: IndicatorScope, w: IndicatorWindow) => RawBuilder<IndicatorRow>;
type IndicatorRow = { id: number | string; label: string; at: Date | string | null };

/** A count indicator from the query of the rows it counts: the value is their number. */
export function countIndicator(
  info: Omit<IndicatorInfo, 'unit'> & { kind: string },
  rows: RowsQuery,
): IndicatorSource {
  const { kind, ...rest } = info;
  return {
    ...rest,
    unit: 'count',
    async value(db, scope, w) {
      const { rows: r } = await sql<{ n: string }>`SELECT count(*) AS n FROM (${rows(scope, w)}) x`.execute(
        db,
      );
      return Number(r[0]?.n ?? 0);
    },
    records: (db, scope, w, limit) => recordsOf(db, kind, rows(scope, w), limit),
  };
}

/** The rows of a query as drill-down records, newest first, with their total. */
export async function recordsOf(db: Db, kind: string, q: RawBuilder<IndicatorRow>, limit: number) {
  const { rows } = await sql<IndicatorRow & { total: string }>`
    SELECT x.*, count(*) OVER () AS total FROM (${q}) x ORDER BY x.at DESC NULLS LAST, x.id DESC LIMIT ${limit}`.execute(
    db,
  );
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((r) => ({
      kind,
      id: Number(r.id),
      label: r.label,
      at: r.at === null ? null : new Date(r.at).toISOString(),
    })),
  };
}
