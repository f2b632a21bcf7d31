import gcoord from 'gcoord';
import * as L from 'leaflet';

/**
 * Web Mercator over GCJ-02: for tiles drawn in GCJ-02 (高德 and other maps published in China).
 * Every layer keeps WGS-84 coordinates (as Wangge stores them); the projection shifts them to
 * GCJ-02 before Mercator, so grid polygons and case markers land on the tiles' streets, and a
 * click on the map unprojects back to WGS-84.
 */
const merc = L.Projection.SphericalMercator;

export const toGcj = (lng: number, lat: number): [number, number] =>
  gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
export const fromGcj = (lng: number, lat: number): [number, number] =>
  gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];

const gcjProjection: L.Projection = {
  project(ll: L.LatLng) {
    const [lng, lat] = toGcj(ll.lng, ll.lat);
    return merc.project(L.latLng(lat, lng));
  },
  unproject(p: L.Point) {
    const ll = merc.unproject(p);
    const [lng, lat] = fromGcj(ll.lng, ll.lat);
    return L.latLng(lat, lng);
  },
  bounds: merc.bounds,
};

export const GCJ02_CRS: L.CRS = L.Util.extend({}, L.CRS.EPSG3857, {
  code: 'GCJ02',
  projection: gcjProjection,
}) as L.CRS;

export function crsOf(crs: 'wgs84' | 'gcj02'): L.CRS {
  return crs === 'gcj02' ? GCJ02_CRS : L.CRS.EPSG3857;
}
