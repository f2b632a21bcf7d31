import type { Db } from '../../platform/db/database.js';
import type { IndicatorRecord, IndicatorSource } from '../../platform/indicators.js';
import { CODE_LENGTHS } from '../regions/index.js';
import { Catalogue } from './catalogue.js';
import { windowOf, type Period, type Window } from './periods.js';
import { breakdown, dayOfNow, records, values, type Ctx, type ValueItem } from './service.js';
import { rollupFigures, type Node } from './sources.js';

export type { ValueItem, Window };
export type Listed = { total: number; items: IndicatorRecord[] };

/** What a kept report holds from the indicators: the values with 环比/同比, the records, the child regions. */
export type ReportFigures = {
  window: Window;
  values: (ValueItem & { nameZh: string; nameEn: string; unit: string })[];
  lists: Record<string, Listed>;
  byRegion: { code: string; values: Record<string, number | null> }[];
};

/**
 * The figures of a report (the reports module's daily, weekly and monthly case reports) for a region
 * and period, from the same catalogue, rollup and drill-down as the dashboard: one computation, so a
 * report never disagrees with the indicators. No actor: the caller has scoped the region.
 */
export async function reportFigures(
  deps: { db: Db; indicatorSources: readonly IndicatorSource[]; now: Date },
  region: { countyCode: string; code: string; path: string },
  period: 'day' | 'week' | 'month',
  at: string | undefined,
  spec: { codes: string[]; listCodes: string[]; regionCodes: string[]; listLimit: number },
): Promise<ReportFigures> {
  const c: Ctx = {
    db: deps.db,
    catalogue: new Catalogue(deps.indicatorSources),
    figures: rollupFigures(deps.db),
    now: deps.now,
  };
  const i = (CODE_LENGTHS as readonly number[]).indexOf(region.code.length);
  const node: Node = { ...region, childLength: CODE_LENGTHS[i + 1] ?? null };
  const w = windowOf(period as Period, at, dayOfNow(deps.now));
  const v = await values(c, node, period as Period, w, spec.codes);
  const lists: Record<string, Listed> = {};
  for (const code of spec.listCodes) lists[code] = await records(c, node, w, code, spec.listLimit);
  const byRegion = new Map<string, Record<string, number | null>>();
  if (node.childLength !== null && node.childLength <= 12)
    for (const code of spec.regionCodes)
      for (const r of await breakdown(c, node, w, code, 'region'))
        byRegion.set(r.key, { ...byRegion.get(r.key), [code]: r.value });
  return {
    window: w,
    values: v.items.map((item) => {
      const info = c.catalogue.get(item.code)!.def;
      return { ...item, nameZh: info.nameZh, nameEn: info.nameEn, unit: info.unit };
    }),
    lists,
    byRegion: [...byRegion]
      .map(([code, vals]) => ({ code, values: vals }))
      .sort((a, b) => a.code.localeCompare(b.code)),
  };
}

/** The local day (UTC+8) of an instant, YYYY-MM-DD. */
export const localDay = dayOfNow;
export { windowOf };

/**
 * One indicator of a region in a period broken down by category (the dashboard's drill-down), for
 * the exchange module's open data. No actor: the caller has scoped the region.
 */
export async function categoryFigures(
  deps: { db: Db; indicatorSources: readonly IndicatorSource[]; now: Date },
  region: { countyCode: string; code: string; path: string },
  period: 'month',
  at: string,
  code: string,
): Promise<{ key: string; value: number | null }[]> {
  const c: Ctx = {
    db: deps.db,
    catalogue: new Catalogue(deps.indicatorSources),
    figures: rollupFigures(deps.db),
    now: deps.now,
  };
  const node: Node = { ...region, childLength: null };
  return breakdown(c, node, windowOf(period, at, dayOfNow(deps.now)), code, 'category');
}
