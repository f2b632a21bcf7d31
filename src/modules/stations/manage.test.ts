import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

/** Editing a station, its people and its stock: each change locks the station, is scoped and audited once. */
let t: TestApp;
const h: Record<string, { authorization: string }> = {};
let stationId: number;

const call = (who: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: h[who]!, payload });
const audits = (action: string) =>
  t.db
    .selectFrom('audit_log')
    .select(['entity_id', 'before', 'after'])
    .where('action', '=', action)
    .where('entity_type', '=', 'station')
    .where('entity_id', '=', String(stationId))
    .orderBy('id')
    .execute();

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['village', 'zhangjia-village', 'gridworker']) h[u] = await signIn(t.app, u);
  const { scope_code } = await t.db
    .selectFrom('account')
    .select('scope_code')
    .where('username', '=', 'village')
    .executeTakeFirstOrThrow();
  const st = await t.db
    .selectFrom('station')
    .select('id')
    .where('region_code', '=', scope_code)
    .where('kind', '=', 'station')
    .executeTakeFirstOrThrow();
  stationId = Number(st.id);
});
afterAll(() => t.close());

describe('managing a station', () => {
  it('edits hours and services, audited with the fields; another village gets 404 and changes nothing', async () => {
    const r = await call('village', 'PATCH', `/stations/${stationId}`, {
      openingHours: '每天 8:00–20:00',
      services: ['lending', 'elderly_care', 'lending'],
    });
    expect(r.statusCode, r.body).toBe(204);
    const d = (await call('village', 'GET', `/stations/${stationId}`)).json();
    expect(d.openingHours).toBe('每天 8:00–20:00');
    expect(d.services).toEqual(['lending', 'elderly_care']);
    expect(d.lends).toBe(true); // left out of the patch: unchanged (once switched off by a default)
    expect((await audits('station.update')).map((a) => a.after)).toEqual([
      { fields: ['openingHours', 'services'] },
    ]);

    const other = await call('zhangjia-village', 'PATCH', `/stations/${stationId}`, {
      openingHours: '不开放',
    });
    expect(other.statusCode).toBe(404);
    expect((await call('village', 'GET', `/stations/${stationId}`)).json().openingHours).toBe(
      '每天 8:00–20:00',
    );
    expect(await audits('station.update')).toHaveLength(1);
    // a grid worker reads but does not manage
    expect((await call('gridworker', 'PATCH', `/stations/${stationId}`, { name: '改名' })).statusCode).toBe(
      403,
    );
  });

  it('adds and removes a volunteer; a second removal is 404 and audits nothing', async () => {
    const before = (await call('village', 'GET', `/stations/${stationId}`)).json().volunteers;
    const r = await call('village', 'POST', `/stations/${stationId}/people`, {
      role: 'volunteer',
      name: '李秀英',
      duty: '周三值班',
    });
    expect(r.statusCode, r.body).toBe(201);
    const personId = r.json().id;
    expect((await call('village', 'GET', `/stations/${stationId}`)).json().volunteers).toBe(before + 1);
    expect((await audits('station.person_add')).map((a) => a.after)).toEqual([
      { personId, role: 'volunteer' },
    ]);
    const url = `/stations/${stationId}/people/${personId}/remove`;
    expect((await call('village', 'POST', url)).statusCode).toBe(204);
    expect((await call('village', 'POST', url)).statusCode).toBe(404);
    expect(await audits('station.person_remove')).toHaveLength(1);
    expect((await call('village', 'GET', `/stations/${stationId}`)).json().volunteers).toBe(before);
  });

  it('sets a new kind of stock, then changes it; the audit keeps old and new totals', async () => {
    const rows = await countRows(t.db, 'station_stock');
    expect(
      (await call('village', 'PUT', `/stations/${stationId}/stock`, { itemKind: 'ladder', total: 2 }))
        .statusCode,
    ).toBe(204);
    expect(
      (await call('village', 'PUT', `/stations/${stationId}/stock`, { itemKind: 'ladder', total: 3 }))
        .statusCode,
    ).toBe(204);
    expect(await countRows(t.db, 'station_stock')).toBe(rows + 1);
    const d = (await call('village', 'GET', `/stations/${stationId}`)).json();
    expect(d.stock.find((k: { itemKind: string }) => k.itemKind === 'ladder')).toEqual({
      itemKind: 'ladder',
      total: 3,
      onHand: 3,
    });
    expect((await audits('station.stock')).map((a) => [a.before, a.after])).toEqual([
      [
        { itemKind: 'ladder', total: 0 },
        { itemKind: 'ladder', total: 2 },
      ],
      [
        { itemKind: 'ladder', total: 2 },
        { itemKind: 'ladder', total: 3 },
      ],
    ]);
  });
});
