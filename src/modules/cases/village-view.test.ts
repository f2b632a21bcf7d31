import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointInGrid } from '../../../test/fixtures.js';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /cases/village (村里的事)', () => {
  it('masks phone and ID numbers in every form people type them', async () => {
    const resident = await signIn(t.app, 'resident');
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: resident })).json();
    const at = await pointInGrid(t.db, me.scope.code);
    const description =
      '路灯不亮 2026-12-06 起，联系 139 8765 4321 或 +86 139-1234-5678，身份证 211221 19900101 123x';
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: resident,
      payload: { categoryCode: 'E0102', description, lat: at.lat, lng: at.lng },
    });
    expect(made.statusCode, made.body).toBe(201);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/cases/village', headers: resident });
    const item = res.json().items.find((c: { number: string }) => c.number === made.json().number);
    expect(item.description).toBe(
      '路灯不亮 2026-12-06 起，联系 139****4321 或 +86 139****5678，身份证 2****************X',
    );
  });
});
