import { describe, expect, it } from 'vitest';
import intersect from '@turf/intersect';
import kinks from '@turf/kinks';
import { featureCollection, polygon as turfPolygon } from '@turf/helpers';
import type { Polygon } from 'geojson';
import {
  allocateGridCounts,
  COUNTY_BBOXES,
  gridCode,
  largestRemainder,
  mulberry32,
  shortVillageName,
  tileCounty,
  TIELING_COUNTY_CODE,
  TIELING_GRID_TARGET,
  type CountyInput,
  type CountyTiling,
  type TiledRegion,
} from './tiling.js';
import { checkTiling, ringArea } from './tiling-checks.js';
import { countyTreeFromDivisions, loadDivisions, tileCountyFromDivisions } from './tiling-divisions.js';

const { regions } = loadDivisions();
const tielingBBox = COUNTY_BBOXES[TIELING_COUNTY_CODE]?.bbox ?? [0, 0, 1, 1];
const tieling = (seed = 1): ReturnType<typeof tileCountyFromDivisions> =>
  tileCountyFromDivisions(regions, TIELING_COUNTY_CODE, tielingBBox, TIELING_GRID_TARGET, { seed });

const ringOf = (g: Polygon) => g.coordinates[0] ?? [];
const bboxOf = (g: Polygon): [number, number, number, number] => {
  const xs = ringOf(g).map((p) => p[0] ?? 0);
  const ys = ringOf(g).map((p) => p[1] ?? 0);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
};

/** The checks asked for, in floating point, plus the exact ones from checkTiling. */
function expectValidTiling(t: CountyTiling): void {
  expect(checkTiling(t)).toEqual([]);
  const all = [t.county, ...t.townships, ...t.villages, ...t.grids];
  const byParent = new Map<string, TiledRegion[]>();
  for (const r of all) {
    expect(ringArea(ringOf(r.geometry))).toBeGreaterThan(0); // positive area, counter-clockwise
    expect(kinks(r.geometry).features).toHaveLength(0); // simple ring
    if (r.parentCode !== null) byParent.set(r.parentCode, [...(byParent.get(r.parentCode) ?? []), r]);
  }
  for (const parent of all) {
    const kids = byParent.get(parent.code);
    if (!kids) continue;
    const parentArea = ringArea(ringOf(parent.geometry));
    const sum = kids.reduce((s, k) => s + ringArea(ringOf(k.geometry)), 0);
    expect(Math.abs(sum - parentArea) / parentArea).toBeLessThan(1e-9);
    // pairwise: siblings whose bboxes overlap must not overlap in area
    const boxes = kids.map((k) => bboxOf(k.geometry));
    for (let i = 0; i < kids.length; i++) {
      for (let j = i + 1; j < kids.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        if (!a || !b || a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1]) continue;
        const ki = kids[i] as TiledRegion;
        const kj = kids[j] as TiledRegion;
        const overlap = intersect(
          featureCollection([turfPolygon(ki.geometry.coordinates), turfPolygon(kj.geometry.coordinates)]),
        );
        const area = overlap?.geometry.type === 'Polygon' ? Math.abs(ringArea(ringOf(overlap.geometry))) : 0;
        expect(area / parentArea, `${ki.code} overlaps ${kj.code}`).toBeLessThan(1e-9);
      }
    }
  }
}

describe('divisions.json', () => {
  it('has 铁岭县 with 16 townships and 250 village-level units', () => {
    const tree = countyTreeFromDivisions(regions, TIELING_COUNTY_CODE);
    expect(tree.name).toBe('铁岭县');
    expect(tree.townships).toHaveLength(16);
    const units = tree.townships.flatMap((t) => t.villages);
    expect(units).toHaveLength(250);
    expect(units.filter((u) => u.kind === 'c')).toHaveLength(33);
    expect(units.filter((u) => u.kind === 'v')).toHaveLength(217);
  });

  it('lists parents before children with natural-length codes', () => {
    const seen = new Set<string>();
    const lengths: Record<number, number> = { 4: 2, 6: 4, 9: 6, 12: 9 };
    for (const [code, , parent, kind] of regions) {
      if (parent === null) expect(code).toMatch(/^\d{2}$/);
      else {
        expect(seen.has(parent)).toBe(true);
        expect(parent.length).toBe(lengths[code.length]);
        expect(code.startsWith(parent)).toBe(true);
      }
      expect(kind === null).toBe(code.length !== 12);
      seen.add(code);
    }
    expect(seen.size).toBe(regions.length);
  });
});

