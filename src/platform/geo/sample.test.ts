import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import { pointInPolygon } from './grid-index.js';
import { interiorPoint, ShapeSampler } from './sample.js';

function mulberry(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A "C": its box's middle (0.5, 0.5) lies in the notch, outside the shape.
const cShape: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [1, 0],
      [1, 0.2],
      [0.2, 0.2],
      [0.2, 0.8],
      [1, 0.8],
      [1, 1],
      [0, 1],
      [0, 0],
    ],
  ],
};
// Two islands far apart, the small one with a hole.
const islands: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [10, 10],
        [10.01, 10],
        [10.01, 10.01],
        [10, 10.01],
        [10, 10],
      ],
    ],
    [
      [
        [0, 0],
        [4, 0],
        [4, 4],
        [0, 4],
        [0, 0],
      ],
      [
        [1, 1],
        [3, 1],
        [3, 3],
        [1, 3],
        [1, 1],
      ],
    ],
  ],
};

describe('interiorPoint', () => {
  it('is inside a concave shape whose box centre is not', () => {
    expect(pointInPolygon(0.5, 0.5, cShape)).toBe('outside');
    const p = interiorPoint(cShape)!;
    expect(pointInPolygon(p.lng, p.lat, cShape)).toBe('inside');
  });
  it('is inside the largest part of a multipolygon, not in its hole', () => {
    const p = interiorPoint(islands)!;
    expect(pointInPolygon(p.lng, p.lat, islands)).toBe('inside');
    expect(p.lng).toBeLessThan(4);
  });
  it('is null for a degenerate shape', () => {
    expect(
      interiorPoint({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      }),
    ).toBeNull();
  });
});

describe('ShapeSampler', () => {
  it('draws every point inside, deterministically per seed', () => {
    for (const shape of [cShape, islands]) {
      const s = new ShapeSampler(shape);
      const a = mulberry(7);
      const pts = Array.from({ length: 500 }, () => s.sample(a)!);
      for (const p of pts) expect(pointInPolygon(p.lng, p.lat, shape)).toBe('inside');
      const b = mulberry(7);
      expect(Array.from({ length: 500 }, () => s.sample(b)!)).toEqual(pts);
    }
  });
  it('reaches both arms of the C and the ring around the hole', () => {
    const s = new ShapeSampler(cShape);
    const r = mulberry(1);
    const pts = Array.from({ length: 300 }, () => s.sample(r)!);
    expect(pts.some((p) => p.lat < 0.2 && p.lng > 0.5)).toBe(true);
    expect(pts.some((p) => p.lat > 0.8 && p.lng > 0.5)).toBe(true);
    const m = new ShapeSampler(islands);
    const q = Array.from({ length: 300 }, () => m.sample(r)!);
    expect(q.some((p) => p.lng > 3 && p.lng < 4)).toBe(true);
  });
  it('falls back to the interior point when the draws all miss', () => {
    const s = new ShapeSampler(cShape);
    expect(s.sample(() => 0.5, 3)).toEqual(interiorPoint(cShape));
  });
});
