import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { IndicatorRecord, IndicatorScope } from '../../platform/indicators.js';
import type { Catalogue, Resolved } from './catalogue.js';
import './errors.js';
import type { Ctx } from './types.js';
import { openNow, type Dim, type Figures, type Node } from './sources.js';
import {
  addDays,
  addMonths,
  seriesOf,
  startOf,
  previousOf,
  wholeMonths,
  yearBeforeOf,
  type Period,
  type Window,
} from './periods.js';
import { round, type Sums } from './metrics.js';
import { caseRecords, openCaseRecords } from './records.js';
import { closureCohort, closureRate, closureRecords } from './cohort.js';

export type { Ctx } from './types.js';

export function resolve(catalogue: Catalogue, code: string): Resolved {
  const r = catalogue.get(code);
  if (!r) throw new AppError('INDICATOR_UNKNOWN', { detail: code, detailEn: code });
  return r;
}

const scopeOf = (n: Node): IndicatorScope => ({ countyCode: n.countyCode, path: n.path });
const instants = (w: Window, now: Date) => ({ from: startOf(w.from), to: startOf(w.to), now });

/** Values of several indicators over one window. Snapshots only for the window holding now. */
export async function valuesAt(
  c: Ctx,
  node: Node,
  w: Window,
  codes: string[],
  current: boolean,
): Promise<Map<string, number | null>> {
  const defs = codes.map((code) => resolve(c.catalogue, code));
  const out = new Map<string, number | null>();
  const cases = defs.filter((d) => d.kind === 'case');
  if (cases.length) {
    const hist = cases.some((d) => d.kind === 'case' && d.def.hist);
    const f = await c.figures.totals(node, w, hist);
    for (const d of cases) if (d.kind === 'case') out.set(d.def.code, d.def.compute(f.sums, f.hist));
  }
  if (defs.some((d) => d.kind === 'snapshot')) {
    const now = current ? (await openNow(c.db, node, c.now)).get('') : undefined;
    for (const d of defs)
      if (d.kind === 'snapshot')
        out.set(d.def.code, current ? snapshotValue(d.def.code, now ?? { open: 0, overdue: 0 }) : null);
  }
  if (defs.some((d) => d.kind === 'cohort')) {
    const v = (await closureCohort(c.db, node, w)).get('');
    for (const d of defs) if (d.kind === 'cohort') out.set(d.def.code, closureRate(v));
  }
  for (const d of defs)
    if (d.kind === 'module')
      out.set(
        d.def.code,
        d.def.snapshot && !current ? null : await d.def.value(c.db, scopeOf(node), instants(w, c.now)),
      );
  return out;
}

const snapshotValue = (code: string, v: { open: number; overdue: number }) =>
  code === 'case.open_now' ? v.open : v.overdue;

const change = (cur: number | null | undefined, before: number | null | undefined) =>
  cur == null || before == null || before === 0 ? null : round((100 * (cur - before)) / before, 1);

export type ValueItem = {
  code: string;
  value: number | null;
  previous: number | null;
  yearBefore: number | null;
  /** 环比, percent */
  changePrevious: number | null;
  /** 同比, percent */
  changeYear: number | null;
};

/** Each indicator over the window, the period before (环比) and the same period a year before (同比). */
export async function values(c: Ctx, node: Node, period: Period, w: Window, codes: string[]) {
  const today = dayOfNow(c.now);
  const current = w.from <= today && today < w.to;
  const prev = previousOf(period, w);
  const year = yearBeforeOf(w);
  const [a, b, y] = await Promise.all([
    valuesAt(c, node, w, codes, current),
    valuesAt(c, node, prev, codes, false),
    valuesAt(c, node, year, codes, false),
  ]);
  const items: ValueItem[] = codes.map((code) => ({
    code,
    value: a.get(code) ?? null,
    previous: b.get(code) ?? null,
    yearBefore: y.get(code) ?? null,
    changePrevious: change(a.get(code), b.get(code)),
    changeYear: change(a.get(code), y.get(code)),
  }));
  return { window: w, previous: prev, yearBefore: year, items };
}

