import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { parseCsv, parseGeoJson } from './import-parse.js';
import { validateGridImport, type ParentRegion } from './import-validate.js';

// Village 211221101001 covers [0,3]x[0,3] (unit 0.01 degree from 123.80, 42.20);
// village 211221101002 exists but has no boundary.
const X = 123.8;
const Y = 42.2;
const U = 0.01;
const pt = (x: number, y: number): Position => [X + x * U, Y + y * U];
const ring = (...xy: [number, number][]): Position[] => [...xy, xy[0]!].map(([x, y]) => pt(x, y));
const box = (x0: number, y0: number, x1: number, y1: number) => ring([x0, y0], [x1, y0], [x1, y1], [x0, y1]);
const poly = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });

const V1 = '211221101001';
const V2 = '211221101002';
const villages = new Map<string, ParentRegion>([
  [V1, { code: V1, polygon: poly(box(0, 0, 3, 3)) }],
  [V2, { code: V2, polygon: null }],
]);
const context = { parentOf: (code: string) => villages.get(code) };

interface G {
  code: string;
  name?: string;
  geometry: unknown;
}
const geojson = (...grids: G[]) =>
  JSON.stringify({
    type: 'FeatureCollection',
    features: grids.map((g) => ({
      type: 'Feature',
      properties: { code: g.code, name: g.name ?? `网格${g.code.slice(-3)}` },
      geometry: g.geometry,
    })),
  });
const validate = (text: string) => validateGridImport(parseGeoJson(text), context);
const problemsOf = (text: string) => validate(text).problems.map((p) => [p.code, p.where]);

