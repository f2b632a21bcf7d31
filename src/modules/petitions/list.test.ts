/** The petition register as a list officials work with (issue 11): the list kit, and the phone search. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { countBelow, scopeCodeOf } from '../../../test/kits/lists.js';
import { auditsOf, describeList, getList, type H } from '../../../test/lists.js';

type Item = {
  id: number;
  number: string;
  matter: string;
  regionName: string;
  headcount: number;
  receivedAt: string;
};
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describeList<Item>(
  {
    name: 'the petition register',
    url: '/api/v1/petitions',
    exportUrl: '/api/v1/petitions/export.xlsx',
    audit: 'petition.export',
    count: countBelow('petition', 'region_path'),
    sorts: [
      ['number', 'number'],
      ['receivedAt', 'receivedAt'],
      ['headcount', 'headcount'],
    ],
    text: (i) => `${i.matter} ${i.regionName}`,
    exportQuery: 'sort=number',
    firstColumn: (i) => i.number,
    header: '登记编号',
    refused: ['resident', 'gridworker', 'department', 'admin', 'party'],
  },
  () => t,
);

describe('the petition register searched by number and by the visitor’s phone', () => {
  const phone = '13904107788';
  let county: H, village: H, id: number, number: string;
  beforeAll(async () => {
    county = await signIn(t.app, 'county');
    village = await signIn(t.app, 'village');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/petitions',
      headers: county,
      payload: {
        visitor: { name: '检索来访人', idNumber: '211221195001011234', phone },
        regionCode: await scopeCodeOf(t, village),
        matter: '拖欠工资（电话检索）',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json<{ id: number }>().id;
    number = (
      await t.db.selectFrom('petition').select('number').where('id', '=', id).executeTakeFirstOrThrow()
    ).number;
  });

  it('finds a registration by a part of its number', async () => {
    const { status, page } = await getList<Item>(t, county, `/api/v1/petitions?number=${number.slice(-6)}`);
    expect(status).toBe(200);
    expect(page.items.map((i) => i.id)).toContain(id);
    expect(page.items.every((i) => i.number.includes(number.slice(-6)))).toBe(true);
  });

  it('finds the visitor’s registrations by phone with a reason, audited as a reveal without the number', async () => {
    const before = (await auditsOf(t, 'petition.search')).length;
    const r = await getList<Item>(
      t,
      county,
      `/api/v1/petitions?phone=${phone}&reason=${encodeURIComponent('核对来访记录')}`,
    );
    expect(r.status).toBe(200);
    expect(r.page.total).toBe(1);
    expect(r.page.items.map((i) => i.id)).toEqual([id]);
    const audits = await auditsOf(t, 'petition.search');
    expect(audits).toHaveLength(before + 1);
    expect(audits.at(-1)).toMatchObject({ entity_id: String(id), reason: '核对来访记录' });
    expect(JSON.stringify(audits.at(-1))).not.toContain(phone);
    // another number: nothing found, still a reveal on record
    const none = await getList<Item>(
      t,
      county,
      `/api/v1/petitions?phone=13900000000&reason=${encodeURIComponent('核对来访记录')}`,
    );
    expect(none.page.total).toBe(0);
    expect(await auditsOf(t, 'petition.search')).toHaveLength(before + 2);
  });

  it('refuses a phone search without a reason (400) and to roles that may not reveal (403, never an empty list)', async () => {
    const before = (await auditsOf(t, 'petition.search')).length;
    expect((await getList(t, county, `/api/v1/petitions?phone=${phone}`)).status).toBe(400);
    for (const name of ['resident', 'gridworker', 'department', 'admin', 'party']) {
      const h = await signIn(t.app, name);
      const r = await getList(
        t,
        h,
        `/api/v1/petitions?phone=${phone}&reason=${encodeURIComponent('核对来访记录')}`,
      );
      expect(r.status, name).toBe(403);
    }
    expect(await auditsOf(t, 'petition.search')).toHaveLength(before);
  });
});
