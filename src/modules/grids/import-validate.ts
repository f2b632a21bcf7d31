/**
 * Validation of a parsed grid import (see import-parse.ts). Pure: the only
 * outside knowledge comes through `parentOf`. Every problem carries a stable
 * code and a location; the caller imports nothing unless `ok`.
 *
 * Checks per item: INVALID_CODE, DUPLICATE_CODE (within the file; reported at
 * each later occurrence), UNKNOWN_VILLAGE, MISSING_NAME; for geometries:
 * INVALID_COORDINATE, TOO_FEW_POINTS (< 4 positions), RING_NOT_CLOSED,
 * SELF_INTERSECTION (@turf/kinks, after dropping repeated consecutive
 * positions), EMPTY_GEOMETRY (no coordinates or zero area), OUTSIDE_PARENT;
 * across items: OVERLAP (reported once per pair, at the later item).
 * Geometry checks stop at the first failing stage for that item, so a ring
 * that is not closed is not also reported as self-intersecting.
 *
 * Tolerance: shared edges may disagree by ~1e-7 degrees (~1 cm). A grid may
 * stick out of its village, and two grids may overlap, by at most a sliver
 * that thin along their boundary (area <= perimeter x 1e-7 degrees), and no
 * grid vertex may lie farther than 1e-7 degrees outside the village.
 */
import area from '@turf/area';
import { featureCollection, feature } from '@turf/helpers';
import intersect from '@turf/intersect';
import kinks from '@turf/kinks';
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { pointInPolygon } from '../../platform/geo/grid-index.js';
import {
  EdgeSet,
  type Geometry,
  perimeterMetres,
  polygonsOf,
  quickDisjoint,
  quickWithin,
  samePosition,
  sliverArea,
  TOLERANCE_DEG,
  withoutRepeats,
} from './import-geometry.js';

export type GridKind = 'rural' | 'community';
export type ImportFormat = 'geojson' | 'csv' | 'xlsx';

