import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { GridIndex, pointInPolygon, type GridIndexInput } from './grid-index.js';

const V = '211221101001'; // village code prefix
const code = (n: number) => `${V}${String(n).padStart(3, '0')}`;

function rect(x0: number, y0: number, x1: number, y1: number): Position[] {
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ];
}
const poly = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });

/**
 * Layout (unit = 0.01 degree, origin 123.80, 42.20):
 *
 *   y=2 +-----+-----+        001: [0,1]x[0,1]          002: [1,2]x[0,1]
 *       | 003 | 004 |        003: [0,1]x[1,2]          004: [1,2]x[1,2] (clockwise)
 *   y=1 +-----+-----+        005: [3,6]x[0,3] with hole [4,5]x[1,2]
 *       | 001 | 002 |        006: island filling that hole
 *   y=0 +-----+-----+        007: multipolygon [8,9]x[0,1] + [8,9]x[2,3]
 */
const X = 123.8;
const Y = 42.2;
const U = 0.01;
const at = (x: number, y: number): [number, number] => [X + x * U, Y + y * U];
const cell = (x0: number, y0: number, x1: number, y1: number) => {
  const [a, b] = at(x0, y0);
  const [c, d] = at(x1, y1);
  return rect(a, b, c, d);
};

const grids: GridIndexInput[] = [
  { code: code(4), polygon: poly(cell(1, 1, 2, 2).reverse()) },
  { code: code(2), polygon: poly(cell(1, 0, 2, 1)) },
  { code: code(1), polygon: poly(cell(0, 0, 1, 1)) },
  { code: code(3), polygon: poly(cell(0, 1, 1, 2)) },
  { code: code(5), polygon: poly(cell(3, 0, 6, 3), cell(4, 1, 5, 2).reverse()) },
  { code: code(6), polygon: poly(cell(4, 1, 5, 2)) },
  {
    code: code(7),
    polygon: {
      type: 'MultiPolygon',
      coordinates: [[cell(8, 0, 9, 1)], [cell(8, 2, 9, 3)]],
    } satisfies MultiPolygon,
  },
];

describe('pointInPolygon', () => {
  const square = poly(rect(0, 0, 10, 10), rect(4, 4, 6, 6));
  it('classifies interior, hole, boundary and exterior points', () => {
    expect(pointInPolygon(1, 1, square)).toBe('inside');
    expect(pointInPolygon(5, 5, square)).toBe('outside'); // in the hole
    expect(pointInPolygon(4, 5, square)).toBe('boundary'); // on the hole ring
    expect(pointInPolygon(0, 5, square)).toBe('boundary'); // on a vertical edge
    expect(pointInPolygon(5, 10, square)).toBe('boundary'); // on a horizontal edge
    expect(pointInPolygon(10, 10, square)).toBe('boundary'); // vertex
    expect(pointInPolygon(11, 5, square)).toBe('outside');
    expect(pointInPolygon(-1, 0, square)).toBe('outside'); // collinear with an edge
    expect(pointInPolygon(Number.NaN, 5, square)).toBe('outside');
  });

  it('handles unclosed rings, concave shapes and ray-through-vertex cases', () => {
    const arrow = poly([
      [0, 0],
      [4, 2],
      [0, 4],
      [2, 2],
    ]); // concave, unclosed
    expect(pointInPolygon(1, 2, arrow)).toBe('outside'); // in the notch
    expect(pointInPolygon(3, 2, arrow)).toBe('inside'); // ray passes through vertex (4,2)
    expect(pointInPolygon(2, 2, arrow)).toBe('boundary'); // reflex vertex
    expect(pointInPolygon(-1, 2, arrow)).toBe('outside'); // ray through two vertices
    expect(pointInPolygon(1, 1, arrow)).toBe('boundary'); // on the diagonal edge y = x
    expect(pointInPolygon(2, 1.5, arrow)).toBe('inside');
  });
});