describe('validateGridImport', () => {
  it('accepts a valid file; two grids sharing an edge pass', () => {
    const r = validate(
      geojson(
        { code: `${V1}001`, geometry: poly(box(0, 0, 1, 1)) },
        { code: `${V1}002`, geometry: poly(box(1, 0, 2, 1)) },
      ),
    );
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.items).toHaveLength(2);
  });

  it('accepts grids filling their village exactly, holes with islands and multipolygons', () => {
    const multi: MultiPolygon = { type: 'MultiPolygon', coordinates: [[box(2, 0, 3, 1)], [box(2, 2, 3, 3)]] };
    const r = validate(
      geojson(
        { code: `${V1}001`, geometry: poly(box(0, 0, 2, 3), box(0.5, 0.5, 1.5, 1.5)) },
        { code: `${V1}002`, geometry: poly(box(0.5, 0.5, 1.5, 1.5)) }, // island in the hole
        { code: `${V1}003`, geometry: multi },
        { code: `${V1}004`, geometry: poly(box(2, 1, 3, 2).reverse()) }, // clockwise
        { code: `${V2}001`, geometry: poly(box(10, 10, 11, 11)) }, // parent without boundary: not checked
      ),
    );
    expect(r.problems).toEqual([]);
  });

  it('accepts T-junctions and sub-centimetre disagreements on shared edges', () => {
    const e = 3e-8 / U; // 3e-8 degrees, below the 1e-7 tolerance
    const r = validate(
      geojson(
        // 001's right edge has an extra vertex at (1, 0.5) that 002 does not have.
        { code: `${V1}001`, geometry: poly(ring([0, 0], [1, 0], [1, 0.5], [1, 1], [0, 1])) },
        { code: `${V1}002`, geometry: poly(ring([1 + e, 0], [3, 0], [3, 1], [1 - e, 1])) }, // on the village edge x=3
        { code: `${V1}003`, geometry: poly(ring([0, 1], [3 + e, 1], [3 + e, 3 + e], [0 - e, 3])) }, // pokes out by 3e-8
      ),
    );
    expect(r.problems).toEqual([]);
  });

  it('INVALID_CODE', () => {
    expect(problemsOf(geojson({ code: '21122110100100', geometry: poly(box(0, 0, 1, 1)) }))).toEqual([
      ['INVALID_CODE', 'feature #1 (code 21122110100100)'],
    ]);
    expect(validate(geojson({ code: '', geometry: poly(box(0, 0, 1, 1)) })).problems[0]).toMatchObject({
      code: 'INVALID_CODE',
      where: 'feature #1',
    });
  });

  it('UNKNOWN_VILLAGE', () => {
    const r = validate(geojson({ code: '211221101999001', geometry: poly(box(0, 0, 1, 1)) }));
    expect(r.problems).toMatchObject([
      { code: 'UNKNOWN_VILLAGE', where: 'feature #1 (code 211221101999001)' },
    ]);
    expect(r.problems[0]!.message).toContain('211221101999');
    expect(r.problems[0]!.messageZh).toContain('211221101999');
  });

  it('DUPLICATE_CODE', () => {
    const r = validate(
      geojson(
        { code: `${V1}001`, geometry: poly(box(0, 0, 1, 1)) },
        { code: `${V1}001`, geometry: poly(box(1, 0, 2, 1)) },
      ),
    );
    expect(r.problems.map((p) => [p.code, p.where])).toEqual([
      ['DUPLICATE_CODE', `feature #2 (code ${V1}001)`],
    ]);
    expect(r.problems[0]!.message).toContain(`feature #1 (code ${V1}001)`);
    expect(r.ok).toBe(false);
  });

  it('MISSING_NAME', () => {
    expect(problemsOf(geojson({ code: `${V1}001`, name: '  ', geometry: poly(box(0, 0, 1, 1)) }))).toEqual([
      ['MISSING_NAME', `feature #1 (code ${V1}001)`],
    ]);
  });

  it('RING_NOT_CLOSED', () => {
    const open = box(0, 0, 1, 1).slice(0, 4);
    expect(problemsOf(geojson({ code: `${V1}001`, geometry: poly(open) }))).toEqual([
      ['RING_NOT_CLOSED', `feature #1 (code ${V1}001)`],
    ]);
  });

  it('TOO_FEW_POINTS', () => {
    const r = validate(
      geojson({ code: `${V1}001`, geometry: poly(box(0, 0, 2, 2), [pt(0.5, 0.5), pt(1, 1), pt(0.5, 0.5)]) }),
    );
    expect(r.problems).toMatchObject([
      { code: 'TOO_FEW_POINTS', message: expect.stringContaining('hole 1') },
    ]);
  });

  it('SELF_INTERSECTION (but not for repeated vertices)', () => {
    const bowtie = poly(ring([0, 0], [1, 1], [1, 0], [0, 1]));
    const r = validate(geojson({ code: `${V1}001`, geometry: bowtie }));
    expect(r.problems).toMatchObject([{ code: 'SELF_INTERSECTION', where: `feature #1 (code ${V1}001)` }]);
    const repeated = poly([pt(0, 0), pt(1, 0), pt(1, 0), pt(1, 1), pt(0, 1), pt(0, 0)]);
    expect(validate(geojson({ code: `${V1}001`, geometry: repeated })).problems).toEqual([]);
  });

  it('INVALID_COORDINATE', () => {
    const r = validate(
      geojson(
        {
          code: `${V1}001`,
          geometry: poly([
            [200, 42],
            [201, 42],
            [201, 43],
            [200, 42],
          ]),
        },
        { code: `${V1}002`, geometry: poly(box(0, 0, 1, 1).map(([lng, lat]) => [lat!, lng!])) },
        {
          code: `${V1}003`,
          geometry: poly([
            [123.8, 42.2],
            [123.81, 'x' as never],
            [123.81, 42.21],
            [123.8, 42.2],
          ]),
        },
      ),
    );
    expect(r.problems.map((p) => p.code)).toEqual([
      'INVALID_COORDINATE',
      'INVALID_COORDINATE',
      'INVALID_COORDINATE',
    ]);
    expect(r.problems[1]!.message).toContain('swapped');
  });

  it('EMPTY_GEOMETRY', () => {
    const flat = poly(ring([0, 0], [1, 0], [2, 0]));
    expect(problemsOf(geojson({ code: `${V1}001`, geometry: flat }))).toEqual([
      ['EMPTY_GEOMETRY', `feature #1 (code ${V1}001)`],
    ]);
    expect(
      problemsOf(geojson({ code: `${V1}001`, geometry: { type: 'MultiPolygon', coordinates: [] } })),
    ).toEqual([['EMPTY_GEOMETRY', `feature #1 (code ${V1}001)`]]);
  });

  it('OUTSIDE_PARENT', () => {
    const r = validate(
      geojson(
        { code: `${V1}001`, geometry: poly(box(2, 0, 4, 1)) }, // vertices outside
        { code: `${V1}002`, geometry: poly(box(0, 1, 2, 2)) }, // runs along part of the village edge: fine
      ),
    );
    expect(r.problems.map((p) => [p.code, p.where])).toEqual([
      ['OUTSIDE_PARENT', `feature #1 (code ${V1}001)`],
    ]);
    // All vertices on the boundary, but the top edge spans a notch cut into the village.
    const notched: ParentRegion = {
      code: V1,
      polygon: poly(ring([0, 0], [3, 0], [3, 3], [1, 3], [1, 2.5], [0.9, 3], [0, 3])),
    };
    const r2 = validateGridImport(
      parseGeoJson(geojson({ code: `${V1}002`, geometry: poly(box(0, 2, 2, 3)) })),
      {
        parentOf: () => notched,
      },
    );
    expect(r2.problems).toMatchObject([
      { code: 'OUTSIDE_PARENT', message: expect.stringMatching(/m² of the grid lies outside/) },
    ]);
  });

  it('OVERLAP (touching edges and vertices are not overlaps)', () => {
    const r = validate(
      geojson(
        { code: `${V1}001`, geometry: poly(box(0, 0, 1, 1)) },
        { code: `${V1}002`, geometry: poly(box(1, 1, 2, 2)) }, // touches 001 at a vertex
        { code: `${V1}003`, geometry: poly(box(0.5, 0.5, 1.5, 1)) }, // overlaps 001 and 002? only 001 (touches 002's edge y=1)
        { code: `${V1}004`, geometry: poly(box(1, 1, 2, 2)) }, // identical to 002
      ),
    );
    expect(r.problems.map((p) => [p.code, p.where])).toEqual([
      ['OVERLAP', `feature #3 (code ${V1}003)`],
      ['OVERLAP', `feature #4 (code ${V1}004)`],
    ]);
    expect(r.problems[0]!.message).toMatch(/overlaps feature #1 \(code 211221101001001\) by [\d.]+ m²/);
    expect(r.problems[1]!.messageZh).toContain(`第 2 个要素（编码 ${V1}002）`);
  });

  it('validates CSV items (no geometry) and carries parse problems over', () => {
    const r = validateGridImport(parseCsv(`code,name\n${V1}001,a\n${V1}001,b\n123,\n${V1}002\n`), context);
    expect(r.problems.map((p) => [p.code, p.where])).toEqual([
      ['MISSING_COLUMNS', 'line 5'],
      ['DUPLICATE_CODE', 'line 3'],
      ['INVALID_CODE', 'line 4'],
      ['MISSING_NAME', 'line 4'],
    ]);
    expect(r.ok).toBe(false);
    expect(validateGridImport(parseCsv(`code,name,kind\n${V1}001,a,rural\n`), context).ok).toBe(true);
  });

  it('gives bilingual messages', () => {
    const [p] = validate(geojson({ code: 'abc', geometry: poly(box(0, 0, 1, 1)) })).problems;
    expect(p).toMatchObject({ code: 'INVALID_CODE', whereZh: '第 1 个要素（编码 abc）' });
    expect(p!.message).toMatch(/15 digits/);
    expect(p!.messageZh).toMatch(/15 位数字/);
  });
});