export const dayOfNow = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** A trend: the indicators over `count` periods ending with `w`. */
export async function series(c: Ctx, node: Node, period: Period, w: Window, codes: string[], count: number) {
  const windows = seriesOf(period, w, count);
  const defs = codes.map((code) => resolve(c.catalogue, code));
  const points = windows.map((win) => ({
    from: win.from,
    to: win.to,
    values: {} as Record<string, number | null>,
  }));
  const caseDefs = defs.filter((d) => d.kind === 'case');
  if (caseDefs.some((d) => d.kind === 'case' && d.def.hist)) {
    // percentiles need the histogram per period
    for (const p of points) {
      const f = await c.figures.totals(node, p, true);
      for (const d of caseDefs) if (d.kind === 'case') p.values[d.def.code] = d.def.compute(f.sums, f.hist);
    }
  } else if (caseDefs.length) {
    // months, quarters and years from the month level (a row per month), other periods by day
    const byMonth = windows.every(wholeMonths);
    const span = { from: windows[0]!.from, to: w.to };
    const parts = byMonth ? await c.figures.monthly(node, span) : await c.figures.daily(node, span);
    for (const p of points) {
      const sums: Sums = new Map();
      for (let d = p.from; d < p.to; d = byMonth ? addMonths(d, 1) : addDays(d, 1))
        for (const [m, v] of parts.get(d) ?? []) {
          const cur = sums.get(m) ?? { n: 0, hours: 0 };
          sums.set(m, { n: cur.n + v.n, hours: cur.hours + v.hours });
        }
      for (const d of caseDefs) if (d.kind === 'case') p.values[d.def.code] = d.def.compute(sums, new Map());
    }
  }
  const today = dayOfNow(c.now);
  for (const d of defs) {
    if (d.kind === 'case') continue;
    for (const p of points) {
      const current = p.from <= today && today < p.to;
      p.values[d.def.code] = (await valuesAt(c, node, p, [d.def.code], current)).get(d.def.code) ?? null;
    }
  }
  return points;
}

/** One indicator by child region, category, source or department (a comparison, never of people). */
export async function breakdown(
  c: Ctx,
  node: Node,
  w: Window,
  code: string,
  dim: Dim,
): Promise<{ key: string; value: number | null }[]> {
  const d = resolve(c.catalogue, code);
  const unsupported = () => {
    throw new AppError('INDICATOR_BREAKDOWN_UNSUPPORTED', {
      detail: `${code} × ${dim}`,
      detailEn: `${code} × ${dim}`,
    });
  };
  if (dim === 'region' && node.childLength === null) unsupported();
  if (d.kind === 'case') {
    const by: Map<string, Figures> = await c.figures.byKey(node, w, dim, d.def.hist === true);
    return [...by].map(([key, f]) => ({ key, value: d.def.compute(f.sums, f.hist) }));
  }
  if (d.kind === 'snapshot') {
    const by = await openNow(c.db, node, c.now, dim);
    return [...by].map(([key, v]) => ({ key, value: snapshotValue(code, v) }));
  }
  if (d.kind === 'cohort') {
    const by = await closureCohort(c.db, node, w, dim);
    return [...by].map(([key, v]) => ({ key, value: closureRate(v) }));
  }
  if (dim !== 'region') return unsupported();
  const { rows } = await childrenOf(c.db, node);
  const today = dayOfNow(c.now);
  const current = w.from <= today && today < w.to;
  const out: { key: string; value: number | null }[] = [];
  for (const r of rows) {
    const child: Node = { ...node, code: r.code, path: r.path, childLength: null };
    out.push({ key: r.code, value: (await valuesAt(c, child, w, [code], current)).get(code) ?? null });
  }
  return out;
}

async function childrenOf(db: DbOrTx, node: Node) {
  const rows = await db
    .selectFrom('region')
    .select(['code', 'path'])
    .where('parent_code', '=', node.code)
    .orderBy('code')
    .execute();
  return { rows };
}

/** The records behind a figure: the history steps (cases) or the module's rows, newest first. */
export async function records(
  c: Ctx,
  node: Node,
  w: Window,
  code: string,
  limit: number,
): Promise<{ total: number; items: IndicatorRecord[] }> {
  const d = resolve(c.catalogue, code);
  if (d.kind === 'module') return d.def.records(c.db, scopeOf(node), instants(w, c.now), limit);
  if (d.kind === 'snapshot') return openCaseRecords(c, node, code === 'case.overdue_now', limit);
  if (d.kind === 'cohort') return closureRecords(c.db, node, w, limit);
  return caseRecords(c, node, w, d.def.metrics, limit);
}
