/**
 * Point-to-grid lookup: which grid (网格) contains a WGS-84 point?
 *
 * A Flatbush R-tree over the bounding boxes of every polygon part narrows the
 * search to a few candidates, then an exact even-odd ray-casting test decides.
 *
 * Boundary rule: a point on a polygon's boundary (outer ring, hole ring,
 * vertex) counts as inside. When several grids contain a point -- a point on
 * an edge or vertex shared by neighbouring grids, or overlapping (invalid)
 * data -- `locate` returns the grid with the smallest code (plain string
 * order, which for equal-length digit codes is numeric order). So a point on
 * a shared edge always resolves to exactly one grid, the same one every time.
 *
 * Robustness: every edge is evaluated with its endpoints in a canonical order
 * (lower y first), so two grids sharing an edge (same vertices, any winding)
 * compute bit-identical orientation values for it. A point that is not
 * classified as "on" a shared edge is then inside exactly one of the two
 * grids, so points in the union of a proper tessellation are never lost to
 * rounding, not even on diagonal edges.
 */
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';

export type GridGeometry = Polygon | MultiPolygon;

export interface GridIndexInput {
  code: string;
  polygon: GridGeometry;
}

export type PointLocation = 'inside' | 'boundary' | 'outside';

const OUTSIDE = -1;
const BOUNDARY = 0;
const INSIDE = 1;

/**
 * Even-odd test of (px, py) against one ring. Returns INSIDE, BOUNDARY or
 * OUTSIDE. Works for closed (first == last) and unclosed rings alike.
 */
function ringLocation(px: number, py: number, ring: readonly Position[]): number {
  const n = ring.length;
  if (n === 0) return OUTSIDE;
  let inside = false;
  let prev = ring[n - 1]!;
  for (let i = 0; i < n; i++) {
    const cur = ring[i]!;
    const ax = prev[0]!;
    const ay = prev[1]!;
    const bx = cur[0]!;
    const by = cur[1]!;
    prev = cur;
    if (bx === px && by === py) return BOUNDARY;
    if (ay === by) {
      // Horizontal (or degenerate) edge: never crossed by a horizontal ray,
      // but the point may lie on it.
      if (ay === py && (ax <= px ? px <= bx : bx <= px)) return BOUNDARY;
      continue;
    }
    // Half-open rule: the edge spans py if exactly one endpoint is above it.
    if (ay > py !== by > py) {
      // Canonical order (lower endpoint first) => identical arithmetic for an
      // edge shared by two polygons, whatever their winding.
      const lx = ay < by ? ax : bx;
      const ly = ay < by ? ay : by;
      const hx = ay < by ? bx : ax;
      const hy = ay < by ? by : ay;
      const cross = (hx - lx) * (py - ly) - (hy - ly) * (px - lx);
      if (cross === 0) return BOUNDARY;
      // cross > 0: the point is left of the upward edge, i.e. the edge lies
      // to the right of the point and the ray towards +x crosses it.
      if (cross > 0) inside = !inside;
    }
  }
  return inside ? INSIDE : OUTSIDE;
}

/** Location of a point relative to one polygon (outer ring + holes). */
function polygonRingsLocation(px: number, py: number, rings: readonly (readonly Position[])[]): number {
  const outer = rings[0];
  if (!outer) return OUTSIDE;
  const loc = ringLocation(px, py, outer);
  if (loc !== INSIDE) return loc;
  for (let h = 1; h < rings.length; h++) {
    const holeLoc = ringLocation(px, py, rings[h]!);
    // On a hole's ring is on the polygon's boundary; strictly inside is outside.
    if (holeLoc === BOUNDARY) return BOUNDARY;
    if (holeLoc === INSIDE) return OUTSIDE;
  }
  return INSIDE;
}

/**
 * Exact point-in-polygon test for a Polygon or MultiPolygon (holes honoured).
 * Non-finite coordinates are always 'outside'.
 */
export function pointInPolygon(lng: number, lat: number, geometry: GridGeometry): PointLocation {
  if (!Number.isFinite(lng) || !Number.isFinite(lat)) return 'outside';
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best = OUTSIDE;
  for (const rings of polygons) {
    const loc = polygonRingsLocation(lng, lat, rings);
    if (loc === INSIDE) return 'inside';
    if (loc > best) best = loc;
  }
  return best === BOUNDARY ? 'boundary' : 'outside';
}

