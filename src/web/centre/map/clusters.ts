import * as L from 'leaflet';
// the plugins extend the `L` Leaflet's build puts on window (leaflet is evaluated first: imported above)
import 'leaflet.markercluster';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import 'leaflet.markercluster/dist/MarkerCluster.Default.css';
import 'leaflet.heat';
import { CLOSED_COLOUR, WARNING_COLOURS } from './base.js';

/**
 * The Leaflet the plugins extended: they attach `markerClusterGroup` and `heatLayer` to the global
 * `L` (window.L, set by Leaflet's UMD build), not to the namespace copy this module imports.
 */
const withPlugins = (): typeof L => (window as unknown as { L: typeof L }).L;

/** A case on a map: where, its colour (warning; closed grey), and its text on hover. */
export type MapPoint = {
  id: number;
  lat: number;
  lng: number;
  closed: boolean;
  warning: string;
  tip: string;
};

/**
 * Cases as markers clustered by pixel distance (`leaflet.markercluster`): a badge with the count
 * where they crowd, splitting as the map zooms in; a click on a badge zooms to its cases. No
 * animation — its timers would outlive a map removed mid-zoom (see base.ts). Markers are DOM
 * icons (not canvas) so that each case can be clicked and found by its test id.
 */
export function caseClusters(
  points: MapPoint[],
  onOpen: (p: MapPoint, marker: L.Marker) => void,
): { group: L.MarkerClusterGroup; byId: Map<number, L.Marker> } {
  const group = withPlugins().markerClusterGroup({
    animate: false,
    animateAddingMarkers: false,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    maxClusterRadius: 50,
    iconCreateFunction: (c) => {
      const n = c.getChildCount();
      const size = n < 10 ? 'small' : n < 100 ? 'medium' : 'large';
      return L.divIcon({
        html: `<div><span data-testid="map-case-cluster">${n}</span></div>`,
        className: `marker-cluster marker-cluster-${size}`,
        iconSize: L.point(40, 40),
      });
    },
  });
  const byId = new Map<number, L.Marker>();
  for (const p of points) {
    const colour = p.closed ? CLOSED_COLOUR : (WARNING_COLOURS[p.warning] ?? WARNING_COLOURS.none!);
    const icon = L.divIcon({
      className: 'wg-case-dot',
      iconSize: [14, 14],
      html: `<span data-testid="map-case" data-id="${p.id}" class="wg-case-dot-${colourKey(colour)}"></span>`,
    });
    const mk = L.marker([p.lat, p.lng], { icon, keyboard: true, title: p.tip.replace(/<[^>]*>/g, ' ') });
    mk.bindTooltip(p.tip, { direction: 'top' });
    mk.on('click', () => onOpen(p, mk));
    byId.set(p.id, mk);
    group.addLayer(mk);
  }
  return { group, byId };
}

/** The CSS class of a marker colour (no inline styles: the Content Security Policy forbids them). */
function colourKey(c: string): string {
  const k = Object.entries(WARNING_COLOURS).find(([, v]) => v === c)?.[0];
  return k ?? 'closed';
}

/** A heat map (`leaflet.heat`, one canvas) from points, each weighing `n` (1 for a case). */
export function heat(points: { lat: number; lng: number; n?: number }[], max = 1): L.HeatLayer {
  return withPlugins().heatLayer(
    points.map((p) => [p.lat, p.lng, p.n ?? 1] as L.HeatLatLngTuple),
    { radius: 22, blur: 18, maxZoom: 14, max, minOpacity: 0.3 },
  );
}

/** A case's popup: number, category and state, its place in words (a slot to fill later), a link to the case. */
export function popupElement(
  p: { number: string; category: string; state: string; place: string | null },
  more: string,
): { box: HTMLElement; place: HTMLElement; link: HTMLAnchorElement } {
  const box = document.createElement('div');
  box.dataset.testid = 'map-case-popup';
  const line = (text: string, tag = 'div') => {
    const e = document.createElement(tag);
    e.textContent = text;
    box.append(e);
    return e;
  };
  line(p.number, 'b');
  line(`${p.category} · ${p.state}`);
  const place = line(p.place ?? '…');
  place.dataset.testid = 'map-case-place';
  const link = line(more, 'a') as HTMLAnchorElement;
  link.href = '#';
  link.dataset.testid = 'map-case-open';
  return { box, place, link };
}
