import * as L from 'leaflet';
import { escapeHtml } from '../cases/CaseMap.js';

export type DensityData = {
  clusters: {
    code: string;
    name: string;
    lng: number;
    lat: number;
    count: number;
    open: number;
    overdue: number;
  }[];
  heat: { lng: number; lat: number; n: number }[];
};

/**
 * Cases clustered with counts: one badge per child region (township, village or grid) at the
 * mean of its cases' points, sized by the count, red when some are overdue; a click drills in.
 */
export function clusterLayer(
  d: DensityData,
  tip: (c: DensityData['clusters'][number]) => string,
  onDrill?: (code: string) => void,
): L.LayerGroup {
  const g = L.layerGroup();
  const max = Math.max(1, ...d.clusters.map((c) => c.count));
  for (const c of d.clusters) {
    const size = Math.round(26 + 22 * Math.sqrt(c.count / max));
    const colour = c.overdue > 0 ? '#cf1322' : c.open > 0 ? '#d46b08' : '#389e0d';
    const icon = L.divIcon({
      className: 'wg-cluster',
      iconSize: [size, size],
      html: `<div data-testid="map-cluster" data-code="${escapeHtml(c.code)}" style="width:${size}px;height:${size}px;line-height:${size}px;border-radius:50%;background:${colour};color:#fff;opacity:.88;text-align:center;font-weight:600;border:2px solid #fff;box-shadow:0 0 4px rgba(0,0,0,.4)">${c.count}</div>`,
    });
    const m = L.marker([c.lat, c.lng], { icon, keyboard: true, title: `${c.name} ${c.count}` }).bindTooltip(
      escapeHtml(tip(c)),
    );
    if (onDrill && c.code.length < 15) m.on('click', () => onDrill(c.code));
    g.addLayer(m);
  }
  return g;
}