/** Stable problem codes, for parsing (import-parse.ts) and validation (here). */
export const IMPORT_PROBLEM_CODES = [
  // parsing
  'UNSUPPORTED_FORMAT',
  'INVALID_JSON',
  'INVALID_GEOJSON',
  'INVALID_XLSX',
  'INVALID_CSV',
  'MISSING_HEADER',
  'MISSING_COLUMNS',
  'EXTRA_COLUMNS',
  'MISSING_GEOMETRY',
  'UNSUPPORTED_GEOMETRY',
  'INVALID_GEOMETRY',
  'INVALID_KIND',
  'EMPTY_FILE',
  // validation
  'INVALID_CODE',
  'UNKNOWN_VILLAGE',
  'DUPLICATE_CODE',
  'MISSING_NAME',
  'INVALID_COORDINATE',
  'RING_NOT_CLOSED',
  'TOO_FEW_POINTS',
  'SELF_INTERSECTION',
  'EMPTY_GEOMETRY',
  'OUTSIDE_PARENT',
  'OVERLAP',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

export interface ImportProblem {
  /** `file`, `line 3, column 7` (JSON syntax), `feature #2 (code …)` or `line 5`. */
  where: string;
  /** The same location in Chinese (文件 / 第 5 行 / 第 2 个要素（编码 …）). */
  whereZh: string;
  code: ImportProblemCode;
  message: string;
  messageZh: string;
}

export interface ImportItem {
  /** 1-based feature number (GeoJSON) or line number (CSV / Excel). */
  source: { type: 'feature' | 'line'; number: number };
  /** e.g. `feature #2 (code 211221101001002)` or `line 3`, and the same in Chinese. */
  where: string;
  whereZh: string;
  /** Trimmed, not validated; `name` may be empty (MISSING_NAME). */
  code: string;
  name: string;
  kind?: GridKind;
  /** GeoJSON only, when the coordinates are nested correctly (values not yet checked). */
  geometry?: Polygon | MultiPolygon;
}

export interface ParseResult {
  format: ImportFormat | null;
  items: ImportItem[];
  problems: ImportProblem[];
}

export type Location = Pick<ImportProblem, 'where' | 'whereZh'>;

export const FILE: Location = { where: 'file', whereZh: '文件' };

export function problem(
  at: Location,
  code: ImportProblemCode,
  message: string,
  messageZh: string,
): ImportProblem {
  return { where: at.where, whereZh: at.whereZh, code, message, messageZh };
}

/** An existing village-level region (行政村/社区), the parent of its grids. */
export interface ParentRegion {
  code: string;
  /** WGS-84 boundary, or null when the village has no geometry (then OUTSIDE_PARENT is not checked). */
  polygon: Polygon | MultiPolygon | null;
}

export interface ValidationContext {
  /** Looks up an existing village-level region by its 12-digit code; called once per village. */
  parentOf: (villageCode: string) => ParentRegion | undefined;
}

export interface ValidationResult {
  ok: boolean;
  /** Parse problems first, then validation problems in item order. */
  problems: ImportProblem[];
  items: ImportItem[];
}

const CODE_PATTERN = /^\d{15}$/;
/** Parts below this area (m²) count as having zero area. */
const EMPTY_AREA_M2 = 1e-3;

interface Shape {
  index: number;
  geometry: Geometry;
  area: number;
  perimeter: number;
  edges: EdgeSet;
}

type Report = (code: ImportProblemCode, message: string, messageZh: string) => void;

const fmt = (p: Position) => `[${p.slice(0, 2).join(', ')}]`;

function ringLabel(polygons: Position[][][], p: number, r: number): { en: string; zh: string } {
  const part =
    polygons.length > 1 ? { en: ` of polygon ${p + 1}`, zh: `第 ${p + 1} 个多边形的` } : { en: '', zh: '' };
  return r === 0
    ? { en: `outer ring${part.en}`, zh: `${part.zh}外环` }
    : { en: `hole ${r}${part.en}`, zh: `${part.zh}第 ${r} 个内环（洞）` };
}

function badPosition(p: Position): string | null {
  const [lng, lat] = p;
  if (p.length < 2 || typeof lng !== 'number' || typeof lat !== 'number') return 'not a [lng, lat] pair';
  if (!Number.isFinite(lng) || !Number.isFinite(lat)) return 'not finite';
  if (lng < -180 || lng > 180 || lat < -90 || lat > 90) {
    return Math.abs(lng) <= 90 && Math.abs(lat) <= 180
      ? 'out of range (lat and lng swapped?)'
      : 'out of range';
  }
  return null;
}

/** Structure, coordinates, self-intersection and area; returns the shape when all pass. */
function checkGeometry(index: number, geometry: Geometry, report: Report): Shape | undefined {
  const polygons = polygonsOf(geometry);
  if (polygons.length === 0 || polygons.some((rings) => rings.length === 0)) {
    report('EMPTY_GEOMETRY', 'geometry has no coordinates', '几何图形没有坐标');
    return undefined;
  }
  let sound = true;
  polygons.forEach((rings, p) =>
    rings.forEach((ring, r) => {
      const label = ringLabel(polygons, p, r);
      const bad = ring.find((pos) => badPosition(pos) !== null);
      if (bad) {
        const why = badPosition(bad);
        report(
          'INVALID_COORDINATE',
          `${label.en}: position ${JSON.stringify(bad)} is ${why}`,
          `${label.zh}坐标 ${JSON.stringify(bad)} 无效（${why}）`,
        );
        sound = false;
        return;
      }
      if (ring.length < 4) {
        report(
          'TOO_FEW_POINTS',
          `${label.en} has ${ring.length} positions; a ring needs at least 4 (first = last)`,
          `${label.zh}只有 ${ring.length} 个坐标点，至少需要 4 个（首尾相同）`,
        );
        sound = false;
      }
      if (ring.length >= 2 && !samePosition(ring[0]!, ring[ring.length - 1]!)) {
        report(
          'RING_NOT_CLOSED',
          `${label.en} is not closed: first ${fmt(ring[0]!)} != last ${fmt(ring[ring.length - 1]!)}`,
          `${label.zh}未闭合：首点 ${fmt(ring[0]!)} 与末点 ${fmt(ring[ring.length - 1]!)} 不同`,
        );
        sound = false;
      }
    }),
  );
  if (!sound) return undefined;
  const found = kinks(withoutRepeats(geometry)).features;
  if (found.length > 0) {
    const at = fmt(found[0]!.geometry.coordinates);
    report(
      'SELF_INTERSECTION',
      `boundary intersects itself at ${at} (${found.length} point(s))`,
      `边界在 ${at} 处自相交（共 ${found.length} 处）`,
    );
    return undefined;
  }
  let total = 0;
  for (const rings of polygons) {
    const partArea = area({ type: 'Polygon', coordinates: rings });
    if (partArea <= EMPTY_AREA_M2) {
      report('EMPTY_GEOMETRY', 'geometry has zero area', '几何图形面积为零');
      return undefined;
    }
    total += partArea;
  }
  return { index, geometry, area: total, perimeter: perimeterMetres(geometry), edges: new EdgeSet(geometry) };
}

/** Area in m² of the intersection of two geometries (0 when they only touch). */
function overlapArea(a: Geometry, b: Geometry): number {
  const result = intersect(featureCollection([feature(a), feature(b)]));
  return result ? area(result) : 0;
}

function checkParent(shape: Shape, parent: { code: string; edges: EdgeSet }, report: Report): void {
  if (quickWithin(shape.edges, parent.edges)) return;
  const village = parent.code;
  for (const ring of polygonsOf(shape.geometry).flat()) {
    for (const p of ring) {
      const [x, y] = p as [number, number];
      const outside = pointInPolygon(x, y, parent.edges.geometry) === 'outside';
      if (outside && parent.edges.distanceWithin(x, y, TOLERANCE_DEG) === Infinity) {
        report(
          'OUTSIDE_PARENT',
          `vertex ${fmt(p)} lies outside village ${village}`,
          `顶点 ${fmt(p)} 位于所属村（社区）${village} 范围之外`,
        );
        return;
      }
    }
  }
  let outside: number;
  try {
    outside = shape.area - overlapArea(shape.geometry, parent.edges.geometry);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    report(
      'OUTSIDE_PARENT',
      `could not verify that the grid lies within village ${village}: ${detail}`,
      `无法确认网格位于所属村（社区）${village} 范围内：${detail}`,
    );
    return;
  }
  if (outside > sliverArea(shape.perimeter)) {
    const m2 = outside.toFixed(1);
    report(
      'OUTSIDE_PARENT',
      `${m2} m² of the grid lies outside village ${village}`,
      `网格有 ${m2} 平方米位于所属村（社区）${village} 范围之外`,
    );
  }
}

function checkOverlaps(shapes: Shape[], items: readonly ImportItem[], reportAt: (i: number) => Report): void {
  if (shapes.length < 2) return;
  const tree = new Flatbush(shapes.length, 16, Float64Array);
  for (const s of shapes) tree.add(...s.edges.bbox);
  tree.finish();
  shapes.forEach((a, i) => {
    const [ax0, ay0, ax1, ay1] = a.edges.bbox;
    for (const j of tree.search(ax0, ay0, ax1, ay1).sort((x, y) => x - y)) {
      if (j <= i) continue;
      const b = shapes[j]!;
      const [bx0, by0, bx1, by1] = b.edges.bbox;
      // Boxes that merely touch cannot hold a positive-area overlap.
      if (Math.min(ax1, bx1) <= Math.max(ax0, bx0) || Math.min(ay1, by1) <= Math.max(ay0, by0)) continue;
      if (quickDisjoint(a.edges, b.edges)) continue;
      const first = items[a.index]!;
      let overlap: number;
      try {
        overlap = overlapArea(a.geometry, b.geometry);
      } catch (e) {
        const detail = e instanceof Error ? e.message : String(e);
        reportAt(b.index)(
          'OVERLAP',
          `could not verify that the grid does not overlap ${first.where}: ${detail}`,
          `无法确认与${first.whereZh}是否重叠：${detail}`,
        );
        continue;
      }
      if (overlap > sliverArea(Math.min(a.perimeter, b.perimeter))) {
        const m2 = overlap.toFixed(1);
        reportAt(b.index)(
          'OVERLAP',
          `overlaps ${first.where} by ${m2} m²`,
          `与${first.whereZh}重叠 ${m2} 平方米`,
        );
      }
    }
  });
}

/**
 * Validates parsed items. `parsed.problems` (from parsing) are carried over,
 * so `ok` is false whenever anything at all is wrong with the file.
 */
export function validateGridImport(
  parsed: { items: readonly ImportItem[]; problems?: readonly ImportProblem[] },
  context: ValidationContext,
): ValidationResult {
  const items = [...parsed.items];
  const perItem: ImportProblem[][] = items.map(() => []);
  const reportAt =
    (i: number): Report =>
    (code, message, messageZh) =>
      perItem[i]!.push(problem(items[i]!, code, message, messageZh));
  const firstIndex = new Map<string, number>();
  const parents = new Map<string, { region: ParentRegion | undefined; edges?: EdgeSet }>();
  const shapes: Shape[] = [];

  items.forEach((item, i) => {
    const report = reportAt(i);
    let parent: { region: ParentRegion | undefined; edges?: EdgeSet } | undefined;
    if (!CODE_PATTERN.test(item.code)) {
      report(
        'INVALID_CODE',
        `grid code must be 15 digits, got "${item.code}"`,
        `网格编码必须为 15 位数字，实际为“${item.code}”`,
      );
    } else {
      const first = firstIndex.get(item.code);
      if (first === undefined) firstIndex.set(item.code, i);
      else
        report(
          'DUPLICATE_CODE',
          `code ${item.code} already used at ${items[first]!.where}`,
          `编码 ${item.code} 与${items[first]!.whereZh}重复`,
        );
      const village = item.code.slice(0, 12);
      parent = parents.get(village);
      if (!parent) {
        const region = context.parentOf(village);
        parent = { region, edges: region?.polygon ? new EdgeSet(region.polygon) : undefined };
        parents.set(village, parent);
      }
      if (!parent.region) {
        report(
          'UNKNOWN_VILLAGE',
          `the first 12 digits (${village}) are not an existing village-level region`,
          `编码前 12 位（${village}）不是已有的村（社区）级区划`,
        );
      }
    }
    if (item.name.trim() === '') report('MISSING_NAME', 'name is missing', '缺少网格名称');
    if (!item.geometry) return;
    const shape = checkGeometry(i, item.geometry, report);
    if (!shape) return;
    shapes.push(shape);
    if (parent?.region && parent.edges)
      checkParent(shape, { code: parent.region.code, edges: parent.edges }, report);
  });

  checkOverlaps(shapes, items, reportAt);
  const problems = [...(parsed.problems ?? []), ...perItem.flat()];
  return { ok: problems.length === 0, problems, items };
}
