/**
 * The team list officials work with (issue 11): the list kit's common cases (test/lists.ts) and what
 * only teams have — a member's name found, the duty masked in the export, a grid worker who reads
 * but does not export.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { countBelow, scopeCodeOf } from '../../../test/kits/lists.js';
import { describeList, getList, readExport, type H } from '../../../test/lists.js';

type Item = {
  id: number;
  villageName: string;
  kind: string;
  code: string;
  name: string;
  duty: string;
  members: number;
};
const URL = '/api/v1/teams';
let t: TestApp;
let village: H;
let marked: number;
const PHONE = '13700008888';

beforeAll(async () => {
  t = await createTestApp();
  village = await signIn(t.app, 'village');
  const code = await scopeCodeOf(t, village);
  // a local group whose duty carries a phone (typed before the public-text rule), with a member named 钱多多
  const { rows } = await sql<{ id: number; county_code: string }>`
    UPDATE team SET duty = ${`护河夜巡小队 联系${PHONE}`}
    WHERE id = (SELECT min(id) FROM team WHERE kind = 'group' AND village_code = ${code})
    RETURNING id::int AS id, county_code`.execute(t.db);
  marked = rows[0]!.id;
  const add = await t.app.inject({
    method: 'POST',
    url: `${URL}/${marked}/members`,
    headers: village,
    payload: { name: '钱多多', title: '队员' },
  });
  expect(add.statusCode, add.body).toBeLessThan(300);
});
afterAll(() => t.close());

describeList<Item>(
  {
    name: 'the team list',
    url: URL,
    exportUrl: `${URL}/export.xlsx`,
    audit: 'team.export',
    count: countBelow('team', 'village_path'),
    sorts: [
      ['id', 'id'],
      ['village', 'villageName'],
      ['kind', 'kind'],
      ['code', 'code'],
      ['name', 'name'],
      ['members', 'members'],
    ],
    text: (i) => `${i.name} ${i.duty} ${i.villageName}`,
    exportQuery: 'sort=-members',
    firstColumn: (i) => i.id,
    header: '编号',
    refused: ['resident', 'gridworker', 'department', 'admin'],
  },
  () => t,
);

describe('the team list: its own search and masking', () => {
  it('finds a team by a member’s name', async () => {
    const r = await getList<Item>(t, village, `${URL}?q=${encodeURIComponent('钱多多')}`);
    expect(r.page.items.map((i) => i.id)).toEqual([marked]);
    expect(r.page.total).toBe(1);
  });

  it('masks a phone written in the duty in the export; the row is there', async () => {
    const rows = await readExport(t, village, `${URL}/export.xlsx?q=${encodeURIComponent('护河夜巡小队')}`);
    expect(rows).toHaveLength(2);
    expect(rows[1]![0]).toBe(String(marked));
    const text = rows.flat().join(' ');
    expect(text).toContain('护河夜巡小队');
    expect(text).not.toContain(PHONE);
  });

  it('a grid worker reads the teams but exports nothing (403)', async () => {
    const worker = await signIn(t.app, 'gridworker');
    expect((await getList(t, worker, `${URL}?limit=1`)).status).toBe(200);
    const res = await t.app.inject({ method: 'GET', url: `${URL}/export.xlsx`, headers: worker });
    expect(res.statusCode).toBe(403);
  });
});
