import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOn, pointInGrid } from '../../../test/fixtures.js';
import { countRows, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

/** The workflow runner's order, the same for every action: 404 (not visible) → 403 (not yours) → 409 (not now). */
let t: TestApp;
type H = { authorization: string };
let resident: H, village: H, county: H, other: H, office: H;
let at: { lat: number; lng: number };
beforeAll(async () => {
  t = await createTestApp();
  [resident, village, county, other, office] = await Promise.all([
    signIn(t.app, 'resident'),
    signIn(t.app, 'village'),
    signIn(t.app, 'county'),
    signIn(t.app, 'zhangjia-village'), // another county
    signIn(t.app, 'township-cgb'),
  ]);
  const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: resident })).json();
  at = await pointInGrid(t.db, me.scope.code);
});
afterAll(() => t.close());

const count = (table: 'case_history' | 'audit_log' | 'notification') => countRows(t.db, table);
const snapshot = async (id: number) => ({
  history: await count('case_history'),
  audit: await count('audit_log'),
  notes: await count('notification'),
  row: await t.db
    .selectFrom('cases')
    .select(['state', 'version', 'tier'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow(),
});

describe('every case action refuses in one order', () => {
  it('404 for who cannot see, then 403 for who may not act, then 409 — whatever else is wrong', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: resident,
      payload: { categoryCode: 'E0102', description: '路边垃圾', lat: at.lat, lng: at.lng },
    });
    const id = res.json().id as number;
    const before = await snapshot(id);
    const code = async (h: H, action: string, body: object = {}) => {
      const r = await actOn(t.app, h, id, action, body);
      return [r.statusCode, r.json().error?.code];
    };

    // out of sight: 404 even though the state is wrong and the version stale
    expect(await code(other, 'close', { version: 9 })).toEqual([404, 'NOT_FOUND']);
    // a department that never had it does not see it either
    expect(await code(office, 'handle', { photoIds: [crypto.randomUUID()] })).toEqual([404, 'NOT_FOUND']);
    // visible but not theirs: 403 even though the state is wrong ('close' needs 'handled') and the version stale
    expect(await code(county, 'close', { version: 9 })).toEqual([403, 'FORBIDDEN']);
    expect(await code(resident, 'close')).toEqual([403, 'FORBIDDEN']);
    expect(await code(resident, 'evaluate', { evaluation: 'satisfied' })).toEqual([
      409,
      'CASE_ILLEGAL_TRANSITION',
    ]);
    // theirs: a stale version first, then the state
    expect(await code(village, 'close', { version: 9 })).toEqual([409, 'CASE_VERSION_CONFLICT']);
    expect(await code(village, 'close')).toEqual([409, 'CASE_ILLEGAL_TRANSITION']);
    // nothing changed by any refusal: no row, no history, no audit, no notice
    expect(await snapshot(id)).toEqual(before);

    expect((await actOn(t.app, village, id, 'file', { version: 1 })).statusCode).toBe(200);
    expect((await snapshot(id)).row).toMatchObject({ state: 'filed', version: 2 });
  });
});
