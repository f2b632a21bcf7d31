/**
 * The loan list officials work with (issue 11): the list kit's common cases (test/lists.ts) and
 * what only loans have — the borrower's name searched, the overdue filter kept in the export.
 */
import { countBelow } from '../../../test/kits/lists.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { describeList, getList, readExport, type H } from '../../../test/lists.js';

type Item = {
  id: number;
  stationName: string;
  residentName: string;
  itemKind: string;
  state: string;
  lentAt: string;
  dueAt: string;
  overdue: boolean;
};
let t: TestApp;
let village: H;

beforeAll(async () => {
  t = await createTestApp();
  village = await signIn(t.app, 'village');
});
afterAll(() => t.close());

describeList<Item>(
  {
    name: 'the loan list',
    url: '/api/v1/station-loans',
    exportUrl: '/api/v1/station-loans/export.xlsx',
    audit: 'station_loan.export',
    count: countBelow('station_loan', 'region_path'),
    sorts: [
      ['id', 'id'],
      ['lentAt', 'lentAt'],
      ['dueAt', 'dueAt'],
      ['state', 'state'],
      ['item', 'itemKind'],
    ],
    text: (i) => `${i.stationName} ${i.residentName}`,
    exportQuery: 'sort=-lentAt',
    firstColumn: (i) => i.id,
    header: '编号',
    refused: ['resident', 'gridworker', 'department', 'party', 'admin'],
  },
  () => t,
);

describe('the loan list: its own search and filters', () => {
  it('finds a loan by its number and by the borrower’s name', async () => {
    const { page } = await getList<Item>(t, village, '/api/v1/station-loans?sort=-id&limit=1');
    const one = page.items[0]!;
    // a number search takes 3 digits or more (a shorter one is refused); the demo's loan ids are small
    const digits = String(one.id).padStart(3, '0');
    const short = String(one.id).length < 3;
    const byNumber = await getList<Item>(t, village, `/api/v1/station-loans?number=${digits}&limit=200`);
    expect(byNumber.status).toBe(200);
    expect(byNumber.page.items.every((i) => String(i.id).includes(digits))).toBe(true);
    if (!short) expect(byNumber.page.items.map((i) => i.id)).toContain(one.id);
    expect((await getList(t, village, '/api/v1/station-loans?number=12')).status).toBe(400);
    const none = await getList<Item>(t, village, `/api/v1/station-loans?number=${one.id}99999`);
    expect(none.page.total).toBe(0);
    const byName = await getList<Item>(
      t,
      village,
      `/api/v1/station-loans?q=${encodeURIComponent(one.residentName)}&limit=200`,
    );
    expect(byName.page.items.map((i) => i.id)).toContain(one.id);
    expect(
      byName.page.items.every((i) => `${i.stationName} ${i.residentName}`.includes(one.residentName)),
    ).toBe(true);
  });

  it('exports only the overdue loans when the list is filtered to them', async () => {
    const listed = await getList<Item>(t, village, '/api/v1/station-loans?overdue=true&limit=200');
    const rows = await readExport(t, village, '/api/v1/station-loans/export.xlsx?overdue=true');
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(listed.page.items.map((i) => i.id));
    expect(listed.page.items.every((i) => i.overdue)).toBe(true);
    expect(rows.slice(1).every((r) => r[7] === '是')).toBe(true);
  });
});
