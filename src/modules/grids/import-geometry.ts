/**
 * Geometry helpers for grid import validation (import-validate.ts).
 *
 * `quickWithin` / `quickDisjoint` are exact-topology shortcuts for the common
 * case of grids digitised on a shared vertex set: they compare edges pairwise
 * (via a Flatbush index over edges) and answer `true` only when every contact
 * between the two boundaries is an identical edge or a shared vertex, and
 * sample points (edge midpoints) plus edge sides settle the rest. Anything
 * else returns `false` ("not proven"), and the caller falls back to measuring
 * areas with @turf/intersect, which is correct but much slower.
 */
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { pointInPolygon } from '../../platform/geo/grid-index.js';

export type Geometry = Polygon | MultiPolygon;

/** Tolerance for shared edges: ~1.1 cm. */
export const TOLERANCE_DEG = 1e-7;
const METRES_PER_DEGREE = 111_320;

export const polygonsOf = (g: Geometry): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

/** Area of a sliver `TOLERANCE_DEG` wide along a boundary of the given length. */
export const sliverArea = (perimeterMetres: number): number =>
  perimeterMetres * TOLERANCE_DEG * METRES_PER_DEGREE + 1e-6;

export const samePosition = (a: Position, b: Position): boolean => a[0] === b[0] && a[1] === b[1];

/** Drops consecutive duplicate positions (they make @turf/kinks report false kinks). */
export function withoutRepeats(g: Geometry): Geometry {
  const clean = (ring: Position[]) => ring.filter((p, i) => i === 0 || !samePosition(p, ring[i - 1]!));
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(clean) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((rings) => rings.map(clean)) };
}

/** Ground length of all rings in metres (equirectangular, fine at grid scale). */
export function perimeterMetres(g: Geometry): number {
  let total = 0;
  for (const ring of polygonsOf(g).flat()) {
    for (let i = 1; i < ring.length; i++) {
      const [ax, ay] = ring[i - 1]! as [number, number];
      const [bx, by] = ring[i]! as [number, number];
      const dx = (bx - ax) * Math.cos((((ay + by) / 2) * Math.PI) / 180);
      total += Math.hypot(dx, by - ay) * METRES_PER_DEGREE;
    }
  }
  return total;
}

const orient = (ax: number, ay: number, bx: number, by: number, px: number, py: number) =>
  (bx - ax) * (py - ay) - (by - ay) * (px - ax);

/** Distance in degrees from P to segment AB (planar). */
function pointSegmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** All non-degenerate edges of a geometry, indexed by bounding box. */
export class EdgeSet {
  /** ax, ay, bx, by per edge. */
  readonly xy: Float64Array;
  /** 1 if the geometry's interior lies to the left of A->B, else 0. */
  readonly interiorLeft: Uint8Array;
  readonly bbox: [number, number, number, number];
  private readonly tree: Flatbush | null;

  constructor(readonly geometry: Geometry) {
    const xy: number[] = [];
    const left: number[] = [];
    for (const rings of polygonsOf(geometry)) {
      rings.forEach((ring, r) => {
        let twiceArea = 0;
        for (let i = 1; i < ring.length; i++) {
          twiceArea += (ring[i - 1]![0]! * ring[i]![1]!) - (ring[i]![0]! * ring[i - 1]![1]!);
        }
        // Outer rings: interior on the left when counter-clockwise; holes: the reverse.
        const isLeft = r === 0 ? twiceArea > 0 : twiceArea < 0;
        for (let i = 1; i < ring.length; i++) {
          const a = ring[i - 1]!;
          const b = ring[i]!;
          if (samePosition(a, b)) continue;
          xy.push(a[0]!, a[1]!, b[0]!, b[1]!);
          left.push(isLeft ? 1 : 0);
        }
      });
    }
    this.xy = Float64Array.from(xy);
    this.interiorLeft = Uint8Array.from(left);
    const n = left.length;
    this.tree = n > 0 ? new Flatbush(n, 16, Float64Array) : null;
    const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let e = 0; e < n; e++) {
      const [ax, ay, bx, by] = this.edge(e);
      this.tree!.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
      box[0] = Math.min(box[0], ax, bx);
      box[1] = Math.min(box[1], ay, by);
      box[2] = Math.max(box[2], ax, bx);
      box[3] = Math.max(box[3], ay, by);
    }
    this.tree?.finish();
    this.bbox = box;
  }

  get size(): number {
    return this.interiorLeft.length;
  }

  edge(e: number): [number, number, number, number] {
    const o = e * 4;
    return [this.xy[o]!, this.xy[o + 1]!, this.xy[o + 2]!, this.xy[o + 3]!];
  }

  search(minX: number, minY: number, maxX: number, maxY: number): number[] {
    return this.tree ? this.tree.search(minX, minY, maxX, maxY) : [];
  }

  /** Distance in degrees from a point to the nearest edge, if within `limit`; else Infinity. */
  distanceWithin(px: number, py: number, limit: number): number {
    let best = Infinity;
    for (const e of this.search(px - limit, py - limit, px + limit, py + limit)) {
      best = Math.min(best, pointSegmentDistance(px, py, ...this.edge(e)));
    }
    return best <= limit ? best : Infinity;
  }
}

