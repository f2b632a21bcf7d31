import area from '@turf/area';
import { feature, featureCollection } from '@turf/helpers';
import intersect from '@turf/intersect';
import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  EdgeSet,
  perimeterMetres,
  quickDisjoint,
  quickWithin,
  sliverArea,
  withoutRepeats,
} from './import-geometry.js';

const X = 123.8;
const Y = 42.2;
const U = 0.001;
const pt = ([x, y]: [number, number]): Position => [X + x * U, Y + y * U];
const poly = (...pts: [number, number][]): Polygon => ({
  type: 'Polygon',
  coordinates: [[...pts, pts[0]!].map(pt)],
});
const edges = (p: Polygon) => new EdgeSet(p);
const overlap = (a: Polygon, b: Polygon) => {
  const r = intersect(featureCollection([feature(a), feature(b)]));
  return r ? area(r) : 0;
};

describe('quickWithin / quickDisjoint', () => {
  const square = poly([0, 0], [4, 0], [4, 4], [0, 4]);

  it('proves the common shared-boundary cases', () => {
    const left = poly([0, 0], [2, 0], [2, 4], [0, 4]);
    const right = poly([4, 4], [2, 4], [2, 0], [4, 0]); // clockwise
    expect(quickDisjoint(edges(left), edges(right))).toBe(true);
    expect(quickWithin(edges(left), edges(square))).toBe(true);
    expect(quickWithin(edges(right), edges(square))).toBe(true);
    expect(quickWithin(edges(poly([1, 1], [2, 1], [2, 2])), edges(square))).toBe(true);
    expect(quickDisjoint(edges(poly([0, 0], [1, 0], [1, 1])), edges(poly([1, 1], [2, 1], [2, 2])))).toBe(
      true,
    );
  });

  it('never proves something false', () => {
    const left = poly([0, 0], [2, 0], [2, 4], [0, 4]);
    expect(quickDisjoint(edges(left), edges(left))).toBe(false);
    expect(quickDisjoint(edges(left), edges(poly([0, 4], [2, 4], [2, 0], [0, 0])))).toBe(false); // same, reversed
    expect(quickDisjoint(edges(square), edges(poly([0, 0], [4, 0], [4, 4])))).toBe(false); // inside, shares 2 edges
    expect(quickWithin(edges(poly([0, 0], [4, 0], [2, -1])), edges(square))).toBe(false); // outside, shares an edge
    // A pentagon and the triangle on three of its vertices: no shared edges, only diagonals.
    const pentagon = poly([0, 0], [4, 0], [5, 3], [2, 5], [-1, 3]);
    const triangle = poly([0, 0], [5, 3], [-1, 3]);
    expect(quickDisjoint(edges(pentagon), edges(triangle))).toBe(false);
    expect(quickWithin(edges(triangle), edges(pentagon))).toBe(true);
    expect(quickWithin(edges(pentagon), edges(triangle))).toBe(false);
  });

  it('agrees with area measurement on random lattice triangles and rectangles', () => {
    let seed = 12345;
    const rand = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    const rect = (x0: number, y0: number, x1: number, y1: number) =>
      poly([x0, y0], [x1, y0], [x1, y1], [x0, y1]);
    const shape = (): Polygon | null => {
      if (rand(2) === 0) {
        const [x0, y0] = [rand(4), rand(4)];
        return rect(x0, y0, x0 + 1 + rand(3), y0 + 1 + rand(3));
      }
      const p: [number, number][] = [
        [rand(5), rand(5)],
        [rand(5), rand(5)],
        [rand(5), rand(5)],
      ];
      const twice =
        (p[1]![0] - p[0]![0]) * (p[2]![1] - p[0]![1]) - (p[1]![1] - p[0]![1]) * (p[2]![0] - p[0]![0]);
      return twice === 0 ? null : poly(...p);
    };
    let provedDisjoint = 0;
    let provedWithin = 0;
    for (let k = 0; k < 1500; k++) {
      const a = shape();
      const b = shape();
      if (!a || !b) continue;
      const shared = overlap(a, b);
      const aArea = area(a);
      if (quickDisjoint(edges(a), edges(b))) {
        provedDisjoint++;
        expect(shared).toBeLessThan(1e-6);
      }
      if (quickWithin(edges(a), edges(b))) {
        provedWithin++;
        expect(aArea - shared).toBeLessThan(1e-3);
      }
    }
    // The shortcuts must also be useful, not just safe.
    expect(provedDisjoint).toBeGreaterThan(50);
    expect(provedWithin).toBeGreaterThan(20);
  });
});

describe('helpers', () => {
  it('drops repeated consecutive positions', () => {
    const p: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    };
    expect(withoutRepeats(p)).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    });
  });

  it('measures perimeters and sliver tolerances in metres', () => {
    // 0.001 x 0.001 degree square at 42.2 N: ~111 m north-south, ~82 m east-west.
    const p = poly([0, 0], [1, 0], [1, 1], [0, 1]);
    expect(perimeterMetres(p)).toBeGreaterThan(380);
    expect(perimeterMetres(p)).toBeLessThan(390);
    expect(sliverArea(1000)).toBeCloseTo(11.132, 2);
  });

  it('finds edges near a point', () => {
    const e = edges(poly([0, 0], [1, 0], [1, 1], [0, 1]));
    expect(e.size).toBe(4);
    expect(e.distanceWithin(X + 0.5 * U, Y - 5e-8, 1e-7)).toBeCloseTo(5e-8, 12);
    expect(e.distanceWithin(X + 0.5 * U, Y - 5e-7, 1e-7)).toBe(Infinity);
  });
});
