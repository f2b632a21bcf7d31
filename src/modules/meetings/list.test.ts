/**
 * The meeting list officials work with (issue 11): the list kit's common cases (test/lists.ts) and
 * what only meetings have — the keyword in the title, place or convener, masked free text in the export.
 */
import { sql } from 'kysely';
import { countBelow } from '../../../test/kits/lists.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { describeList, getList, readExport, type H } from '../../../test/lists.js';

type Item = {
  id: number;
  title: string;
  place: string;
  convenerName: string;
  regionName: string;
  heldOn: string;
  kind: string;
  state: string;
  matters: number;
};
let t: TestApp;
let village: H;
let villageCode: string;
const PHONE = '13700006666';
let marked: { id: number };

beforeAll(async () => {
  t = await createTestApp();
  village = await signIn(t.app, 'village');
  villageCode = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: village })).json().scope
    .code;
  // a meeting whose place carries a phone (typed before the public-text rule): the export masks it
  marked = await t.db
    .selectFrom('meeting')
    .select('id')
    .where(sql<boolean>`region_path <@ (SELECT path FROM region WHERE code = ${villageCode})`)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  await t.db
    .updateTable('meeting')
    .set({ title: '旱厕改造议事', place: `村部二楼 联系${PHONE}` })
    .where('id', '=', Number(marked.id))
    .execute();
});
afterAll(() => t.close());

describeList<Item>(
  {
    name: 'the meeting list',
    url: '/api/v1/meetings',
    exportUrl: '/api/v1/meetings/export.xlsx',
    audit: 'meeting.export',
    count: countBelow('meeting', 'region_path'),
    sorts: [
      ['heldOn', 'heldOn'],
      ['title', 'title'],
      ['kind', 'kind'],
      ['matters', 'matters'],
    ],
    text: (i) => `${i.title} ${i.place} ${i.convenerName} ${i.regionName}`,
    exportQuery: 'sort=-heldOn',
    firstColumn: (i) => i.id,
    header: '编号',
    number: false,
    refused: ['resident', 'gridworker', 'department'],
  },
  () => t,
);

describe('the meeting list: its own search and masking', () => {
  it('finds a meeting by words of its title', async () => {
    const words = await getList<Item>(t, village, `/api/v1/meetings?q=${encodeURIComponent('旱厕改造')}`);
    expect(words.status).toBe(200);
    expect(words.page.items.map((i) => i.id)).toEqual([Number(marked.id)]);
    expect(words.page.total).toBe(1);
  });

  it('masks a phone written in the place in the export; the row is there', async () => {
    const rows = await readExport(
      t,
      village,
      `/api/v1/meetings/export.xlsx?q=${encodeURIComponent('旱厕改造')}`,
    );
    expect(rows).toHaveLength(2);
    expect(rows[1]![0]).toBe(String(marked.id));
    const text = rows.flat().join(' ');
    expect(text).toContain('村部二楼');
    expect(text).not.toContain(PHONE);
  });

  it('a grid worker reads the meetings but exports nothing (403)', async () => {
    const worker = await signIn(t.app, 'gridworker');
    expect((await getList(t, worker, '/api/v1/meetings?limit=1')).status).toBe(200);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/meetings/export.xlsx', headers: worker });
    expect(res.statusCode).toBe(403);
  });
});