describe('validateGridImport at county scale', () => {
  it('validates ~1,300 irregular grids sharing jagged edges quickly and without false problems', () => {
    // 36 x 36 cells on a jittered lattice; every cell edge has 3 extra jittered vertices,
    // shared exactly by both neighbours (as when grids are cut from one boundary layer).
    const N = 36;
    let seed = 7;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
    const S = 3 / N; // village is 3 x 3 units
    const corner: Position[][] = [];
    for (let i = 0; i <= N; i++) {
      corner.push([]);
      for (let j = 0; j <= N; j++) {
        const inner = i > 0 && i < N && j > 0 && j < N;
        corner[i]!.push(pt(i * S + (inner ? rand() * S * 0.3 : 0), j * S + (inner ? rand() * S * 0.3 : 0)));
      }
    }
    const edges = new Map<string, Position[]>();
    const edge = (a: [number, number], b: [number, number]): Position[] => {
      const key = `${a}|${b}`;
      const reverseKey = `${b}|${a}`;
      if (edges.has(reverseKey)) return edges.get(reverseKey)!.slice().reverse();
      const [p, q] = [corner[a[0]]![a[1]]!, corner[b[0]]![b[1]]!];
      const onBorder =
        (a[0] === b[0] && (a[0] === 0 || a[0] === N)) || (a[1] === b[1] && (a[1] === 0 || a[1] === N));
      const line: Position[] = [p];
      for (const t of [0.25, 0.5, 0.75]) {
        const w = onBorder ? 0 : rand() * S * U * 0.1; // degrees
        line.push([p[0]! + (q[0]! - p[0]!) * t + w, p[1]! + (q[1]! - p[1]!) * t - w]);
      }
      line.push(q);
      edges.set(key, line);
      return line;
    };
    const grids: G[] = [];
    for (let i = 0; i < N; i++) {
      for (let j = 0; j < N; j++) {
        const ringPositions = [
          ...edge([i, j], [i + 1, j]).slice(0, -1),
          ...edge([i + 1, j], [i + 1, j + 1]).slice(0, -1),
          ...edge([i + 1, j + 1], [i, j + 1]).slice(0, -1),
          ...edge([i, j + 1], [i, j]).slice(0, -1),
        ];
        ringPositions.push(ringPositions[0]!);
        // 1,296 grids overflow a 3-digit sequence: spread them over villages ...000 and ...001.
        const k = i * N + j;
        grids.push({ code: `21122110100${String(k).padStart(4, '0')}`, geometry: poly(ringPositions) });
      }
    }
    const village = poly(box(0, 0, 3, 3));
    const t0 = performance.now();
    const r = validateGridImport(parseGeoJson(geojson(...grids)), {
      parentOf: (code) => ({ code, polygon: village }),
    });
    const ms = performance.now() - t0;
    expect(r.problems).toEqual([]);
    expect(r.items).toHaveLength(N * N);
    expect(ms).toBeLessThan(15_000); // typically a few hundred ms
  });
});
