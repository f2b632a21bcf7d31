/**
 * Conversions between the coordinate systems used by Chinese web maps and
 * WGS-84, which is what Wangge stores (GeoJSON, [lng, lat]).
 *
 * - `wgs84`: GPS / international standard (EPSG:4326). Storage format.
 * - `gcj02`: the obfuscated "Mars" system mandated for maps published in
 *   mainland China (AMap/Gaode, Tencent, Google China tiles).
 * - `bd09`: Baidu's additional offset on top of GCJ-02.
 *
 * All conversions go through `gcoord`. Behaviour worth knowing (gcoord 1.0.7):
 *
 * - The GCJ-02 offset is only applied inside a rough *rectangle* around China
 *   (lng 72.004..137.8347, lat 0.8293..55.8271). Outside it WGS-84 <-> GCJ-02
 *   is the identity. The rectangle is coarse: it also covers e.g. Seoul, Hanoi,
 *   Ulaanbaatar and Manila, where the offset *is* applied even though those
 *   places are not in China, while Tokyo (lng > 137.83) is not shifted.
 * - BD-09 is not gated by that rectangle: WGS-84 -> BD-09 always applies
 *   Baidu's extra offset (roughly +0.0065 lng, +0.006 lat), even for Paris or
 *   New York (there it is GCJ identity followed by the Baidu offset).
 * - GCJ-02 -> WGS-84 is an iterative inverse that stops at 1e-6 degrees, so
 *   a round trip WGS-84 -> GCJ-02 -> WGS-84 is accurate to about 1e-6 degrees
 *   (~0.1 m), not to machine precision.
 * - gcoord throws on NaN but silently passes Infinity through; we reject every
 *   non-finite input with a RangeError instead.
 */
import gcoordModule from 'gcoord';

export type CoordSystem = 'wgs84' | 'gcj02' | 'bd09';

export const COORD_SYSTEMS: readonly CoordSystem[] = ['wgs84', 'gcj02', 'bd09'];

export interface LngLat {
  lng: number;
  lat: number;
}

type GcoordApi = typeof gcoordModule.default;

/**
 * gcoord is a CommonJS package whose typings declare `export default`. Under
 * NodeNext TypeScript therefore types the default import as the whole
 * `module.exports` object ({ default, ... }), while at runtime Node hands us
 * `module.exports` itself, which has `transform` directly. Accept both shapes.
 */
const gcoord: GcoordApi =
  'transform' in gcoordModule ? (gcoordModule as unknown as GcoordApi) : gcoordModule.default;

const CRS: Record<CoordSystem, GcoordApi['CRSTypes'][keyof GcoordApi['CRSTypes']]> = {
  wgs84: gcoord.WGS84,
  gcj02: gcoord.GCJ02,
  bd09: gcoord.BD09,
};

export function isCoordSystem(value: unknown): value is CoordSystem {
  return typeof value === 'string' && (COORD_SYSTEMS as readonly string[]).includes(value);
}

function convert(lng: number, lat: number, from: CoordSystem, to: CoordSystem): LngLat {
  if (!Number.isFinite(lng) || !Number.isFinite(lat)) {
    throw new RangeError(`Coordinate must be finite numbers, got [${lng}, ${lat}]`);
  }
  if (!isCoordSystem(from) || !isCoordSystem(to)) {
    throw new RangeError(`Unknown coordinate system: ${isCoordSystem(from) ? to : from}`);
  }
  if (from === to) return { lng, lat };
  const [outLng, outLat] = gcoord.transform<[number, number]>([lng, lat], CRS[from], CRS[to]);
  return { lng: outLng, lat: outLat };
}

/** Converts a point given in `system` to WGS-84. */
export function toWgs84(lng: number, lat: number, system: CoordSystem): LngLat {
  return convert(lng, lat, system, 'wgs84');
}

/** Converts a WGS-84 point to `system`. */
export function fromWgs84(lng: number, lat: number, system: CoordSystem): LngLat {
  return convert(lng, lat, 'wgs84', system);
}
