import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { pointInGrid } from '../../../test/fixtures.js';

type H = { authorization: string };
type Hint = { id: number; summary: string | null; distanceMetres: number };

let t: TestApp;
let reporter: H, villageA: H, county: H, department: H, villageB: H, neighbour: H;
let at: { lat: number; lng: number };
let caseId: number;

const PHONE = '139-1234-5678';

async function account(admin: H, username: string, role: string, scopeCode: string): Promise<H> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/accounts',
    headers: admin,
    payload: { username, displayName: username, password: 'a-long-password', role, scopeCode },
  });
  expect(res.statusCode, res.body).toBe(201);
  return signIn(t.app, username, 'a-long-password');
}

const similar = async (h: H): Promise<Hint[]> => {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/cases/similar?categoryCode=E0102&lat=${at.lat}&lng=${at.lng}&radius=2000`,
    headers: h,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
};

/** Every hint must be a case the caller can open with GET /cases/{id}. */
async function expectOnlyVisible(h: H, items: Hint[]) {
  for (const s of items) {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${s.id}`, headers: h });
    expect(res.statusCode).toBe(200);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  reporter = await signIn(t.app, 'resident');
  villageA = await signIn(t.app, 'village');
  county = await signIn(t.app, 'county');
  department = await signIn(t.app, 'department');
  const admin = await signIn(t.app, 'admin');
  const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: reporter })).json();
  const grid = me.scope.code as string;
  const vA = grid.slice(0, 12);
  const other = await t.db
    .selectFrom('region')
    .select('code')
    .where('level', '=', 'village')
    .where('parent_code', '=', vA.slice(0, 9))
    .where('code', '!=', vA)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  villageB = await account(admin, 'village-b-staff', 'village_staff', other.code);
  neighbour = await account(admin, 'neighbour-resident', 'resident', grid);
  at = await pointInGrid(t.db, grid);
  const made = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: reporter,
    payload: {
      categoryCode: 'E0102',
      description: `路口垃圾堆了三天，没人清理，请尽快处理，我的电话 ${PHONE}，身份证 211221199001011234`,
      lat: at.lat,
      lng: at.lng,
    },
  });
  expect(made.statusCode, made.body).toBe(201);
  caseId = made.json().id;
});
afterAll(() => t.close());

describe('GET /cases/similar', () => {
  it('shows staff of the village and the county the case, with a short masked summary', async () => {
    for (const h of [villageA, county]) {
      const items = await similar(h);
      const hit = items.find((s) => s.id === caseId);
      expect(hit).toBeDefined();
      expect(hit!.summary).not.toBeNull();
      expect(hit!.summary!.length).toBeLessThanOrEqual(31);
      for (const s of items) expect(s.summary ?? '').not.toMatch(/\d{5,}/);
      expect(JSON.stringify(items)).not.toContain('1234-5678');
      expect(Object.keys(hit!)).not.toContain('description');
      await expectOnlyVisible(h, items);
    }
  });

  it('gives the reporter their own case with no text at all', async () => {
    const items = await similar(reporter);
    expect(items.map((s) => s.id)).toContain(caseId);
    expect(items.every((s) => s.summary === null)).toBe(true);
    await expectOnlyVisible(reporter, items);
  });

  it('shows another resident, a department and another village nothing they cannot open in GET /cases', async () => {
    for (const h of [neighbour, department, villageB]) {
      const items = await similar(h);
      expect(items.map((s) => s.id)).not.toContain(caseId);
      await expectOnlyVisible(h, items);
      const direct = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: h });
      expect(direct.statusCode).toBe(404);
    }
  });
});
