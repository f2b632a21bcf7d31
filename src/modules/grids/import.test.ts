import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import { importGridsFromFile } from './import.js';

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await createTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-import-'));
});
afterAll(() => t.close());

async function villageGrids() {
  const v = await t.db
    .selectFrom('region')
    .select('code')
    .where('level', '=', 'village')
    .where('county_code', '=', '211221')
    .orderBy('code', 'desc')
    .executeTakeFirstOrThrow();
  const grids = await t.db
    .selectFrom('region')
    .select(['code', 'name', 'geometry', 'kind'])
    .where('parent_code', '=', v.code)
    .orderBy('code')
    .execute();
  return { village: v.code, grids };
}

const write = (name: string, body: unknown) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body));
  return file;
};

const snapshot = () =>
  t.db
    .selectFrom('region')
    .select(['code', 'name', 'geometry'])
    .where('level', '=', 'grid')
    .orderBy('code')
    .execute();

describe('grid import', () => {
  it('re-imports a village’s boundaries (renamed) in one transaction and bumps the index version', async () => {
    const { grids } = await villageGrids();
    const fc = {
      type: 'FeatureCollection',
      features: grids.map((g) => ({
        type: 'Feature',
        properties: { code: g.code, name: `${g.name}（新）`, kind: g.kind },
        geometry: g.geometry,
      })),
    };
    const v0 = await t.db.selectFrom('grid_index_version').select('version').executeTakeFirstOrThrow();
    const r = await importGridsFromFile(t.db, write('ok.geojson', fc));
    expect(r).toMatchObject({ ok: true, count: grids.length });
    const after = await t.db
      .selectFrom('region')
      .select('name')
      .where('code', '=', grids[0]!.code)
      .executeTakeFirstOrThrow();
    expect(after.name).toMatch(/（新）$/);
    const v1 = await t.db.selectFrom('grid_index_version').select('version').executeTakeFirstOrThrow();
    expect(v1.version).toBe(v0.version + 1);
    expect(
      await t.db.selectFrom('audit_log').select('id').where('action', '=', 'grids.import').execute(),
    ).toHaveLength(1);
  });

  it('reports every problem with its feature and imports nothing', async () => {
    const { village, grids } = await villageGrids();
    const g0 = grids[0]!;
    const before = await snapshot();
    const fc = {
      type: 'FeatureCollection',
      features: [
        // a new grid drawn over the stored ones: overlap
        { type: 'Feature', properties: { code: `${village}900`, name: '新网格' }, geometry: g0.geometry },
        // not closed
        {
          type: 'Feature',
          properties: { code: `${village}901`, name: '开口' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [123.1, 42.1],
                [123.2, 42.1],
                [123.2, 42.2],
              ],
            ],
          },
        },
        // unknown village and a bad code
        { type: 'Feature', properties: { code: '211221999999001', name: 'x' }, geometry: g0.geometry },
        { type: 'Feature', properties: { code: '12', name: 'y' }, geometry: g0.geometry },
      ],
    };
    const r = await importGridsFromFile(t.db, write('bad.geojson', fc));
    expect(r.ok).toBe(false);
    const codes = r.problems.map((p) => `${p.code}@${p.where}`);
    expect(codes.some((c) => c.startsWith('OVERLAP@feature #1'))).toBe(true);
    expect(codes.some((c) => /^(RING_NOT_CLOSED|TOO_FEW_POINTS)@feature #2/.test(c))).toBe(true);
    expect(codes.some((c) => c.startsWith('UNKNOWN_VILLAGE@feature #3'))).toBe(true);
    expect(codes.some((c) => c.startsWith('INVALID_CODE@feature #4'))).toBe(true);
    expect(r.problems.every((p) => p.messageZh.length > 0 && p.message.length > 0)).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it('reports a CSV line by number and a broken JSON by position', async () => {
    const { village } = await villageGrids();
    const csv = await importGridsFromFile(
      t.db,
      write('list.csv', `code,name\n${village}950,甲\n${village}95,乙\n`),
      { dryRun: true },
    );
    expect(csv.ok).toBe(false);
    expect(csv.problems[0]).toMatchObject({ code: 'INVALID_CODE', where: expect.stringContaining('line 3') });
    const json = await importGridsFromFile(
      t.db,
      write('broken.geojson', '{"type": "FeatureCollection", "features": [}'),
    );
    expect(json.problems[0]?.code).toBe('INVALID_JSON');
  });

  it('the point → grid lookup follows an import without a restart', async () => {
    const { grids } = await villageGrids();
    const [a, b] = grids as [(typeof grids)[0], (typeof grids)[0]];
    const { GridIndex } = await import('../../platform/geo/grid-index.js');
    const only = GridIndex.build([{ code: a.code, polygon: a.geometry as never }]);
    // a point strictly inside A: sample the bbox until the single-grid index says so
    const ring = (a.geometry as { coordinates: number[][][] }).coordinates[0]!;
    const xs = ring.map((p) => p[0]!),
      ys = ring.map((p) => p[1]!);
    let pt: [number, number] | null = null;
    for (let i = 1; i < 400 && !pt; i++) {
      const x = Math.min(...xs) + ((Math.max(...xs) - Math.min(...xs)) * ((i * 37) % 100)) / 100;
      const y = Math.min(...ys) + ((Math.max(...ys) - Math.min(...ys)) * ((i * 61) % 100)) / 100;
      if (only.locate(x, y) === a.code) pt = [x, y];
    }
    expect(pt).not.toBeNull();
    expect(await t.ctx.grids.locate(pt![0], pt![1])).toBe(a.code);
    // swap the two grids' boundaries: valid (same tiling), and the point now belongs to B
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: a.code, name: a.name }, geometry: b.geometry },
        { type: 'Feature', properties: { code: b.code, name: b.name }, geometry: a.geometry },
      ],
    };
    expect((await importGridsFromFile(t.db, write('swap.geojson', fc))).ok).toBe(true);
    t.ctx.grids.invalidate(); // what the 2-second version check does on its own
    expect(await t.ctx.grids.locate(pt![0], pt![1])).toBe(b.code);
  });
});
