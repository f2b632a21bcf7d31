/**
 * The points ledger officials work with (issue 11): the list kit's common cases (test/lists.ts) and
 * what only the ledger has — no ranking by balance, the direction filter, the note masked in the export.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { countBelow } from '../../../test/kits/lists.js';
import { describeList, getList, readExport, type H } from '../../../test/lists.js';

type Item = {
  id: number;
  at: string;
  workerName: string;
  gridName: string;
  villageName: string | null;
  reason: string;
  delta: number;
  note: string | null;
};
const URL = '/api/v1/points/ledger';
let t: TestApp;
let village: H;
let marked: number;
const PHONE = '13700007777';

beforeAll(async () => {
  t = await createTestApp();
  village = await signIn(t.app, 'village');
  const code = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: village })).json().scope.code;
  // a note with a phone typed in it (e.g. a correction's reason): the export masks it
  const { rows } = await sql<{ id: number }>`
    UPDATE points_entry SET note = ${`补录 打扫楼道 联系${PHONE}`}
    WHERE id = (SELECT min(id) FROM points_entry
                WHERE grid_path <@ (SELECT path FROM region WHERE code = ${code}))
    RETURNING id::int AS id`.execute(t.db);
  marked = rows[0]!.id;
  // the demo's entries all lie in the demo village: the township awards a part-time worker of another village
  const township = await signIn(t.app, 'township');
  const other = await sql<{ id: number }>`
    SELECT w.id::int AS id FROM grid_worker w, account a, region s, region v
    WHERE a.username = 'township' AND s.code = a.scope_code AND v.code = ${code}
      AND w.county_code = a.county_code AND w.employment = 'partTime' AND w.active
      AND w.grid_path <@ s.path AND NOT w.grid_path <@ v.path
    ORDER BY w.id LIMIT 1`.execute(t.db);
  const award = await t.app.inject({
    method: 'POST',
    url: `/api/v1/workers/${other.rows[0]!.id}/points`,
    headers: township,
    payload: { delta: 2, reason: '协助调解' },
  });
  expect(award.statusCode, award.body).toBe(200);
});
afterAll(() => t.close());

describeList<Item>(
  {
    name: 'the points ledger',
    url: URL,
    exportUrl: `${URL}/export.xlsx`,
    audit: 'points.export',
    count: countBelow('points_entry', 'grid_path'),
    sorts: [
      ['id', 'id'],
      ['at', 'at'],
      ['worker', 'workerName'],
      ['grid', 'gridName'],
      ['reason', 'reason'],
      ['delta', 'delta'],
    ],
    text: (i) => `${i.workerName} ${i.gridName} ${i.villageName ?? ''} ${i.note ?? ''}`,
    exportQuery: 'sort=-at',
    firstColumn: (i) => i.id,
    header: '编号',
    refused: ['resident', 'gridworker', 'department', 'party', 'admin'],
  },
  () => t,
);

describe('the points ledger: its own filters and masking', () => {
  it('never ranks by balance (400) and is not for grid workers or party organisers (403)', async () => {
    expect((await getList(t, village, `${URL}?sort=-balanceAfter`)).status).toBe(400);
    expect((await getList(t, village, `${URL}?sort=balance`)).status).toBe(400);
    for (const name of ['gridworker', 'party', 'resident'])
      expect((await getList(t, await signIn(t.app, name), URL)).status, name).toBe(403);
  });

  it('filters points earned and spent; the two add up to the whole', async () => {
    const all = (await getList<Item>(t, village, `${URL}?limit=200`)).page;
    const earned = (await getList<Item>(t, village, `${URL}?direction=earned&limit=200`)).page;
    const spent = (await getList<Item>(t, village, `${URL}?direction=spent&limit=200`)).page;
    expect(earned.total).toBeGreaterThan(0);
    expect(earned.total + spent.total).toBe(all.total);
    expect(earned.items.every((i) => i.delta > 0)).toBe(true);
    expect(spent.items.every((i) => i.delta < 0)).toBe(true);
  });

  it('finds the entry by words of its note and masks the phone in the export', async () => {
    const found = await getList<Item>(t, village, `${URL}?q=${encodeURIComponent('打扫楼道')}`);
    expect(found.page.items.map((i) => i.id)).toEqual([marked]);
    const rows = await readExport(t, village, `${URL}/export.xlsx?q=${encodeURIComponent('打扫楼道')}`);
    expect(rows).toHaveLength(2);
    expect(rows[1]![0]).toBe(String(marked));
    const text = rows.flat().join(' ');
    expect(text).toContain('打扫楼道');
    expect(text).not.toContain(PHONE);
  });
});
