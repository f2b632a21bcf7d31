/**
 * The whistle list officials work with (issue 11): the list kit's common cases (test/lists.ts) and
 * what only whistles have — masked free text in the export, a department's own view.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { countBelow, scopeCodeOf } from '../../../test/kits/lists.js';
import { describeList, getList, readExport, type H } from '../../../test/lists.js';

type Item = {
  id: number;
  number: string;
  subject: string;
  description: string;
  regionName: string;
  raisedAt: string;
  dueAt: string;
  state: string;
  departmentId: number;
};
let t: TestApp;
let village: H;
let villageCode: string;
const PHONE = '13700005555';
let marked: { id: number; number: string };

beforeAll(async () => {
  t = await createTestApp();
  village = await signIn(t.app, 'village');
  villageCode = await scopeCodeOf(t, village);
  // a whistle whose description carries a phone (typed before the public-text rule): the export masks it
  marked = await t.db
    .selectFrom('whistle')
    .select(['id', 'number'])
    .where(sql<boolean>`region_path <@ (SELECT path FROM region WHERE code = ${villageCode})`)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  await t.db
    .updateTable('whistle')
    .set({ description: `桥面裂缝扩大 联系人电话${PHONE} 请尽快答复` })
    .where('id', '=', marked.id)
    .execute();
});
afterAll(() => t.close());

describeList<Item>(
  {
    name: 'the whistle list',
    url: '/api/v1/whistles',
    exportUrl: '/api/v1/whistles/export.xlsx',
    audit: 'whistle.export',
    count: countBelow('whistle', 'region_path'),
    sorts: [
      ['number', 'number'],
      ['raisedAt', 'raisedAt'],
      ['dueAt', 'dueAt'],
      ['state', 'state'],
    ],
    text: (i) => `${i.subject} ${i.description} ${i.regionName}`,
    exportQuery: 'sort=-raisedAt',
    firstColumn: (i) => i.number,
    header: '编号',
    refused: ['resident', 'gridworker', 'department', 'party'],
  },
  () => t,
);

describe('the whistle list: its own search and masking', () => {
  it('finds a whistle by its number and by words of its description', async () => {
    const digits = marked.number.replace(/^[A-Za-z]+/, '');
    const byNumber = await getList<Item>(t, village, `/api/v1/whistles?number=${encodeURIComponent(digits)}`);
    expect(byNumber.page.items.map((i) => i.id)).toEqual([marked.id]);
    const words = await getList<Item>(t, village, `/api/v1/whistles?q=${encodeURIComponent('桥面裂缝')}`);
    expect(words.page.items.map((i) => i.id)).toEqual([marked.id]);
  });

  it('masks a phone written in the description in the export; the row is there', async () => {
    const rows = await readExport(
      t,
      village,
      `/api/v1/whistles/export.xlsx?q=${encodeURIComponent('桥面裂缝')}`,
    );
    expect(rows).toHaveLength(2);
    expect(rows[1]![0]).toBe(marked.number);
    const text = rows.flat().join(' ');
    expect(text).toContain('桥面裂缝扩大');
    expect(text).not.toContain(PHONE);
  });

  it('a department exports nothing (403) though it reads its own whistles', async () => {
    const dept = await signIn(t.app, 'department');
    expect((await getList(t, dept, '/api/v1/whistles?limit=1')).status).toBe(200);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/whistles/export.xlsx', headers: dept });
    expect(res.statusCode).toBe(403);
  });
});
