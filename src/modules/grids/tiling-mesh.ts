/**
 * Integer geometry for the synthetic tiling. All coordinates are integers in
 * micro-degrees (1e-6°), so splitting, vertex sharing and the final rounding to
 * 6 decimals are exact: every polygon is built from the same integer vertices as
 * its neighbours, parent and children.
 */
import { streamFor } from './tiling-prng.js';

/** Axis-aligned rectangle in micro-degrees, x0 < x1 (west → east), y0 < y1 (south → north). */
export interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export type Pt = readonly [x: number, y: number];

/**
 * Splits `rect` into `weights.length` rectangles whose areas are proportional to
 * the weights up to integer rounding (ordered binary-split treemap: the list is
 * cut in two at the split index and across the side that keep the parts closest
 * to square, recursively). Children keep input order (west→east / north→south)
 * so that consecutive codes are neighbours. `xScale` converts x units to y units
 * when comparing sides (cos(latitude) for degrees). The children tile `rect`
 * exactly; each gets at least 1 unit per side.
 */
export function splitRect(rect: Rect, weights: readonly number[], xScale = 1): Rect[] {
  const n = weights.length;
  if (weights.some((w) => !(w > 0 && Number.isFinite(w)))) throw new RangeError('weights must be positive');
  const prefix = [0];
  for (const w of weights) prefix.push((prefix[prefix.length - 1] ?? 0) + w);
  const at = (i: number): number => prefix[i] ?? 0;
  const out: Rect[] = [];
  const go = (r: Rect, lo: number, hi: number): void => {
    if (hi - lo === 1) {
      out[lo] = r;
      return;
    }
    const total = at(hi) - at(lo);
    const width = r.x1 - r.x0;
    const height = r.y1 - r.y0;
    if (Math.max(width, height) < hi - lo) throw new RangeError(`rectangle too small for ${hi - lo} parts`);
    // Candidate cuts: every split index, across either side. A part holding m items
    // costs max(1, aspect / m) (m items can be laid out along its long side); keep
    // the cut whose worse part is cheapest, then the cheaper sum, then the first.
    let best: { cost: number; sum: number; k: number; alongX: boolean; cut: number } | undefined;
    for (const alongX of [width * xScale >= height, width * xScale < height]) {
      const len = alongX ? width : height;
      const other = alongX ? height : width;
      for (let k = lo + 1; k < hi; k++) {
        const first = k - lo;
        const second = hi - k;
        if (len < first + second) continue;
        const cut = Math.min(len - second, Math.max(first, Math.round((len * (at(k) - at(lo))) / total)));
        const partCost = (size: number, m: number): number => {
          const [a, b] = alongX ? [size * xScale, other] : [other * xScale, size];
          return Math.max(1, Math.max(a, b) / Math.min(a, b) / m);
        };
        const c1 = partCost(cut, first);
        const c2 = partCost(len - cut, second);
        const cost = Math.max(c1, c2);
        const sum = c1 + c2;
        if (
          !best ||
          cost < best.cost - 1e-9 ||
          (Math.abs(cost - best.cost) <= 1e-9 && sum < best.sum - 1e-9)
        ) {
          best = { cost, sum, k, alongX, cut };
        }
      }
    }
    if (!best) throw new RangeError(`rectangle too small for ${hi - lo} parts`);
    const { k, alongX, cut } = best;
    if (alongX) {
      go({ x0: r.x0, y0: r.y0, x1: r.x0 + cut, y1: r.y1 }, lo, k);
      go({ x0: r.x0 + cut, y0: r.y0, x1: r.x1, y1: r.y1 }, k, hi);
    } else {
      go({ x0: r.x0, y0: r.y1 - cut, x1: r.x1, y1: r.y1 }, lo, k);
      go({ x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1 - cut }, k, hi);
    }
  };
  if (n > 0) go(rect, 0, n);
  return out;
}

function insertSorted(map: Map<number, number[]>, line: number, value: number): void {
  const list = map.get(line);
  if (list) list.push(value);
  else map.set(line, [value]);
}

/** Values v of the sorted array with lo <= v <= hi. */
function between(sorted: readonly number[], lo: number, hi: number): number[] {
  let a = 0;
  let b = sorted.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if ((sorted[m] ?? 0) < lo) a = m + 1;
    else b = m;
  }
  const out: number[] = [];
  for (let i = a; i < sorted.length && (sorted[i] ?? 0) <= hi; i++) out.push(sorted[i] ?? 0);
  return out;
}