describe('allocateGridCounts', () => {
  it('gives 铁岭县 exactly 1,159 rural and 156 community grids, at least one each', () => {
    const units = countyTreeFromDivisions(regions, TIELING_COUNTY_CODE).townships.flatMap((t) => t.villages);
    const result = allocateGridCounts(units, TIELING_GRID_TARGET);
    const sum = (kind: 'c' | 'v') =>
      units.filter((u) => u.kind === kind).reduce((s, u) => s + (result.counts.get(u.code) ?? 0), 0);
    expect(sum('v')).toBe(1159);
    expect(sum('c')).toBe(156);
    expect(result).toMatchObject({ rural: 1159, community: 156, reassigned: 0, dropped: 0 });
    expect(Math.min(...result.counts.values())).toBeGreaterThanOrEqual(1);
    expect([...result.counts.keys()]).toEqual(units.map((u) => u.code));
  });

  it('handles a county without communities according to the policy', () => {
    const units = [
      { code: '211221999001', kind: 'v' as const },
      { code: '211221999002', kind: 'v' as const },
    ];
    const target = { rural: 10, community: 4 };
    const reassign = allocateGridCounts(units, target);
    expect(reassign).toMatchObject({ rural: 14, community: 0, reassigned: 4, dropped: 0 });
    expect([...reassign.counts.values()].reduce((a, b) => a + b, 0)).toBe(14);
    expect(allocateGridCounts(units, target, { whenKindMissing: 'drop' })).toMatchObject({
      rural: 10,
      dropped: 4,
    });
    expect(() => allocateGridCounts(units, target, { whenKindMissing: 'error' })).toThrow(RangeError);
    expect(allocateGridCounts([], target)).toMatchObject({ rural: 0, community: 0, dropped: 14 });
  });

  it('gives one grid to the heaviest units when there are fewer grids than units', () => {
    const units = ['001', '002', '003'].map((s) => ({ code: `211221999${s}`, kind: 'c' as const }));
    const counts = [...allocateGridCounts(units, { rural: 0, community: 2 }).counts.values()];
    expect(counts.sort()).toEqual([0, 1, 1]);
  });

  it('largestRemainder splits exactly', () => {
    expect(largestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(largestRemainder(7, [5, 1, 0], 1)).toEqual([4, 2, 1]);
    expect(() => largestRemainder(2, [1, 1, 1], 1)).toThrow(RangeError);
  });
});

describe('tileCounty', () => {
  it('tiles 铁岭县 into 16 townships, 250 villages and 1,315 grids with unique 15-digit codes', () => {
    const t = tieling();
    expect(t.county).toMatchObject({ code: '211221', name: '铁岭县', parentCode: null, level: 'county' });
    expect(t.townships.every((x) => x.parentCode === '211221' && x.level === 'township')).toBe(true);
    expect(t.townships).toHaveLength(16);
    expect(t.villages).toHaveLength(250);
    expect(t.grids).toHaveLength(1315);
    expect(t.grids.filter((g) => g.kind === 'v')).toHaveLength(1159);
    expect(t.grids.filter((g) => g.kind === 'c')).toHaveLength(156);
    const codes = t.grids.map((g) => g.code);
    expect(new Set(codes).size).toBe(1315);
    for (const g of t.grids) {
      expect(g.code).toMatch(/^\d{15}$/);
      expect(g.code.startsWith(g.parentCode ?? '-')).toBe(true);
      expect(g.name).toMatch(/^\S+(村|社区|居委会)第[1-9]\d*网格$/u);
    }
    expect(t.grids[0]?.name).toBe('新兴社区第1网格');
  });

  it('is deterministic: same input and seed give byte-identical output', () => {
    const a = JSON.stringify(tieling(42));
    expect(JSON.stringify(tieling(42))).toBe(a);
    expect(JSON.stringify(tieling(43))).not.toBe(a);
  });

  it('keeps 铁岭县 inside its bounding box', () => {
    const [w, s, e, n] = tielingBBox;
    expect(bboxOf(tieling().county.geometry)).toEqual([w, s, e, n]);
  });

  it('tiles 铁岭县 exactly at every level', () => {
    expectValidTiling(tieling(7));
  });

  it.each(Object.entries(COUNTY_BBOXES).filter(([code]) => code !== TIELING_COUNTY_CODE))(
    'tiles %s exactly with its divisions',
    (code, { bbox }) => {
      const units = countyTreeFromDivisions(regions, code).townships.flatMap((t) => t.villages);
      const target = {
        rural: 5 * units.filter((u) => u.kind === 'v').length,
        community: 4 * units.filter((u) => u.kind === 'c').length,
      };
      const t = tileCountyFromDivisions(regions, code, bbox, target, { seed: 3 });
      expect(t.grids).toHaveLength(target.rural + target.community);
      expectValidTiling(t);
    },
  );

  it('handles straight edges, villages without grids and townships without villages', () => {
    const input: CountyInput = {
      code: '999999',
      name: '测试县',
      bbox: [120, 40, 120.5, 40.3],
      townships: [
        {
          code: '999999001',
          name: '甲镇',
          villages: [
            { code: '999999001001', name: '张家村委会', kind: 'v', gridCount: 3 },
            { code: '999999001002', name: '李家村委会', kind: 'v', gridCount: 0 },
            { code: '999999001003', name: '东风社区居委会', kind: 'c', gridCount: 2 },
          ],
        },
        { code: '999999002', name: '乙乡', villages: [] },
      ],
    };
    for (const jitter of [0, 1]) {
      const t = tileCounty(input, { jitter, seed: 5 });
      expect(t.grids.map((g) => `${g.code} ${g.name}`)).toEqual([
        '999999001001001 张家村第1网格',
        '999999001001002 张家村第2网格',
        '999999001001003 张家村第3网格',
        '999999001003001 东风社区第1网格',
        '999999001003002 东风社区第2网格',
      ]);
      expectValidTiling(t);
    }
    const straight = tileCounty(input, { jitter: 0 });
    for (const r of [...straight.villages, ...straight.grids]) {
      const ring = ringOf(r.geometry);
      ring.slice(1).forEach((p, i) => {
        const q = ring[i] ?? [];
        expect(p[0] === q[0] || p[1] === q[1]).toBe(true); // axis-aligned edges only
      });
    }
  });

  it('rejects bad input', () => {
    const base: CountyInput = { code: '1', name: 'x', bbox: [1, 1, 2, 2], townships: [] };
    expect(() => tileCounty({ ...base, bbox: [2, 1, 1, 2] })).toThrow(RangeError);
    const village = { code: '12345', name: 'v', kind: 'v' as const, gridCount: 1 };
    expect(() => tileCounty({ ...base, townships: [{ code: '2', name: 't', villages: [village] }] })).toThrow(
      /12 digits/,
    );
  });
});

describe('helpers', () => {
  it('shortens village-level names for grid names', () => {
    expect(shortVillageName('懿路村民委员会')).toBe('懿路村');
    expect(shortVillageName('二公台村村民委员会')).toBe('二公台村');
    expect(shortVillageName('东于社区居委会')).toBe('东于社区');
    expect(shortVillageName('虹桥社区居民委员会')).toBe('虹桥社区');
    expect(shortVillageName('新兴社区')).toBe('新兴社区');
    expect(shortVillageName('樊梨花村')).toBe('樊梨花村');
  });

  it('builds grid codes and a deterministic PRNG', () => {
    expect(gridCode('211221101201', 7)).toBe('211221101201007');
    expect(() => gridCode('211221101201', 1000)).toThrow(RangeError);
    const a = mulberry32(9);
    const b = mulberry32(9);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
