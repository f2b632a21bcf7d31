/**
 * Deterministic synthetic tiling of a county into townships, villages and grids.
 *
 * The county is its bounding box; each level is cut by an ordered binary-split
 * treemap weighted by the number of grids (communities get a smaller area per
 * grid than villages, as urban grids are denser). All geometry is computed on
 * integer micro-degrees, so at every level the children tile their parent
 * exactly (no gap, no overlap) and coordinates are exactly 6-decimal numbers.
 * Interior edges get a small seeded zig-zag (see buildMesh) that keeps the
 * tiling exact. Shapes are synthetic: only the county's location is real.
 */
import type { Polygon, Position } from 'geojson';
import type { UnitKind } from './tiling-allocate.js';
import type { BBox } from './tiling-counties.js';
import { buildMesh, splitRect, type Pt, type Rect } from './tiling-mesh.js';
import { streamFor } from './tiling-prng.js';

export { allocateGridCounts, largestRemainder } from './tiling-allocate.js';
export type {
  AllocateOptions,
  AllocationUnit,
  GridAllocation,
  GridTarget,
  MissingKindPolicy,
  UnitKind,
} from './tiling-allocate.js';
export { COUNTY_BBOXES, TIELING_COUNTY_CODE, TIELING_GRID_TARGET } from './tiling-counties.js';
export type { BBox, CountyLocation } from './tiling-counties.js';
export { mulberry32, hashSeed } from './tiling-prng.js';

export interface VillageInput {
  /** 12-digit village-level code. */
  readonly code: string;
  readonly name: string;
  readonly kind: UnitKind;
  /** Number of grids to cut the village into (0 → the village is not subdivided). */
  readonly gridCount: number;
}

export interface TownshipInput {
  readonly code: string;
  readonly name: string;
  readonly villages: readonly VillageInput[];
}

export interface CountyInput {
  readonly code: string;
  readonly name: string;
  /** WGS-84 [west, south, east, north]; the county polygon is this box. */
  readonly bbox: BBox;
  readonly townships: readonly TownshipInput[];
}

export interface TilingOptions {
  /** PRNG seed; default 1. */
  readonly seed?: number;
  /** Edge zig-zag in [0, 1] (fraction of the safe maximum); default 0.6, 0 for straight edges. */
  readonly jitter?: number;
  /** Area of a community grid relative to a village grid; default 0.2. */
  readonly communityAreaFactor?: number;
}

export type TiledLevel = 'county' | 'township' | 'village' | 'grid';

export interface TiledRegion {
  readonly code: string;
  readonly name: string;
  readonly parentCode: string | null;
  readonly level: TiledLevel;
  /** "c"/"v" for villages and their grids, null above. */
  readonly kind: UnitKind | null;
  readonly geometry: Polygon;
}

export interface CountyTiling {
  readonly county: TiledRegion;
  readonly townships: readonly TiledRegion[];
  readonly villages: readonly TiledRegion[];
  readonly grids: readonly TiledRegion[];
}

const SCALE = 1e6;

/**
 * Short form of a village-level name for grid names: 村民委员会/村委会 → 村,
 * 社区居委会/社区居民委员会 → 社区, 居民委员会 → 居委会. "懿路村民委员会" → "懿路村",
 * "二公台村村民委员会" → "二公台村", "东于社区居委会" → "东于社区".
 */
export function shortVillageName(name: string): string {
  const village = /^(.+?)(?:村民委员会|村委会)$/u.exec(name);
  if (village?.[1]) return village[1].endsWith('村') ? village[1] : `${village[1]}村`;
  const community = /^(.+?)社区(?:居民委员会|居委会)$/u.exec(name);
  if (community?.[1]) return `${community[1]}社区`;
  const residents = /^(.+?)居民委员会$/u.exec(name);
  if (residents?.[1]) return `${residents[1]}居委会`;
  return name;
}

/** Grid code: the 12-digit village code followed by a 3-digit sequence from "001". */
export function gridCode(villageCode: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999) {
    throw new RangeError(`grid sequence out of range 1..999: ${sequence}`);
  }
  return `${villageCode}${String(sequence).padStart(3, '0')}`;
}

/** Grid name: short village name + 第N网格, e.g. "张家村第1网格". */
export function gridName(villageName: string, sequence: number): string {
  return `${shortVillageName(villageName)}第${sequence}网格`;
}

function toRect(bbox: BBox): Rect {
  const [west, south, east, north] = bbox;
  if (
    ![west, south, east, north].every(Number.isFinite) ||
    west < -180 ||
    east > 180 ||
    south < -90 ||
    north > 90
  ) {
    throw new RangeError(`invalid bbox ${JSON.stringify(bbox)}`);
  }
  const rect = {
    x0: Math.round(west * SCALE),
    y0: Math.round(south * SCALE),
    x1: Math.round(east * SCALE),
    y1: Math.round(north * SCALE),
  };
  if (rect.x0 >= rect.x1 || rect.y0 >= rect.y1) throw new RangeError(`empty bbox ${JSON.stringify(bbox)}`);
  return rect;
}

function polygonOf(ring: readonly Pt[]): Polygon {
  const coordinates: Position[] = ring.map(([x, y]) => [x / SCALE, y / SCALE]);
  return { type: 'Polygon', coordinates: [coordinates] };
}