export class GridIndex {
  /** Grid codes in ascending order; a grid's position here is its rank. */
  private readonly codes: string[];
  /** Polygon parts (ring lists) in R-tree insertion order. */
  private readonly parts: Position[][][];
  /** For each part, the rank of the grid it belongs to. */
  private readonly partOwner: Uint32Array;
  private readonly tree: Flatbush | null;
  /**
   * Codes of grids left out of the index because their geometry has no
   * coordinates or a non-finite coordinate; they are never located. (Skipped
   * rather than thrown so one bad row cannot disable lookups for a county.)
   */
  readonly skipped: readonly string[];

  /**
   * Builds the index. Throws on duplicate codes. The input geometries are
   * referenced, not copied: do not mutate them afterwards.
   */
  constructor(grids: readonly GridIndexInput[]) {
    const sorted = grids.slice().sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    this.codes = [];
    this.parts = [];
    const skipped: string[] = [];
    const owners: number[] = [];
    const boxes: number[] = [];
    for (let k = 0; k < sorted.length; k++) {
      const { code, polygon } = sorted[k]!;
      if (k > 0 && sorted[k - 1]!.code === code) throw new Error(`GridIndex: duplicate grid code ${code}`);
      const rank = this.codes.length;
      // Defensive about runtime data (e.g. JSON from the database): unknown
      // geometry types simply yield no parts and the grid is skipped.
      const polygons =
        polygon?.type === 'Polygon'
          ? [polygon.coordinates]
          : polygon?.type === 'MultiPolygon'
            ? polygon.coordinates
            : [];
      const partBoxes: number[] = [];
      const partRings: Position[][][] = [];
      let finite = true;
      for (const rings of polygons) {
        if (!Array.isArray(rings) || !Array.isArray(rings[0]) || rings[0].length === 0) continue;
        let minX = Infinity;
        let minY = Infinity;
        let maxX = -Infinity;
        let maxY = -Infinity;
        for (const ring of rings) {
          for (const p of Array.isArray(ring) ? ring : [[Number.NaN, Number.NaN]]) {
            const x = p[0]!;
            const y = p[1]!;
            if (!Number.isFinite(x) || !Number.isFinite(y)) finite = false;
            if (x < minX) minX = x;
            if (x > maxX) maxX = x;
            if (y < minY) minY = y;
            if (y > maxY) maxY = y;
          }
        }
        partBoxes.push(minX, minY, maxX, maxY);
        partRings.push(rings);
      }
      if (!finite || partRings.length === 0) {
        skipped.push(code);
        continue;
      }
      this.codes.push(code);
      boxes.push(...partBoxes);
      for (const rings of partRings) {
        this.parts.push(rings);
        owners.push(rank);
      }
    }
    this.skipped = skipped;
    this.partOwner = Uint32Array.from(owners);
    if (this.parts.length === 0) {
      this.tree = null;
      return;
    }
    const tree = new Flatbush(this.parts.length, 16, Float64Array);
    for (let i = 0; i < boxes.length; i += 4) {
      tree.add(boxes[i]!, boxes[i + 1]!, boxes[i + 2]!, boxes[i + 3]!);
    }
    tree.finish();
    this.tree = tree;
  }

  /** Same as `new GridIndex(grids)`; single pass, O(n log n). */
  static build(grids: readonly GridIndexInput[]): GridIndex {
    return new GridIndex(grids);
  }

  /** Number of grids in the index (excluding `skipped`). */
  get size(): number {
    return this.codes.length;
  }

  /**
   * The code of the grid containing the point, or null. Boundary points count
   * as inside; ties go to the smallest code (see the module comment).
   */
  locate(lng: number, lat: number): string | null {
    const tree = this.tree;
    if (!tree || !Number.isFinite(lng) || !Number.isFinite(lat)) return null;
    let best = -1;
    // The filter does the exact test and always rejects, so Flatbush never
    // allocates a result list; we only keep the smallest matching rank.
    tree.search(lng, lat, lng, lat, (i) => {
      const owner = this.partOwner[i]!;
      if ((best === -1 || owner < best) && polygonRingsLocation(lng, lat, this.parts[i]!) !== OUTSIDE) {
        best = owner;
      }
      return false;
    });
    return best === -1 ? null : this.codes[best]!;
  }

  /** Codes of every grid containing the point (boundary inclusive), ascending. */
  locateAll(lng: number, lat: number): string[] {
    const tree = this.tree;
    if (!tree || !Number.isFinite(lng) || !Number.isFinite(lat)) return [];
    const ranks = new Set<number>();
    tree.search(lng, lat, lng, lat, (i) => {
      if (polygonRingsLocation(lng, lat, this.parts[i]!) !== OUTSIDE) ranks.add(this.partOwner[i]!);
      return false;
    });
    return [...ranks].sort((a, b) => a - b).map((rank) => this.codes[rank]!);
  }
}