describe('GridIndex', () => {
  const index = GridIndex.build(grids);

  it('reports its size and locates interior points', () => {
    expect(index.size).toBe(7);
    expect(index.locate(...at(0.5, 0.5))).toBe(code(1));
    expect(index.locate(...at(1.5, 0.5))).toBe(code(2));
    expect(index.locate(...at(0.5, 1.5))).toBe(code(3));
    expect(index.locate(...at(1.5, 1.5))).toBe(code(4));
  });

  it('handles holes and islands', () => {
    expect(index.locate(...at(3.5, 0.5))).toBe(code(5));
    expect(index.locate(...at(4.5, 1.5))).toBe(code(6)); // island inside the hole
    // On the hole ring: boundary of both 005 and 006 -> smallest code.
    expect(index.locateAll(...at(4, 1.5))).toEqual([code(5), code(6)]);
    expect(index.locate(...at(4, 1.5))).toBe(code(5));
  });

  it('handles multipolygons', () => {
    expect(index.locate(...at(8.5, 0.5))).toBe(code(7));
    expect(index.locate(...at(8.5, 2.5))).toBe(code(7));
    expect(index.locate(...at(8.5, 1.5))).toBeNull(); // between the parts
  });

  it('resolves shared edges and vertices to the smallest code', () => {
    const [ex, ey] = at(1, 0.5); // edge 001|002
    expect(index.locateAll(ex, ey)).toEqual([code(1), code(2)]);
    expect(index.locate(ex, ey)).toBe(code(1));
    expect(index.locate(...at(1.5, 1))).toBe(code(2)); // edge 002|004
    expect(index.locate(...at(1, 1.5))).toBe(code(3)); // edge 003|004
    const [vx, vy] = at(1, 1); // vertex shared by all four
    expect(index.locateAll(vx, vy)).toEqual([code(1), code(2), code(3), code(4)]);
    expect(index.locate(vx, vy)).toBe(code(1));
    expect(index.locate(...at(2, 2))).toBe(code(4)); // outer corner
  });

  it('returns null outside every grid and for non-finite input', () => {
    expect(index.locate(...at(2.5, 0.5))).toBeNull();
    expect(index.locate(...at(-0.001, 0.5))).toBeNull();
    expect(index.locate(0, 0)).toBeNull();
    expect(index.locate(Number.NaN, Y)).toBeNull();
    expect(new GridIndex([]).locate(X, Y)).toBeNull();
    expect(new GridIndex([]).size).toBe(0);
  });

  it('rejects duplicate codes and skips unusable geometries', () => {
    expect(() => GridIndex.build([grids[0]!, grids[0]!])).toThrow(/duplicate/);
    const partial = GridIndex.build([
      { code: code(8), polygon: poly(rect(0, 0, Number.NaN, 1)) },
      { code: code(9), polygon: poly() },
      { code: code(10), polygon: { type: 'MultiPolygon', coordinates: [] } },
      { code: code(11), polygon: poly(rect(0, 0, 1, 1)) },
      { code: code(12), polygon: null as never },
      { code: code(13), polygon: { type: 'Polygon', coordinates: [[[0, 0], 'x', [1, 1], [0, 0]]] } as never },
    ]);
    expect(partial.skipped).toEqual([code(8), code(9), code(10), code(12), code(13)]);
    expect(partial.size).toBe(1);
    expect(partial.locate(0.5, 0.5)).toBe(code(11));
  });
});

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Independent check for convex quads: inside or on every edge (cross >= 0, CCW). */
function inConvex(px: number, py: number, q: Position[]): boolean {
  for (let i = 0; i < 4; i++) {
    const [ax, ay] = q[i]!;
    const [bx, by] = q[i + 1]!;
    if ((bx! - ax!) * (py - ay!) - (by! - ay!) * (px - ax!) < 0) return false;
  }
  return true;
}

describe('GridIndex randomized', () => {
  // A jittered lattice: N x N convex quads sharing edges exactly, codes shuffled.
  const N = 20;
  const rand = rng(42);
  const lattice: [number, number][][] = [];
  for (let i = 0; i <= N; i++) {
    lattice.push([]);
    for (let j = 0; j <= N; j++) {
      const inner = i > 0 && i < N && j > 0 && j < N;
      const jx = inner ? (rand() - 0.5) * 0.3 : 0;
      const jy = inner ? (rand() - 0.5) * 0.3 : 0;
      lattice[i]!.push([X + (i + jx) * U, Y + (j + jy) * U]);
    }
  }
  const quads: { code: string; ring: Position[] }[] = [];
  const order = Array.from({ length: N * N }, (_, k) => k).sort(() => rand() - 0.5);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      const p = (a: number, b: number) => lattice[a]![b]!;
      const ring = [p(i, j), p(i + 1, j), p(i + 1, j + 1), p(i, j + 1), p(i, j)];
      quads.push({ code: `${V}${String(order[i * N + j]!).padStart(3, '0')}`, ring });
    }
  }
  // Half of the quads wound clockwise, as real data is inconsistent.
  const index = GridIndex.build(
    quads.map((q, k) => ({ code: q.code, polygon: poly(k % 2 ? q.ring.slice().reverse() : q.ring) })),
  );
  const brute = (px: number, py: number): string | null => {
    const hits = quads.filter((q) => inConvex(px, py, q.ring)).map((q) => q.code);
    return hits.length ? hits.sort()[0]! : null;
  };

  it('matches brute force on 2,000 random points (incl. outside)', () => {
    for (let k = 0; k < 2000; k++) {
      const px = X + (rand() * 1.2 - 0.1) * N * U;
      const py = Y + (rand() * 1.2 - 0.1) * N * U;
      expect(index.locate(px, py)).toBe(brute(px, py));
    }
  });

  it('matches brute force on every lattice vertex', () => {
    for (const row of lattice) for (const [px, py] of row) expect(index.locate(px, py)).toBe(brute(px, py));
  });

  it('never loses a point lying (numerically) on a shared diagonal edge', () => {
    for (let k = 0; k < 2000; k++) {
      const i = 1 + Math.floor(rand() * (N - 1));
      const j = Math.floor(rand() * N);
      const [ax, ay] = lattice[i]![j]!;
      const [bx, by] = lattice[i]![j + 1]!;
      const t = rand();
      const px = ax + (bx - ax) * t;
      const py = ay + (by - ay) * t;
      const found = index.locate(px, py);
      expect(found).not.toBeNull();
      expect(index.locate(px, py)).toBe(found); // deterministic
    }
  });

  it('builds 100,000 grids quickly', () => {
    const many: GridIndexInput[] = [];
    const side = 317; // ~100k cells of 0.001 degree
    for (let k = 0; k < 100_000; k++) {
      const x0 = X + (k % side) * 0.001;
      const y0 = Y + Math.floor(k / side) * 0.001;
      many.push({
        code: `${String(210000000000 + k).padStart(12, '0')}001`,
        polygon: poly(rect(x0, y0, x0 + 0.001, y0 + 0.001)),
      });
    }
    const t0 = performance.now();
    const big = GridIndex.build(many);
    const buildMs = performance.now() - t0;
    expect(big.size).toBe(100_000);
    const t1 = performance.now();
    for (let k = 0; k < 100_000; k++) big.locate(X + rand() * side * 0.001, Y + rand() * 315 * 0.001);
    const locateMs = performance.now() - t1;
    expect(big.locate(X + 0.0005, Y + 0.0005)).toBe('210000000000001');
    // Generous bounds for slow CI machines.
    expect(buildMs).toBeLessThan(3000);
    expect(locateMs).toBeLessThan(3000);
  });
});
