/**
 * Exact consistency checks for a CountyTiling, run on integer micro-degrees so
 * that "children tile their parent" can be verified without tolerance.
 * Overlap between siblings follows from (a) every child lies in its parent,
 * (b) child areas add up exactly to the parent's area and (c) no gap, which a
 * polygon-clipping check in the tests confirms independently.
 */
import type { Polygon, Position } from 'geojson';
import type { CountyTiling, TiledRegion } from './tiling.js';

const SCALE = 1e6;

type IntPt = readonly [number, number];

/** Signed planar area of a ring in square degrees (positive = counter-clockwise). */
export function ringArea(ring: readonly Position[]): number {
  let twice = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1 = 0, y1 = 0] = ring[i] ?? [];
    const [x2 = 0, y2 = 0] = ring[i + 1] ?? [];
    twice += x1 * y2 - x2 * y1;
  }
  return twice / 2;
}

function toInts(polygon: Polygon, origin: IntPt): IntPt[] | string {
  if (polygon.type !== 'Polygon' || polygon.coordinates.length !== 1) return 'not a single-ring Polygon';
  const ring = polygon.coordinates[0] ?? [];
  const out: IntPt[] = [];
  for (const [x = NaN, y = NaN] of ring) {
    const ix = Math.round(x * SCALE);
    const iy = Math.round(y * SCALE);
    if (ix / SCALE !== x || iy / SCALE !== y) return `coordinate ${x},${y} is not a 6-decimal number`;
    out.push([ix - origin[0], iy - origin[1]]);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (out.length < 4 || !first || !last || first[0] !== last[0] || first[1] !== last[1])
    return 'ring not closed';
  return out;
}

/** Twice the signed area, exact. */
function twiceArea(ring: readonly IntPt[]): bigint {
  let sum = 0n;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i] as IntPt;
    const b = ring[i + 1] as IntPt;
    sum += BigInt(a[0]) * BigInt(b[1]) - BigInt(b[0]) * BigInt(a[1]);
  }
  return sum;
}

/** True when p is inside the closed ring or on its boundary (exact, integer). */
export function insideOrOn(p: IntPt, ring: readonly IntPt[]): boolean {
  let inside = false;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i] as IntPt;
    const b = ring[i + 1] as IntPt;
    const cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
    if (
      cross === 0 &&
      p[0] >= Math.min(a[0], b[0]) &&
      p[0] <= Math.max(a[0], b[0]) &&
      p[1] >= Math.min(a[1], b[1]) &&
      p[1] <= Math.max(a[1], b[1])
    ) {
      return true;
    }
    if (a[1] > p[1] !== b[1] > p[1]) {
      // p is left of edge a→b (upward) or right of it (downward) → ray to +x crosses it
      if (b[1] > a[1] ? cross > 0 : cross < 0) inside = !inside;
    }
  }
  return inside;
}

/**
 * Returns a list of problems (empty when the tiling is consistent): every polygon
 * is a closed counter-clockwise single ring with exact 6-decimal coordinates and
 * positive area; at each level the children's areas add up exactly to the
 * parent's area and every child vertex lies inside or on the parent.
 */
export function checkTiling(tiling: CountyTiling): string[] {
  const problems: string[] = [];
  const firstPt = tiling.county.geometry.coordinates[0]?.[0] ?? [0, 0];
  const origin: IntPt = [Math.round((firstPt[0] ?? 0) * SCALE), Math.round((firstPt[1] ?? 0) * SCALE)];
  const all: TiledRegion[] = [tiling.county, ...tiling.townships, ...tiling.villages, ...tiling.grids];
  const rings = new Map<string, IntPt[]>();
  const areas = new Map<string, bigint>();
  for (const region of all) {
    if (rings.has(region.code)) problems.push(`${region.code}: duplicate code`);
    const ring = toInts(region.geometry, origin);
    if (typeof ring === 'string') {
      problems.push(`${region.code}: ${ring}`);
      continue;
    }
    const area = twiceArea(ring);
    if (area <= 0n) problems.push(`${region.code}: area ${area} not positive (or ring clockwise)`);
    rings.set(region.code, ring);
    areas.set(region.code, area);
  }
  const children = new Map<string, TiledRegion[]>();
  for (const region of all) {
    if (region.parentCode === null) continue;
    if (!rings.has(region.parentCode)) problems.push(`${region.code}: parent ${region.parentCode} missing`);
    const list = children.get(region.parentCode) ?? [];
    list.push(region);
    children.set(region.parentCode, list);
  }
  for (const [parentCode, kids] of children) {
    const parentRing = rings.get(parentCode);
    const parentArea = areas.get(parentCode);
    if (!parentRing || parentArea === undefined) continue;
    const sum = kids.reduce((s, k) => s + (areas.get(k.code) ?? 0n), 0n);
    if (sum !== parentArea) problems.push(`${parentCode}: children area ${sum} != parent area ${parentArea}`);
    for (const kid of kids) {
      const outside = (rings.get(kid.code) ?? []).find((p) => !insideOrOn(p, parentRing));
      if (outside) problems.push(`${kid.code}: vertex ${outside.join(',')} outside parent ${parentCode}`);
    }
  }
  return problems;
}
