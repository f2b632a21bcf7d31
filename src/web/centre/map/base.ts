import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { api } from '../../shared/api.js';
import { ok } from '../load.js';
import { crsOf } from './crs.js';

/**
 * The base map: the county's setting (GET /map/base — 天地图, 高德 GCJ-02 road tiles, a custom
 * template, or none). None by default — the county's machines may have no internet — and then
 * maps show the grid polygons on a plain background. GCJ-02 tiles switch the map's projection
 * (crs.ts) so that what is drawn in WGS-84 lands on their streets.
 */
export type BaseMap = {
  tiles: 'none' | 'tianditu' | 'amap' | 'custom';
  crs: 'wgs84' | 'gcj02';
  layers: { url: string; subdomains: string[]; attribution: string }[];
};

let base: Promise<BaseMap> | null = null;
let loaded: BaseMap | null = null;

/** The county's base map, fetched once per page (an administrator's change applies on reload). */
export function loadBase(): Promise<BaseMap> {
  base ??= ok(api.GET('/api/v1/map/base')).then(
    (b) => (loaded = b),
    () => (loaded = { tiles: 'none', crs: 'wgs84', layers: [] }),
  );
  return base;
}

/** Forget the base map (after the administrator changed it). */
export function reloadBase(): void {
  base = null;
  loaded = null;
}

/** Tieling county seat, used until there is something to fit. */
const HOME: L.LatLngExpression = [42.3, 123.84];

/** Leaflet's link without the flag it puts before it. */
const PREFIX =
  '<a href="https://leafletjs.com" title="A JavaScript library for interactive maps">Leaflet</a>';

function applyBase(map: L.Map, b: BaseMap): void {
  const crs = crsOf(b.crs);
  if (map.options.crs !== crs) {
    map.options.crs = crs;
    map.setView(map.getCenter(), map.getZoom(), { reset: true } as L.ZoomPanOptions);
  }
  for (const l of b.layers)
    L.tileLayer(l.url, { maxZoom: 18, subdomains: l.subdomains, attribution: l.attribution })
      .addTo(map)
      .bringToBack();
  map.getContainer().dataset.tiles = b.tiles;
  map.getContainer().dataset.crs = b.crs;
}

// Leaflet 1.9 ends a zoom animation by a 250 ms timer that remove() does not clear: a map left
// mid-animation (a page closed while it zooms) would then move its deleted panes and throw
// "reading '_leaflet_pos'". The timer's end does nothing for a removed map.
const mapProto = L.Map.prototype as unknown as { _onZoomTransitionEnd(): void; _mapPane?: HTMLElement };
const endZoom = mapProto._onZoomTransitionEnd;
mapProto._onZoomTransitionEnd = function (this: typeof mapProto) {
  if (this._mapPane) endZoom.call(this);
};

/**
 * A map on `el` with the county's base (or the one given: the public map brings its own).
 * Layers are added in WGS-84 as stored; the projection takes care of GCJ-02 tiles.
 */
export function createMap(el: HTMLElement, given?: BaseMap): L.Map {
  const now = given ?? loaded;
  const map = L.map(el, {
    preferCanvas: true,
    zoomSnap: 0.25,
    // the tiles' deepest level; the case clusters need a bound to split to
    maxZoom: 18,
    attributionControl: true,
    crs: crsOf(now?.crs ?? 'wgs84'),
  }).setView(HOME, 10);
  map.attributionControl.setPrefix(PREFIX);
  if (now) applyBase(map, now);
  else {
    // the map may be gone (its page closed) before the base arrives
    let gone = false;
    map.once('unload', () => (gone = true));
    void loadBase().then((b) => gone || applyBase(map, b));
  }
  return map;
}

export const WARNING_COLOURS: Record<string, string> = {
  overdue: '#a8071a',
  red: '#f5222d',
  yellow: '#faad14',
  none: '#1677ff',
};
export const CLOSED_COLOUR = '#8c8c8c';
