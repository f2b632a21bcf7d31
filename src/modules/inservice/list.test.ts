/**
 * The registration list officials work with (issue 11): the list kit's common cases (test/lists.ts)
 * and what only in-service members have — the employer unit searched, the phone masked in the export.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { countBelow } from '../../../test/kits/lists.js';
import { describeList, getList, readExport, type H } from '../../../test/lists.js';

type Item = {
  id: number;
  name: string;
  homeName: string;
  employerUnit: string;
  employerOrgName: string | null;
  status: string;
  createdAt: string;
  hours: number;
};
let t: TestApp;
let county: H;
let neighbour: number;
const PHONE = '13904199001';

beforeAll(async () => {
  t = await createTestApp();
  county = await signIn(t.app, 'county');
  // the demo's members all live in the demo village: one more signs up in another village of the county
  const { rows } = await sql<{ code: string }>`
    SELECT r.code FROM region r JOIN account a ON a.username = 'village'
    WHERE r.level = 'village' AND r.county_code = a.county_code AND r.code <> a.scope_code
    ORDER BY r.code LIMIT 1`.execute(t.db);
  // a number of four digits, so that a part of it (three digits at least) can be searched
  await sql`SELECT setval(pg_get_serial_sequence('in_service_member', 'id'), 4700)`.execute(t.db);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/in-service/sign-up',
    payload: {
      username: 'zaizhi-list',
      displayName: '列表测试党员',
      password: 'long-enough-password',
      phone: PHONE,
      homeCode: rows[0]!.code,
      employerUnit: '县自然资源局',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  neighbour = res.json<{ id: number }>().id;
});
afterAll(() => t.close());

describeList<Item>(
  {
    name: 'the in-service registration list',
    url: '/api/v1/in-service/registrations',
    exportUrl: '/api/v1/in-service/registrations/export.xlsx',
    audit: 'in_service.export',
    count: countBelow('in_service_member', 'home_path'),
    sorts: [
      ['id', 'id'],
      ['createdAt', 'createdAt'],
      ['name', 'name'],
      ['home', 'homeName'],
      ['status', 'status'],
      ['hours', 'hours'],
    ],
    text: (i) => `${i.name} ${i.homeName} ${i.employerUnit} ${i.employerOrgName ?? ''}`,
    exportQuery: 'sort=-hours',
    firstColumn: (i) => i.id,
    header: '编号',
    refused: ['resident', 'gridworker', 'department', 'admin'],
  },
  () => t,
);

describe('the in-service registration list: its own search and masking', () => {
  it('finds a member by the employer unit and by the registration’s number', async () => {
    const words = await getList<Item>(
      t,
      county,
      `/api/v1/in-service/registrations?q=${encodeURIComponent('自然资源')}`,
    );
    expect(words.page.items.map((i) => i.id)).toEqual([neighbour]);
    expect(words.page.total).toBe(1);
    expect(neighbour).toBeGreaterThan(4700);
    const part = String(neighbour).slice(1);
    const byNumber = await getList<Item>(t, county, `/api/v1/in-service/registrations?number=${part}`);
    expect(byNumber.status).toBe(200);
    expect(byNumber.page.items.map((i) => i.id)).toEqual([neighbour]);
  });

  it('exports the phone masked, never in full', async () => {
    const rows = await readExport(
      t,
      county,
      `/api/v1/in-service/registrations/export.xlsx?q=${encodeURIComponent('自然资源')}`,
    );
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('139****9001');
    expect(rows.flat().join(' ')).not.toContain(PHONE);
  });

  it('a member cannot search by phone: a phone as keyword is refused (400)', async () => {
    const res = await getList(t, county, `/api/v1/in-service/registrations?q=${PHONE}`);
    expect(res.status).toBe(400);
  });
});
