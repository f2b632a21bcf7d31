import fs from 'node:fs/promises';
import path from 'node:path';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Db } from '../../platform/db/database.js';
import { geometryBbox } from '../../platform/geo/bbox.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { pathOf } from '../regions/index.js';
import { parseImportFile } from './import-parse.js';
import { validateGridImport, type ImportItem, type ImportProblem } from './import-validate.js';

export type GridImportResult = { ok: boolean; problems: ImportProblem[]; count: number };

/**
 * Imports grids from a GeoJSON, CSV or Excel file: parse, validate against the
 * village boundaries and against the grids already stored in the villages the
 * file touches, then upsert everything in one transaction — or nothing at all.
 */
export async function importGridsFromFile(
  db: Db,
  file: string,
  opts: { dryRun?: boolean; actor?: Actor | null } = {},
): Promise<GridImportResult> {
  const data = await fs.readFile(file);
  return importGrids(db, path.basename(file), data, opts);
}

export async function importGrids(
  db: Db,
  fileName: string,
  data: Uint8Array,
  opts: { dryRun?: boolean; actor?: Actor | null } = {},
): Promise<GridImportResult> {
  const parsed = await parseImportFile(fileName, data);
  const villageCodes = [
    ...new Set(parsed.items.map((i) => i.code.slice(0, 12)).filter((c) => /^\d{12}$/.test(c))),
  ];
  const villages = villageCodes.length
    ? await db
        .selectFrom('region')
        .select(['code', 'geometry', 'county_code'])
        .where('level', '=', 'village')
        .where('code', 'in', villageCodes)
        .execute()
    : [];
  const byCode = new Map(villages.map((v) => [v.code, v]));
  const inFile = new Set(parsed.items.map((i) => i.code));
  const existing = villageCodes.length
    ? await db
        .selectFrom('region')
        .select(['code', 'name', 'geometry'])
        .where('level', '=', 'grid')
        .where('parent_code', 'in', villageCodes)
        .where('geometry', 'is not', null)
        .execute()
    : [];
  // Stored grids the file leaves alone take part in the overlap check; listed first, so an
  // overlap is reported on the file's feature.
  const kept: ImportItem[] = existing
    .filter((g) => !inFile.has(g.code))
    .map((g, i) => ({
      source: { type: 'feature', number: -(i + 1) },
      where: `stored grid ${g.code}`,
      whereZh: `已有网格 ${g.code}`,
      code: g.code,
      name: g.name,
      geometry: g.geometry as unknown as Polygon | MultiPolygon,
    }));
  const result = validateGridImport(
    { items: [...kept, ...parsed.items], problems: parsed.problems },
    {
      parentOf: (code) => {
        const v = byCode.get(code);
        return v
          ? { code: v.code, polygon: (v.geometry as unknown as Polygon | MultiPolygon | null) ?? null }
          : undefined;
      },
    },
  );
  const problems = result.problems;
  if (problems.length > 0 || opts.dryRun)
    return { ok: problems.length === 0, problems, count: parsed.items.length };

  await db.transaction().execute(async (tx) => {
    for (const item of parsed.items) {
      const village = byCode.get(item.code.slice(0, 12));
      const geometry = item.geometry ?? null;
      const [w, s, e, n] = geometry ? geometryBbox(geometry) : [null, null, null, null];
      const values = {
        name: item.name,
        kind: item.kind ?? null,
        geometry: geometry ? JSON.stringify(geometry) : null,
        min_lng: w,
        min_lat: s,
        max_lng: e,
        max_lat: n,
        updated_at: new Date(),
      };
      await tx
        .insertInto('region')
        .values({
          code: item.code,
          parent_code: item.code.slice(0, 12),
          county_code: village?.county_code ?? item.code.slice(0, 6),
          level: 'grid',
          path: pathOf(item.code),
          ...values,
        })
        .onConflict((oc) => oc.column('code').doUpdateSet(values))
        .execute();
    }
    await tx
      .updateTable('grid_index_version')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .execute();
    await recordAudit(tx, {
      actor: opts.actor ?? null,
      countyCode: parsed.items[0]?.code.slice(0, 6) ?? null,
      action: 'grids.import',
      entityType: 'region',
      entityId: null,
      after: { file: fileName, codes: parsed.items.map((i) => i.code) },
    });
  });
  return { ok: true, problems: [], count: parsed.items.length };
}