function segmentKey(a: Pt, b: Pt): string {
  const [p, q] = a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]) ? [a, b] : [b, a];
  return `${p[0]},${p[1]},${q[0]},${q[1]}`;
}

export interface MeshOptions {
  readonly seed: number;
  /** Edge jitter in [0, 1] as a fraction of the safe maximum; 0 keeps straight edges. */
  readonly jitter: number;
}

/**
 * A conforming mesh over nested rectangles: `rects` are all rectangles of all
 * levels, `leaves` the finest ones, which must tile the outermost rectangle.
 * `ring(rect)` returns the rectangle's closed counter-clockwise ring with every
 * mesh vertex lying on its boundary inserted (no T-junctions), and each interior
 * elementary segment replaced by two segments through a displaced midpoint
 * (jitter). The midpoint of a segment is the same for every polygon that uses it,
 * so neighbours, parents and children share boundaries exactly. Displacement is
 * at most a quarter of the segment length and of the adjacent leaves' extent
 * across it, which keeps every polygon simple.
 */
export function buildMesh(
  rects: readonly Rect[],
  leaves: readonly Rect[],
  options: MeshOptions,
): (rect: Rect) => Pt[] {
  const vertical = new Map<number, number[]>(); // x → ys of vertices on that line
  const horizontal = new Map<number, number[]>(); // y → xs
  for (const r of rects) {
    for (const [x, y] of [
      [r.x0, r.y0],
      [r.x1, r.y0],
      [r.x1, r.y1],
      [r.x0, r.y1],
    ] as const) {
      insertSorted(vertical, x, y);
      insertSorted(horizontal, y, x);
    }
  }
  for (const map of [vertical, horizontal]) {
    for (const [line, list] of map)
      map.set(
        line,
        [...new Set(list)].sort((a, b) => a - b),
      );
  }

  const baseRing = (r: Rect): Pt[] => {
    const pts: Pt[] = [];
    for (const x of between(horizontal.get(r.y0) ?? [], r.x0, r.x1 - 1)) pts.push([x, r.y0]);
    for (const y of between(vertical.get(r.x1) ?? [], r.y0, r.y1 - 1)) pts.push([r.x1, y]);
    for (const x of between(horizontal.get(r.y1) ?? [], r.x0 + 1, r.x1).reverse()) pts.push([x, r.y1]);
    for (const y of between(vertical.get(r.x0) ?? [], r.y0 + 1, r.y1).reverse()) pts.push([r.x0, y]);
    return pts;
  };

  const midpoints = new Map<string, Pt>();
  if (options.jitter > 0) {
    const segments = new Map<string, { a: Pt; b: Pt; extents: number[] }>();
    for (const leaf of leaves) {
      const pts = baseRing(leaf);
      pts.forEach((a, i) => {
        const b = pts[(i + 1) % pts.length] ?? a;
        const key = segmentKey(a, b);
        const extent = a[1] === b[1] ? leaf.y1 - leaf.y0 : leaf.x1 - leaf.x0;
        const seg = segments.get(key);
        if (seg) seg.extents.push(extent);
        else segments.set(key, { a, b, extents: [extent] });
      });
    }
    for (const [key, { a, b, extents }] of segments) {
      if (extents.length !== 2) continue; // outer boundary stays straight
      const horizontalSeg = a[1] === b[1];
      const length = horizontalSeg ? Math.abs(b[0] - a[0]) : Math.abs(b[1] - a[1]);
      const max = Math.floor(0.25 * Math.min(length, ...extents) * Math.min(1, options.jitter));
      if (max < 1) continue;
      const rng = streamFor(options.seed, 'edge', key);
      const magnitude = Math.max(1, Math.round(max * (0.35 + 0.65 * rng())));
      const offset = rng() < 0.5 ? -magnitude : magnitude;
      midpoints.set(
        key,
        horizontalSeg
          ? [Math.floor((a[0] + b[0]) / 2), a[1] + offset]
          : [a[0] + offset, Math.floor((a[1] + b[1]) / 2)],
      );
    }
  }

  return (rect: Rect): Pt[] => {
    const pts = baseRing(rect);
    const ring: Pt[] = [];
    pts.forEach((a, i) => {
      ring.push(a);
      const mid = midpoints.get(segmentKey(a, pts[(i + 1) % pts.length] ?? a));
      if (mid) ring.push(mid);
    });
    if (pts[0]) ring.push(pts[0]);
    return ring;
  };
}