/** Weight jitter factor in [1 - spread, 1 + spread], seeded by the parts. */
function wobble(spread: number, ...parts: ReadonlyArray<string | number>): number {
  return 1 + spread * (2 * streamFor(...parts)() - 1);
}

/** The seeded area weights of townships, villages and grids (shared by both tilers). */
export function tilingWeights(options: TilingOptions = {}): {
  villageWeight: (v: VillageInput) => number;
  townshipWeight: (t: TownshipInput) => number;
  gridWeight: (villageCode: string, index: number) => number;
} {
  const seed = options.seed ?? 1;
  const communityAreaFactor = options.communityAreaFactor ?? 0.2;
  const villageWeight = (v: VillageInput): number =>
    Math.max(v.gridCount, 0.5) *
    (v.kind === 'c' ? communityAreaFactor : 1) *
    wobble(0.25, seed, 'village', v.code);
  const townshipWeight = (t: TownshipInput): number =>
    (t.villages.length === 0 ? 1 : t.villages.reduce((s, v) => s + villageWeight(v), 0)) *
    wobble(0.15, seed, 'township', t.code);
  const gridWeight = (villageCode: string, index: number): number =>
    wobble(0.3, seed, 'grid', villageCode, index);
  return { villageWeight, townshipWeight, gridWeight };
}

export function checkInput(county: CountyInput): void {
  const codes = new Set<string>([county.code]);
  const add = (code: string): void => {
    if (codes.has(code)) throw new RangeError(`duplicate code ${code}`);
    codes.add(code);
  };
  for (const t of county.townships) {
    add(t.code);
    for (const v of t.villages) {
      add(v.code);
      if (!/^\d{12}$/u.test(v.code)) throw new RangeError(`village code must have 12 digits: ${v.code}`);
      if (!Number.isInteger(v.gridCount) || v.gridCount < 0 || v.gridCount > 999) {
        throw new RangeError(`grid count of ${v.code} must be an integer in 0..999: ${v.gridCount}`);
      }
    }
  }
}

/**
 * Tiles a county: returns polygons for the county (its bbox), every township,
 * every village and every grid. At each level the children tile their parent
 * exactly. Same input and options → byte-identical output.
 */
export function tileCounty(county: CountyInput, options: TilingOptions = {}): CountyTiling {
  checkInput(county);
  const seed = options.seed ?? 1;
  const jitter = options.jitter ?? 0.6;
  const communityAreaFactor = options.communityAreaFactor ?? 0.2;
  if (!(jitter >= 0 && jitter <= 1)) throw new RangeError(`jitter must be in [0, 1]: ${jitter}`);
  if (!(communityAreaFactor > 0)) throw new RangeError('communityAreaFactor must be positive');

  const countyRect = toRect(county.bbox);
  const midLat = ((county.bbox[1] + county.bbox[3]) / 2) * (Math.PI / 180);
  const xScale = Math.cos(midLat);

  const { villageWeight, townshipWeight, gridWeight } = tilingWeights(options);

  type Node = { rect: Rect; code: string; name: string; parentCode: string; kind: UnitKind | null };
  const townships: Node[] = [];
  const villages: Node[] = [];
  const grids: Node[] = [];
  const leaves: Rect[] = [];

  const townshipRects = splitRect(countyRect, county.townships.map(townshipWeight), xScale);
  county.townships.forEach((t, ti) => {
    const tRect = townshipRects[ti] as Rect;
    townships.push({ rect: tRect, code: t.code, name: t.name, parentCode: county.code, kind: null });
    if (t.villages.length === 0) leaves.push(tRect);
    const villageRects = splitRect(tRect, t.villages.map(villageWeight), xScale);
    t.villages.forEach((v, vi) => {
      const vRect = villageRects[vi] as Rect;
      villages.push({ rect: vRect, code: v.code, name: v.name, parentCode: t.code, kind: v.kind });
      if (v.gridCount === 0) leaves.push(vRect);
      const gridWeights = Array.from({ length: v.gridCount }, (_, i) => gridWeight(v.code, i));
      splitRect(vRect, gridWeights, xScale).forEach((gRect, gi) => {
        grids.push({
          rect: gRect,
          code: gridCode(v.code, gi + 1),
          name: gridName(v.name, gi + 1),
          parentCode: v.code,
          kind: v.kind,
        });
        leaves.push(gRect);
      });
    });
  });
  if (county.townships.length === 0) leaves.push(countyRect);

  const all = [
    countyRect,
    ...townships.map((n) => n.rect),
    ...villages.map((n) => n.rect),
    ...grids.map((n) => n.rect),
  ];
  const ring = buildMesh(all, leaves, { seed, jitter });
  const emit =
    (level: TiledLevel) =>
    (n: Node): TiledRegion => ({
      code: n.code,
      name: n.name,
      parentCode: n.parentCode,
      level,
      kind: n.kind,
      geometry: polygonOf(ring(n.rect)),
    });
  return {
    county: {
      code: county.code,
      name: county.name,
      parentCode: null,
      level: 'county',
      kind: null,
      geometry: polygonOf(ring(countyRect)),
    },
    townships: townships.map(emit('township')),
    villages: villages.map(emit('village')),
    grids: grids.map(emit('grid')),
  };
}
