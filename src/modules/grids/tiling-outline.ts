/**
 * Tiles a county inside its real outline (a MultiPolygon) by recursive
 * bisection: the ordered list of children is split into two runs of about
 * equal weight, and the parent piece is cut by one axis-parallel line (along
 * its longer side) placed so that each side's area matches its run's weight.
 * The cut line is found by bisection on a cheap half-plane area (a
 * Sutherland–Hodgman clip, whose degenerate edges add no area even for a
 * non-convex piece); the two sides are then cut with @turf/intersect against
 * two boxes that share that line, so every piece lies in its parent, siblings
 * meet along the cut without overlap and together they cover the parent.
 * A piece whose cut crosses a bay of the outline may have several parts
 * (a MultiPolygon). Same input and options → identical output.
 */
import intersect from '@turf/intersect';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { CountyInput, CountyTiling, TiledLevel, TiledRegion, TilingOptions } from './tiling.js';
import { checkInput, gridCode, gridName, tilingWeights } from './tiling.js';
import type { UnitKind } from './tiling-allocate.js';

type Rings = Position[][];
/** A piece: the polygons (rings) of a MultiPolygon. */
type Piece = Rings[];

const SCALE = 1e6;

function pieceBox(piece: Piece): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of piece)
    for (const [x = 0, y = 0] of rings[0] ?? []) {
      w = Math.min(w, x);
      e = Math.max(e, x);
      s = Math.min(s, y);
      n = Math.max(n, y);
    }
  return [w, s, e, n];
}

/** Planar area (square degrees) of the part of a ring with coordinate `axis` below `c`. */
function ringAreaBelow(ring: readonly Position[], axis: 0 | 1, c: number): number {
  const other = axis === 0 ? 1 : 0;
  let twice = 0;
  let prev: Position | null = null;
  let first: Position | null = null;
  const emit = (p: Position): void => {
    if (prev) twice += (prev[0] ?? 0) * (p[1] ?? 0) - (p[0] ?? 0) * (prev[1] ?? 0);
    else first = p;
    prev = p;
  };
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i] as Position;
    const b = ring[i + 1] as Position;
    const ain = (a[axis] ?? 0) <= c;
    const bin = (b[axis] ?? 0) <= c;
    if (ain) emit(a);
    if (ain !== bin) {
      const t = (c - (a[axis] ?? 0)) / ((b[axis] ?? 0) - (a[axis] ?? 0));
      const o = (a[other] ?? 0) + t * ((b[other] ?? 0) - (a[other] ?? 0));
      emit(axis === 0 ? [c, o] : [o, c]);
    }
  }
  if (first) emit(first);
  return twice / 2;
}

function areaBelow(piece: Piece, axis: 0 | 1, c: number): number {
  let sum = 0;
  for (const rings of piece)
    rings.forEach((ring, i) => {
      const a = Math.abs(ringAreaBelow(ring, axis, c));
      sum += i === 0 ? a : -a;
    });
  return sum;
}

function pieceArea(piece: Piece): number {
  return areaBelow(piece, 0, Infinity);
}

function toFeature(piece: Piece): Feature<MultiPolygon> {
  return { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: piece } };
}

function clipBox(piece: Piece, box: readonly [number, number, number, number]): Piece {
  const [w, s, e, n] = box;
  const rect: Feature<Polygon> = {
    type: 'Feature',
    properties: {},
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [w, s],
          [e, s],
          [e, n],
          [w, n],
          [w, s],
        ],
      ],
    },
  };
  const out = intersect({ type: 'FeatureCollection', features: [toFeature(piece), rect] });
  if (!out) return [];
  return out.geometry.type === 'Polygon' ? [out.geometry.coordinates] : out.geometry.coordinates;
}

/** Index k (1..n-1) where the prefix weight is closest to half the total. */
function balancedSplit(weights: readonly number[]): number {
  const total = weights.reduce((s, w) => s + w, 0);
  let best = 1;
  let bestGap = Infinity;
  let prefix = 0;
  for (let k = 1; k < weights.length; k++) {
    prefix += weights[k - 1] ?? 0;
    const gap = Math.abs(prefix - total / 2);
    if (gap < bestGap) [best, bestGap] = [k, gap];
  }
  return best;
}

