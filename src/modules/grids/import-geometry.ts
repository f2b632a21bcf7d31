/**
 * Geometry helpers for grid import validation (import-validate.ts).
 *
 * `quickWithin` / `quickDisjoint` are exact-topology shortcuts for the common
 * case of grids digitised on shared boundaries: every edge is cut at each
 * contact with the other boundary (shared vertices, T-junctions, collinear
 * runs; edges found through a Flatbush index). Pieces running along the other
 * boundary must have the interiors on the expected sides; every other piece
 * meets the other boundary nowhere, so its midpoint decides whether it runs
 * inside or outside. A proper crossing, or any doubt, returns `false` ("not
 * proven") and the caller measures areas with @turf/intersect instead, which
 * is correct but far slower.
 */
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { pointInPolygon } from '../../platform/geo/grid-index.js';

export type Geometry = Polygon | MultiPolygon;

/** Tolerance for shared edges: ~1.1 cm. */
export const TOLERANCE_DEG = 1e-7;
const METRES_PER_DEGREE = 111_320;

export const polygonsOf = (g: Geometry): Position[][][] =>
  g.type === 'Polygon' ? [g.coordinates] : g.coordinates;

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
function pointSegmentDistance(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
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
          twiceArea += ring[i - 1]![0]! * ring[i]![1]! - ring[i]![0]! * ring[i - 1]![1]!;
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

  edge(e: number): Segment {
    const o = e * 4;
    return [this.xy[o]!, this.xy[o + 1]!, this.xy[o + 2]!, this.xy[o + 3]!];
  }

  /** Ids of the edges whose bounding boxes meet the given box. */
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

/** Relative tolerance for "on the line" tests (1e-12 x segment length, ~0.1 µm at grid scale). */
const EPS = 1e-12;

type Segment = [number, number, number, number];
/** A contact of segment Q with segment P, as parameters along P (0 = start, 1 = end). */
type Contact = 'cross' | { cuts: number[]; along?: { from: number; to: number; sameDirection: boolean } };

function contact(p: Segment, q: Segment): Contact {
  const [ax, ay, bx, by] = p;
  const [cx, cy, dx, dy] = q;
  const ex = bx - ax;
  const ey = by - ay;
  const fx = dx - cx;
  const fy = dy - cy;
  const lenP = Math.hypot(ex, ey);
  const lenQ = Math.hypot(fx, fy);
  const tol = EPS * Math.max(lenP, lenQ);
  // Signs of the distances of each endpoint from the other segment's line, snapped to 0 within tol.
  const side = (v: number) => (Math.abs(v) <= tol ? 0 : Math.sign(v));
  const sc = side(orient(ax, ay, bx, by, cx, cy) / lenP);
  const sd = side(orient(ax, ay, bx, by, dx, dy) / lenP);
  const sa = side(orient(cx, cy, dx, dy, ax, ay) / lenQ);
  const sb = side(orient(cx, cy, dx, dy, bx, by) / lenQ);
  if (sc * sd < 0 && sa * sb < 0) return 'cross';
  const param = (x: number, y: number) => ((x - ax) * ex + (y - ay) * ey) / (lenP * lenP);
  const tc = param(cx, cy);
  const td = param(dx, dy);
  const onP = (t: number) => t > -EPS && t < 1 + EPS;
  const cuts: number[] = [];
  if (sc === 0 && onP(tc)) cuts.push(tc);
  if (sd === 0 && onP(td)) cuts.push(td);
  if (sc !== 0 || sd !== 0) return { cuts };
  const from = Math.max(0, Math.min(tc, td));
  const to = Math.min(1, Math.max(tc, td));
  return to - from > EPS ? { cuts, along: { from, to, sameDirection: tc < td } } : { cuts };
}

/** Where a point lies relative to the geometry of `other` (bounding box first). */
function locateIn(x: number, y: number, other: EdgeSet) {
  const [x0, y0, x1, y1] = other.bbox;
  return x < x0 || x > x1 || y < y0 || y > y1 ? 'outside' : pointInPolygon(x, y, other.geometry);
}

/**
 * Cuts each edge of A (only those near B when `nearOnly`) at every contact
 * with B's boundary. Pieces lying along an edge of B report whether both
 * interiors are on the same side of it; the others ("free" pieces) meet B's
 * boundary nowhere, so their midpoints tell whether they run inside or
 * outside B. Returns null when two edges cross properly.
 */
function pieces(
  a: EdgeSet,
  b: EdgeSet,
  nearOnly: boolean,
): { sameSide: boolean[]; free: [number, number][] } | null {
  const sameSide: boolean[] = [];
  const free: [number, number][] = [];
  const edgeIds = nearOnly ? a.search(...b.bbox) : Array.from({ length: a.size }, (_, i) => i);
  for (const i of edgeIds) {
    const p = a.edge(i);
    const [ax, ay, bx, by] = p;
    const cuts = [0, 1];
    const along: { from: number; to: number; same: boolean }[] = [];
    for (const j of b.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by))) {
      const c = contact(p, b.edge(j));
      if (c === 'cross') return null;
      cuts.push(...c.cuts);
      if (c.along) {
        const sameLeft = a.interiorLeft[i] === b.interiorLeft[j];
        along.push({ from: c.along.from, to: c.along.to, same: sameLeft === c.along.sameDirection });
      }
    }
    cuts.sort((x, y) => x - y);
    for (let k = 1; k < cuts.length; k++) {
      const t0 = Math.max(0, cuts[k - 1]!);
      const t1 = Math.min(1, cuts[k]!);
      if (t1 - t0 <= EPS) continue;
      const t = (t0 + t1) / 2;
      const shared = along.find((s) => s.from <= t && t <= s.to);
      if (shared) sameSide.push(shared.same);
      else free.push([ax + (bx - ax) * t, ay + (by - ay) * t]);
    }
  }
  return { sameSide, free };
}

/**
 * True when G certainly lies within P (boundaries may share vertices and
 * edges). False means "not proven", not "outside".
 */
export function quickWithin(g: EdgeSet, p: EdgeSet): boolean {
  const own = pieces(g, p, false);
  if (!own || own.sameSide.includes(false)) return false;
  if (!own.free.every(([x, y]) => locateIn(x, y, p) === 'inside')) return false;
  const other = pieces(p, g, true);
  return (
    !!other &&
    !other.sameSide.includes(false) &&
    other.free.every(([x, y]) => locateIn(x, y, g) === 'outside')
  );
}

/** True when the interiors of A and B certainly do not overlap. False means "not proven". */
export function quickDisjoint(a: EdgeSet, b: EdgeSet): boolean {
  const own = pieces(a, b, true);
  if (!own || own.sameSide.includes(true)) return false;
  if (!own.free.every(([x, y]) => locateIn(x, y, b) === 'outside')) return false;
  const other = pieces(b, a, true);
  return (
    !!other && !other.sameSide.includes(true) && other.free.every(([x, y]) => locateIn(x, y, a) === 'outside')
  );
}
