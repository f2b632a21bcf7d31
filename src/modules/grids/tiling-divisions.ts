/**
 * Glue between src/modules/regions/data/divisions.json and the tiling:
 * county tree extraction, grid allocation and tiling in one call.
 */
import { readFileSync } from 'node:fs';
import {
  allocateGridCounts,
  type AllocateOptions,
  type GridAllocation,
  type GridTarget,
  type UnitKind,
} from './tiling-allocate.js';
import type { BBox } from './tiling-counties.js';
import { tileCounty, type CountyInput, type CountyTiling, type TilingOptions } from './tiling.js';
import { tileCountyInOutline, type OutlineTiling } from './tiling-outline.js';
import { countyOutline } from './tiling-outlines.js';

/** One row of divisions.json: kind is "c"/"v" for village-level units, null otherwise. */
export type DivisionRow = readonly [
  code: string,
  name: string,
  parentCode: string | null,
  kind: UnitKind | null,
];

export interface DivisionsFile {
  readonly source: string;
  readonly regions: readonly DivisionRow[];
}

export const DIVISIONS_URL = new URL('../regions/data/divisions.json', import.meta.url);

/** Reads and shape-checks divisions.json (default: the committed file). */
export function loadDivisions(url: URL = DIVISIONS_URL): DivisionsFile {
  const data = JSON.parse(readFileSync(url, 'utf8')) as { source?: unknown; regions?: unknown };
  if (typeof data.source !== 'string' || !Array.isArray(data.regions)) throw new Error('bad divisions file');
  for (const row of data.regions as unknown[]) {
    const ok =
      Array.isArray(row) &&
      row.length === 4 &&
      typeof row[0] === 'string' &&
      typeof row[1] === 'string' &&
      (row[2] === null || typeof row[2] === 'string') &&
      (row[3] === null || row[3] === 'c' || row[3] === 'v');
    if (!ok) throw new Error(`bad divisions row ${JSON.stringify(row)}`);
  }
  return data as DivisionsFile;
}

export interface CountyTree {
  readonly code: string;
  readonly name: string;
  readonly townships: ReadonlyArray<{
    readonly code: string;
    readonly name: string;
    readonly villages: ReadonlyArray<{
      readonly code: string;
      readonly name: string;
      readonly kind: UnitKind;
    }>;
  }>;
}

/** The county's townships and village-level units, in file order. */
export function countyTreeFromDivisions(regions: readonly DivisionRow[], countyCode: string): CountyTree {
  const county = regions.find(([code]) => code === countyCode);
  if (!county) throw new RangeError(`county ${countyCode} not in divisions`);
  const townships = regions
    .filter(([, , parent]) => parent === countyCode)
    .map(([code, name]) => ({
      code,
      name,
      villages: regions
        .filter(([, , parent]) => parent === code)
        .map(([vCode, vName, , kind]) => {
          if (kind === null) throw new RangeError(`village-level unit ${vCode} has no kind`);
          return { code: vCode, name: vName, kind };
        }),
    }));
  return { code: county[0], name: county[1], townships };
}

export interface CountyPlan {
  readonly input: CountyInput;
  readonly allocation: GridAllocation;
}

/** Allocates the grid quota over the county's units and builds the tiling input. */
export function planCounty(
  tree: CountyTree,
  bbox: BBox,
  target: GridTarget,
  options: AllocateOptions = {},
): CountyPlan {
  const units = tree.townships.flatMap((t) => t.villages);
  const allocation = allocateGridCounts(units, target, options);
  const input: CountyInput = {
    code: tree.code,
    name: tree.name,
    bbox,
    townships: tree.townships.map((t) => ({
      code: t.code,
      name: t.name,
      villages: t.villages.map((v) => ({ ...v, gridCount: allocation.counts.get(v.code) ?? 0 })),
    })),
  };
  return { input, allocation };
}

/** divisions rows → tree → grid allocation → tiling, with one seed for both steps. */
export function tileCountyFromDivisions(
  regions: readonly DivisionRow[],
  countyCode: string,
  bbox: BBox,
  target: GridTarget,
  options: TilingOptions & Omit<AllocateOptions, 'seed'> = {},
): CountyTiling & { readonly allocation: GridAllocation } {
  const { input, allocation } = planCounty(
    countyTreeFromDivisions(regions, countyCode),
    bbox,
    target,
    options,
  );
  return { ...tileCounty(input, options), allocation };
}

/**
 * Like tileCountyFromDivisions, but inside the county's real outline when one
 * is shipped (see tiling-outlines.ts); otherwise inside `bbox`.
 */
export function tileCountyInShape(
  regions: readonly DivisionRow[],
  countyCode: string,
  bbox: BBox,
  target: GridTarget,
  options: TilingOptions & Omit<AllocateOptions, 'seed'> = {},
): OutlineTiling & { readonly allocation: GridAllocation } {
  const outline = countyOutline(countyCode);
  if (!outline) return tileCountyFromDivisions(regions, countyCode, bbox, target, options);
  const { input, allocation } = planCounty(
    countyTreeFromDivisions(regions, countyCode),
    bbox,
    target,
    options,
  );
  return { ...tileCountyInOutline(input, outline, options), allocation };
}
