/**
 * Approximate WGS-84 bounding boxes of the counties shipped in
 * src/modules/regions/data/divisions.json, used to place the synthetic tiling
 * at the county's real location. Values are hand-picked approximations of the
 * real extents (rounded to 0.01°), not surveyed boundaries.
 */
import type { GridTarget } from './tiling-allocate.js';

/** [west, south, east, north] in degrees (GeoJSON bbox order). */
export type BBox = readonly [west: number, south: number, east: number, north: number];

export interface CountyLocation {
  readonly name: string;
  readonly bbox: BBox;
}

export const COUNTY_BBOXES: Readonly<Record<string, CountyLocation>> = {
  // 铁岭县 surrounds the Tieling city districts, from the Liao River plain in the west
  // (新台子/腰堡, ~123.4 E) to the hills of 鸡冠山乡/白旗寨满族乡 in the east (~124.3 E),
  // roughly 41.98–42.52 N.
  '211221': { name: '铁岭县', bbox: [123.38, 41.98, 124.28, 42.52] },
  // 盘山县 lies around Panjin city, between the Liao River mouth and the Shuangtaizi river,
  // roughly 121.73–122.48 E, 40.87–41.45 N.
  '211122': { name: '盘山县', bbox: [121.73, 40.87, 122.48, 41.45] },
  // 铁西区 (Anshan) is the western urban district of Anshan city, ~122.90–122.99 E, 41.07–41.14 N.
  '210303': { name: '铁西区', bbox: [122.9, 41.07, 122.99, 41.14] },
  // 元宝区 (Dandong) is the north-eastern urban district on the Yalu River plus 金山镇,
  // ~124.33–124.46 E, 40.12–40.25 N.
  '210602': { name: '元宝区', bbox: [124.33, 40.12, 124.46, 40.25] },
  // 本溪满族自治县 spreads south-east of Benxi city, ~123.75–124.95 E, 40.83–41.45 N.
  '210521': { name: '本溪满族自治县', bbox: [123.75, 40.83, 124.95, 41.45] },
};

/** 铁岭县 grid quota: 1,159 rural grids over villages and 156 over communities (1,315 in all). */
export const TIELING_COUNTY_CODE = '211221';
export const TIELING_GRID_TARGET: GridTarget = { rural: 1159, community: 156 };
