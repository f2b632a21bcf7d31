import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';

/**
 * The base map. Tiles come from a URL template kept in localStorage
 * (`wangge.tiles`, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png or a
 * Tianditu template); empty by default — the county's machines may have no
 * internet — in which case maps show the grid polygons on a plain background.
 */
export const TILES_KEY = 'wangge.tiles';
export const DEFAULT_TILES = '';

export function tileTemplate(): string {
  return localStorage.getItem(TILES_KEY) ?? DEFAULT_TILES;
}

/** Tieling county seat, used until there is something to fit. */
const HOME: L.LatLngExpression = [42.3, 123.84];

export function createMap(el: HTMLElement): L.Map {
  const map = L.map(el, { preferCanvas: true, zoomSnap: 0.25, attributionControl: true }).setView(HOME, 10);
  const tiles = tileTemplate().trim();
  if (tiles)
    L.tileLayer(tiles, {
      maxZoom: 19,
      subdomains: ['0', '1', '2', '3', '4', '5', '6', '7'],
      attribution: '',
    }).addTo(map);
  return map;
}

export const WARNING_COLOURS: Record<string, string> = {
  overdue: '#a8071a',
  red: '#f5222d',
  yellow: '#faad14',
  none: '#1677ff',
};
export const CLOSED_COLOUR = '#8c8c8c';