/** Cuts `piece` by a line across `axis` leaving `target` square degrees below it. */
function cutAt(
  piece: Piece,
  box: readonly [number, number, number, number],
  axis: 0 | 1,
  target: number,
): { lower: Piece; upper: Piece } {
  let lo = box[axis] as number;
  let hi = box[axis + 2] as number;
  for (let i = 0; i < 40 && hi - lo > 1e-7; i++) {
    const mid = (lo + hi) / 2;
    if (areaBelow(piece, axis, mid) < target) lo = mid;
    else hi = mid;
  }
  const c = Math.round(((lo + hi) / 2) * SCALE) / SCALE;
  const [w, s, e, n] = [box[0] - 1, box[1] - 1, box[2] + 1, box[3] + 1];
  return {
    lower: clipBox(piece, axis === 0 ? [w, s, c, n] : [w, s, e, c]),
    upper: clipBox(piece, axis === 0 ? [c, s, e, n] : [w, c, e, n]),
  };
}

/** Cuts `piece` into one piece per weight (in order), areas proportional to the weights. */
export function bisectPiece(piece: Piece, weights: readonly number[], xScale: number): Piece[] {
  if (weights.length === 0) return [];
  if (weights.length === 1) return [piece];
  const k = balancedSplit(weights);
  const left = weights.slice(0, k);
  const right = weights.slice(k);
  const total = weights.reduce((s, w) => s + w, 0);
  const share = left.reduce((s, w) => s + w, 0) / total;
  const box = pieceBox(piece);
  const longer: 0 | 1 = (box[2] - box[0]) * xScale >= box[3] - box[1] ? 0 : 1;
  const target = pieceArea(piece) * share;
  // Prefer the longer side; take the other axis when it leaves fewer disjoint parts.
  let best: { lower: Piece; upper: Piece } | null = null;
  for (const axis of [longer, longer === 0 ? 1 : 0] as const) {
    const cut = cutAt(piece, box, axis, target);
    if (!best || cut.lower.length + cut.upper.length < best.lower.length + best.upper.length) best = cut;
    if (best.lower.length === 1 && best.upper.length === 1) break;
  }
  const { lower, upper } = best as { lower: Piece; upper: Piece };
  return [...bisectPiece(lower, left, xScale), ...bisectPiece(upper, right, xScale)];
}

function geometryOf(piece: Piece): Polygon | MultiPolygon {
  if (piece.length === 1) return { type: 'Polygon', coordinates: piece[0] as Rings };
  return { type: 'MultiPolygon', coordinates: piece };
}

export type OutlineTiledRegion = Omit<TiledRegion, 'geometry'> & {
  readonly geometry: Polygon | MultiPolygon;
};

export interface OutlineTiling extends Omit<CountyTiling, 'county' | 'townships' | 'villages' | 'grids'> {
  readonly county: OutlineTiledRegion;
  readonly townships: readonly OutlineTiledRegion[];
  readonly villages: readonly OutlineTiledRegion[];
  readonly grids: readonly OutlineTiledRegion[];
}

/** Tiles `county` (its bbox is ignored) inside `outline`, with the weights of tileCounty. */
export function tileCountyInOutline(
  county: CountyInput,
  outline: Polygon | MultiPolygon,
  options: TilingOptions = {},
): OutlineTiling {
  checkInput(county);
  const whole: Piece = outline.type === 'Polygon' ? [outline.coordinates] : outline.coordinates;
  const box = pieceBox(whole);
  const xScale = Math.cos((((box[1] + box[3]) / 2) * Math.PI) / 180);
  const { villageWeight, townshipWeight, gridWeight } = tilingWeights(options);
  const region = (
    level: TiledLevel,
    code: string,
    name: string,
    parentCode: string,
    kind: UnitKind | null,
    piece: Piece,
  ): OutlineTiledRegion => ({ code, name, parentCode, level, kind, geometry: geometryOf(piece) });
  const townships: OutlineTiledRegion[] = [];
  const villages: OutlineTiledRegion[] = [];
  const grids: OutlineTiledRegion[] = [];
  const tPieces = bisectPiece(whole, county.townships.map(townshipWeight), xScale);
  county.townships.forEach((t, ti) => {
    const tPiece = tPieces[ti] as Piece;
    townships.push(region('township', t.code, t.name, county.code, null, tPiece));
    const vPieces = bisectPiece(tPiece, t.villages.map(villageWeight), xScale);
    t.villages.forEach((v, vi) => {
      const vPiece = vPieces[vi] as Piece;
      villages.push(region('village', v.code, v.name, t.code, v.kind, vPiece));
      const weights = Array.from({ length: v.gridCount }, (_, i) => gridWeight(v.code, i));
      bisectPiece(vPiece, weights, xScale).forEach((g, gi) => {
        grids.push(region('grid', gridCode(v.code, gi + 1), gridName(v.name, gi + 1), v.code, v.kind, g));
      });
    });
  });
  return {
    county: {
      code: county.code,
      name: county.name,
      parentCode: null,
      level: 'county',
      kind: null,
      geometry: outline,
    },
    townships,
    villages,
    grids,
  };
}