type Contact = 'none' | 'vertex' | 'same' | 'reversed' | 'other';

/** How two edges meet: not at all, only at a shared endpoint, as the same segment, or otherwise. */
function contact(p: [number, number, number, number], q: [number, number, number, number]): Contact {
  const [ax, ay, bx, by] = p;
  const [cx, cy, dx, dy] = q;
  if (ax === cx && ay === cy && bx === dx && by === dy) return 'same';
  if (ax === dx && ay === dy && bx === cx && by === cy) return 'reversed';
  const d1 = orient(cx, cy, dx, dy, ax, ay);
  const d2 = orient(cx, cy, dx, dy, bx, by);
  const d3 = orient(ax, ay, bx, by, cx, cy);
  const d4 = orient(ax, ay, bx, by, dx, dy);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return 'other';
  const within = (x: number, y: number, x0: number, y0: number, x1: number, y1: number) =>
    Math.min(x0, x1) <= x && x <= Math.max(x0, x1) && Math.min(y0, y1) <= y && y <= Math.max(y0, y1);
  const isEndOfBoth = (x: number, y: number) =>
    ((x === ax && y === ay) || (x === bx && y === by)) && ((x === cx && y === cy) || (x === dx && y === dy));
  const touches: [number, number][] = [];
  if (d1 === 0 && within(ax, ay, cx, cy, dx, dy)) touches.push([ax, ay]);
  if (d2 === 0 && within(bx, by, cx, cy, dx, dy)) touches.push([bx, by]);
  if (d3 === 0 && within(cx, cy, ax, ay, bx, by)) touches.push([cx, cy]);
  if (d4 === 0 && within(dx, dy, ax, ay, bx, by)) touches.push([dx, dy]);
  if (touches.length === 0) return 'none';
  return touches.every(([x, y]) => isEndOfBoth(x, y)) ? 'vertex' : 'other';
}

/**
 * Pairs up the edges of A and B. Returns null when some contact is not a
 * shared vertex or an identical edge; otherwise, for each identical edge,
 * whether both interiors lie on the same side of it, and which edges of A
 * (resp. B) are not shared with the other.
 */
function matchEdges(a: EdgeSet, b: EdgeSet): { sameSide: boolean[]; freeA: number[]; freeB: Set<number> } | null {
  const sameSide: boolean[] = [];
  const freeA: number[] = [];
  const sharedB = new Set<number>();
  for (let i = 0; i < a.size; i++) {
    const p = a.edge(i);
    let shared = false;
    for (const j of b.search(Math.min(p[0], p[2]), Math.min(p[1], p[3]), Math.max(p[0], p[2]), Math.max(p[1], p[3]))) {
      const c = contact(p, b.edge(j));
      if (c === 'other') return null;
      if (c === 'same' || c === 'reversed') {
        shared = true;
        sharedB.add(j);
        const sameLeft = a.interiorLeft[i] === b.interiorLeft[j];
        sameSide.push(c === 'same' ? sameLeft : !sameLeft);
      }
    }
    if (!shared) freeA.push(i);
  }
  const freeB = new Set<number>();
  const [x0, y0, x1, y1] = a.bbox;
  for (const j of b.search(x0, y0, x1, y1)) if (!sharedB.has(j)) freeB.add(j);
  return { sameSide, freeA, freeB };
}

/** Where the midpoint of edge `e` of `set` lies relative to the geometry of `other`. */
function midpointIn(set: EdgeSet, e: number, other: EdgeSet) {
  const [ax, ay, bx, by] = set.edge(e);
  const x = (ax + bx) / 2;
  const y = (ay + by) / 2;
  const [x0, y0, x1, y1] = other.bbox;
  return x < x0 || x > x1 || y < y0 || y > y1 ? 'outside' : pointInPolygon(x, y, other.geometry);
}

/**
 * True when G certainly lies within P (boundaries may share vertices and
 * edges). False means "not proven", not "outside".
 */
export function quickWithin(g: EdgeSet, p: EdgeSet): boolean {
  const m = matchEdges(g, p);
  if (!m || m.sameSide.some((same) => !same)) return false;
  if (!m.freeA.every((e) => midpointIn(g, e, p) === 'inside')) return false;
  for (const e of m.freeB) if (midpointIn(p, e, g) !== 'outside') return false;
  return true;
}

/** True when the interiors of A and B certainly do not overlap. False means "not proven". */
export function quickDisjoint(a: EdgeSet, b: EdgeSet): boolean {
  const m = matchEdges(a, b);
  if (!m || m.sameSide.some((same) => same)) return false;
  if (!m.freeA.every((e) => midpointIn(a, e, b) === 'outside')) return false;
  for (const e of m.freeB) if (midpointIn(b, e, a) !== 'outside') return false;
  return true;
}
