import type { MultiPolygon, Polygon } from 'geojson';
import type { DbOrTx } from '../../platform/db/database.js';
import { bulkInsert } from '../../platform/db/bulk.js';
import { geometryBbox } from '../../platform/geo/bbox.js';
import {
  COUNTY_BBOXES,
  TIELING_COUNTY_CODE,
  TIELING_GRID_TARGET,
  loadDivisions,
  tileCountyInShape,
  type DivisionRow,
} from '../grids/index.js';
import { countyCodeOf, parentCodeOf, pathOf } from '../regions/index.js';

const LEVEL_BY_LENGTH: Record<number, string> = {
  2: 'province',
  4: 'city',
  6: 'county',
  9: 'township',
  12: 'village',
  15: 'grid',
};

/**
 * Grid quotas. 铁岭县's come from the seed (1,159 rural + 156 community grids);
 * 铁西区 224 third-level grids (seed 004); 元宝区 1,035 grids (seed 000). The
 * seeds give none for 盘山县 and 本溪县: four grids per village-level unit.
 */
function gridTarget(countyCode: string, rows: readonly DivisionRow[]) {
  const units = rows.filter((r) => r[0].length === 12 && r[0].startsWith(countyCode));
  const villages = units.filter((r) => r[3] === 'v').length;
  const communities = units.length - villages;
  switch (countyCode) {
    case TIELING_COUNTY_CODE:
      return TIELING_GRID_TARGET;
    case '210303':
      return { rural: villages * 3, community: 224 - villages * 3 };
    case '210602':
      return { rural: villages * 4, community: 1035 - villages * 4 };
    default:
      return { rural: villages * 4, community: communities * 4 };
  }
}

type RegionRow = {
  code: string;
  name: string;
  kind: string | null;
  geometry: Polygon | MultiPolygon | null;
};

/** Loads the province, cities, the five seed counties, their townships, villages and grids. */
export async function loadTerritory(
  tx: DbOrTx,
): Promise<{ regions: number; grids: number; tielingGrids: number }> {
  const { regions } = loadDivisions();
  const shapes = new Map<string, RegionRow>();
  for (const [code, name, , kind] of regions) {
    shapes.set(code, {
      code,
      name,
      kind: kind === 'c' ? 'community' : kind === 'v' ? 'village' : null,
      geometry: null,
    });
  }
  let tielingGrids = 0;
  for (const [countyCode, loc] of Object.entries(COUNTY_BBOXES)) {
    const tiling = tileCountyInShape(regions, countyCode, loc.bbox, gridTarget(countyCode, regions), {
      seed: 2023,
    });
    for (const r of [tiling.county, ...tiling.townships, ...tiling.villages]) {
      const row = shapes.get(r.code);
      if (row) row.geometry = r.geometry;
    }
    for (const g of tiling.grids) {
      shapes.set(g.code, {
        code: g.code,
        name: g.name,
        kind: g.kind === 'c' ? 'community' : 'rural',
        geometry: g.geometry,
      });
    }
    if (countyCode === TIELING_COUNTY_CODE) tielingGrids = tiling.grids.length;
  }
  const rows = [...shapes.values()].sort(
    (a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code),
  );
  await bulkInsert(
    tx,
    'region',
    [
      { name: 'code', type: 'text' },
      { name: 'parent_code', type: 'text' },
      { name: 'county_code', type: 'text' },
      { name: 'level', type: 'text' },
      { name: 'name', type: 'text' },
      { name: 'path', type: 'text', expr: '$::ltree' },
      { name: 'kind', type: 'text' },
      { name: 'geometry', type: 'text', expr: '$::jsonb' },
      { name: 'min_lng', type: 'float8' },
      { name: 'min_lat', type: 'float8' },
      { name: 'max_lng', type: 'float8' },
      { name: 'max_lat', type: 'float8' },
    ],
    rows.map((r) => [
      r.code,
      parentCodeOf(r.code),
      countyCodeOf(r.code),
      LEVEL_BY_LENGTH[r.code.length],
      r.name,
      pathOf(r.code),
      r.kind,
      r.geometry ? JSON.stringify(r.geometry) : null,
      ...(r.geometry ? geometryBbox(r.geometry) : [null, null, null, null]),
    ]),
  );
  await tx
    .updateTable('grid_index_version')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .execute();
  return { regions: rows.length, grids: rows.filter((r) => r.code.length === 15).length, tielingGrids };
}
