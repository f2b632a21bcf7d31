import { readFileSync } from 'node:fs';
import area from '@turf/area';
import intersect from '@turf/intersect';
import kinks from '@turf/kinks';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { COUNTY_BBOXES, TIELING_COUNTY_CODE, TIELING_GRID_TARGET } from './tiling.js';
import { bisectPiece, type OutlineTiledRegion } from './tiling-outline.js';
import { countyOutline, outlineUrl } from './tiling-outlines.js';
import { loadDivisions, tileCountyInShape } from './tiling-divisions.js';

type Shape = Polygon | MultiPolygon;
const feature = (g: Shape): Feature<Shape> => ({ type: 'Feature', properties: {}, geometry: g });
const areaOf = (g: Shape): number => area(feature(g));
const overlap = (a: Shape, b: Shape): number => {
  const x = intersect({ type: 'FeatureCollection', features: [feature(a), feature(b)] });
  return x ? area(x) : 0;
};
const boxOf = (g: Shape): [number, number, number, number] => {
  const pts = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flatMap((p) => p[0] ?? []);
  const xs = pts.map((p) => p[0] ?? 0);
  const ys = pts.map((p) => p[1] ?? 0);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
};
const touches = (a: Shape, b: Shape): boolean => {
  const [aw, as, ae, an] = boxOf(a);
  const [bw, bs, be, bn] = boxOf(b);
  return aw <= be && bw <= ae && as <= bn && bs <= an;
};

const { regions } = loadDivisions();
const bbox = COUNTY_BBOXES[TIELING_COUNTY_CODE]?.bbox ?? [0, 0, 1, 1];
const tile = () => tileCountyInShape(regions, TIELING_COUNTY_CODE, bbox, TIELING_GRID_TARGET, { seed: 2023 });
const outline = countyOutline(TIELING_COUNTY_CODE) as Shape;
const t = tile();

/** Each region lies within `parent`: its area outside it is below 1e-5 of its own (floating-point clipping). */
function expectWithin(
  children: readonly OutlineTiledRegion[],
  parentOf: (r: OutlineTiledRegion) => Shape,
): void {
  const outside = children.filter((c) => {
    const a = areaOf(c.geometry);
    return a <= 0 || overlap(c.geometry, parentOf(c)) < a * (1 - 1e-5);
  });
  expect(outside.map((c) => c.code)).toEqual([]);
}

describe('tiling 铁岭县 inside its real outline', () => {
  it('keeps the codes, names and quotas (1,315 grids: 1,159 rural + 156 community)', () => {
    expect(t.county.geometry).toEqual(outline);
    expect(t.grids).toHaveLength(1315);
    expect(t.grids.filter((g) => g.kind === 'v')).toHaveLength(1159);
    expect(new Set(t.grids.map((g) => g.code)).size).toBe(1315);
    expect(t.grids[0]).toMatchObject({ code: '211221101006001', name: '新兴社区第1网格' });
    const tree = regions.filter(([code]) => code.startsWith('211221') && code.length > 6);
    expect([...t.townships, ...t.villages].map((r) => r.code).sort()).toEqual(tree.map(([c]) => c).sort());
  });

  it('puts every township in the outline, every village in its township, every grid in its village', () => {
    const byCode = new Map([...t.townships, ...t.villages].map((r) => [r.code, r.geometry]));
    const parent = (r: OutlineTiledRegion): Shape => byCode.get(r.parentCode ?? '') as Shape;
    expectWithin(t.townships, () => outline);
    expectWithin(t.villages, parent);
    expectWithin(t.grids, parent);
  });

  it('covers the outline: areas add up at every level within 0.1% (1% asked)', () => {
    const total = areaOf(outline);
    const sum = (rs: readonly OutlineTiledRegion[]) => rs.reduce((s, r) => s + areaOf(r.geometry), 0);
    expect(Math.abs(sum(t.townships) / total - 1)).toBeLessThan(1e-3);
    expect(Math.abs(sum(t.villages) / total - 1)).toBeLessThan(1e-3);
    expect(Math.abs(sum(t.grids) / total - 1)).toBeLessThan(1e-3);
  });

  it('has no overlap between neighbouring grids (every pair whose boxes meet, one village in seven)', () => {
    const villages = t.villages.filter((_, i) => i % 7 === 0);
    let pairs = 0;
    for (const v of villages) {
      const gs = t.grids.filter((g) => g.parentCode === v.code);
      for (let i = 0; i < gs.length; i++)
        for (let j = i + 1; j < gs.length; j++) {
          const [a, b] = [gs[i] as OutlineTiledRegion, gs[j] as OutlineTiledRegion];
          if (!touches(a.geometry, b.geometry)) continue;
          pairs++;
          expect(overlap(a.geometry, b.geometry), `${a.code} × ${b.code}`).toBeLessThan(1);
        }
    }
    for (let i = 0; i + 1 < t.townships.length; i++) {
      const [a, b] = [t.townships[i] as OutlineTiledRegion, t.townships[i + 1] as OutlineTiledRegion];
      expect(overlap(a.geometry, b.geometry)).toBeLessThan(1);
    }
    expect(pairs).toBeGreaterThan(100);
  });

  it('gives valid polygons: closed rings, no self-intersection, mostly single parts', () => {
    const bad = t.grids.filter((g) => kinks(feature(g.geometry) as never).features.length > 0);
    expect(bad.map((g) => g.code)).toEqual([]);
    const multi = t.grids.filter((g) => g.geometry.type === 'MultiPolygon');
    expect(multi.length).toBeLessThan(t.grids.length * 0.03);
  });

  it('is deterministic across runs', () => {
    expect(JSON.stringify(tile())).toBe(JSON.stringify(t));
  });

  it('ships the same outline to the web (byte-identical copy)', () => {
    const web = new URL('../../web/centre/map/outlines/211221.json', import.meta.url);
    expect(readFileSync(outlineUrl(TIELING_COUNTY_CODE), 'utf8')).toBe(readFileSync(web, 'utf8'));
    expect(countyOutline('211122')).toBeNull();
  });
});

describe('bisectPiece', () => {
  it('splits an L-shaped piece in proportion to the weights, without overlap', () => {
    const l: Polygon['coordinates'] = [
      [
        [0, 0],
        [2, 0],
        [2, 1],
        [1, 1],
        [1, 2],
        [0, 2],
        [0, 0],
      ],
    ];
    const parts = bisectPiece([l], [1, 2, 1], 1);
    const areas = parts.map((p) => areaOf({ type: 'MultiPolygon', coordinates: p }));
    const whole = areaOf({ type: 'Polygon', coordinates: l });
    expect(areas.map((a) => Math.round((a / whole) * 100))).toEqual([25, 50, 25]);
    expect(bisectPiece([l], [], 1)).toEqual([]);
  });
});
