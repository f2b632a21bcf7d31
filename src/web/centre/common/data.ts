import { api } from '../../shared/api.js';
import { ok } from '../load.js';
import type { FeatureCollection } from 'geojson';
import type { Category } from '../types.js';

/** Reference data that does not change while the page is open, fetched once. */
let categories: Promise<Category[]> | null = null;
export function loadCategories(): Promise<Category[]> {
  categories ??= ok(api.GET('/api/v1/categories'))
    .then((r) => r.items)
    .catch((e: unknown) => {
      categories = null;
      throw e;
    });
  return categories;
}

/** Forget the catalogue (after an administrator changed it). */
export function reloadCategories(): void {
  categories = null;
}

const grids = new Map<string, Promise<FeatureCollection>>();
/** GeoJSON of the grids under a region (county, township or village), cached per code. */
export function loadGrids(code: string): Promise<FeatureCollection> {
  const cached = grids.get(code);
  if (cached) return cached;
  // the client types positions as number[]; they are GeoJSON positions
  const p = ok(
    api.GET('/api/v1/grids', { params: { query: { within: code } } }),
  ) as Promise<unknown> as Promise<FeatureCollection>;
  p.catch(() => grids.delete(code));
  grids.set(code, p);
  return p;
}

/** Tiers of the code: county 6 digits, township 9, village 12, grid 15. */
export function regionLevelOf(code: string): 'county' | 'township' | 'village' | 'grid' | 'other' {
  return (
    ({ 6: 'county', 9: 'township', 12: 'village', 15: 'grid' } as const)[code.length as 6 | 9 | 12 | 15] ??
    'other'
  );
}
