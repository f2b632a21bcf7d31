/**
 * Points inside a grid's real shape (Polygon or MultiPolygon, holes honoured), for demo data
 * and benchmarks: an interior point (a stand-in for the centre that is always inside, unlike
 * the bounding box's middle for a concave or multi-part grid) and seeded rejection sampling.
 * Both are deterministic and use the same exact test as the point -> grid lookup
 * (`pointInPolygon`), so a point placed here is located in its grid.
 */
import type { Position } from 'geojson';
import { type GridGeometry, pointInPolygon } from './grid-index.js';

export type LngLat = { lng: number; lat: number };
type Box = [number, number, number, number];

function parts(geometry: GridGeometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function ringsBox(rings: readonly (readonly Position[])[]): Box {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of rings[0] ?? []) {
    if (p[0]! < b[0]) b[0] = p[0]!;
    if (p[1]! < b[1]) b[1] = p[1]!;
    if (p[0]! > b[2]) b[2] = p[0]!;
    if (p[1]! > b[3]) b[3] = p[1]!;
  }
  return b;
}

/** Unsigned shoelace area of the outer ring. */
function outerArea(rings: readonly (readonly Position[])[]): number {
  const ring = rings[0] ?? [];
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    a += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  }
  return Math.abs(a / 2);
}

/**
 * The middle of the widest inside span of a horizontal line through one part: scan lines at
 * several heights, every ring's crossings sorted (even-odd pairs are inside spans), keep the
 * widest span whose middle the exact test calls inside.
 */
function scanlinePoint(geometry: GridGeometry, rings: readonly (readonly Position[])[]): LngLat | null {
  const [, y0, , y1] = ringsBox(rings);
  let best: LngLat | null = null;
  let bestWidth = -1;
  for (const f of [0.5, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6, 0.1, 0.9]) {
    const y = y0 + (y1 - y0) * f;
    const xs: number[] = [];
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [ax, ay] = ring[j]! as [number, number];
        const [bx, by] = ring[i]! as [number, number];
        if (ay > y !== by > y) xs.push(ax + ((y - ay) * (bx - ax)) / (by - ay));
      }
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const width = xs[k + 1]! - xs[k]!;
      const p = { lng: (xs[k]! + xs[k + 1]!) / 2, lat: y };
      if (width > bestWidth && pointInPolygon(p.lng, p.lat, geometry) === 'inside') {
        best = p;
        bestWidth = width;
      }
    }
  }
  return best;
}

/**
 * A point strictly inside the geometry, on its largest part (by outer-ring area): the middle of
 * the widest inside span of a scan line. Null only for a degenerate geometry (no area).
 */
export function interiorPoint(geometry: GridGeometry): LngLat | null {
  const sorted = parts(geometry)
    .filter((rings) => (rings[0]?.length ?? 0) >= 3)
    .sort((a, b) => outerArea(b) - outerArea(a));
  for (const rings of sorted) {
    const p = scanlinePoint(geometry, rings);
    if (p) return p;
  }
  return null;
}

/** Precomputed per geometry: its parts' boxes, weighted by box area, and an interior fallback. */
export class ShapeSampler {
  private readonly boxes: Box[];
  private readonly cumulative: number[];
  readonly interior: LngLat | null;

  constructor(private readonly geometry: GridGeometry) {
    this.boxes = parts(geometry).map(ringsBox);
    let total = 0;
    this.cumulative = this.boxes.map(
      ([x0, y0, x1, y1]) => (total += Math.max(0, x1 - x0) * Math.max(0, y1 - y0)),
    );
    this.interior = interiorPoint(geometry);
  }

  /**
   * A point inside the shape drawn with `rand` (uniform over the shape, up to overlap of the
   * parts' boxes): rejection sampling in a part's box chosen by box area; after `tries` misses,
   * the interior point. Null only for a degenerate geometry.
   */
  sample(rand: () => number, tries = 64): LngLat | null {
    const total = this.cumulative[this.cumulative.length - 1] ?? 0;
    if (total > 0) {
      for (let t = 0; t < tries; t++) {
        const pick = rand() * total;
        const box =
          this.boxes[
            Math.max(
              0,
              this.cumulative.findIndex((c) => pick < c),
            )
          ]!;
        const lng = box[0] + rand() * (box[2] - box[0]);
        const lat = box[1] + rand() * (box[3] - box[1]);
        if (pointInPolygon(lng, lat, this.geometry) === 'inside') return { lng, lat };
      }
    }
    return this.interior;
  }
}
