import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import type { Headers } from '../../../test/kits/errands.js';

let t: TestApp;
const h: Record<string, Headers> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['resident', 'gridworker', 'admin', 'zhangjia']) h[u] = await signIn(t.app, u);
}, 120_000);
afterAll(async () => t?.close());

const item = {
  kind: 'proxy',
  nameZh: '农村危房改造申请',
  nameEn: 'Rural unsafe-house renovation application',
  guideZh: '村里入户核查后报乡镇。',
  guideEn: 'The village checks the house and sends it to the township.',
  materials: ['身份证', '户口簿'],
  handledAt: 'county',
  promiseDays: 20,
};

describe('the catalogue of service items (清单制)', () => {
  it('gives every signed-in user the active catalogue with guides and materials', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/service-items', headers: h.resident! });
    const items = res.json().items as Array<{
      code: string;
      kind: string;
      materials: string[];
      handledAt: string;
    }>;
    expect(items.find((i) => i.code === 'pension_certification')).toMatchObject({
      kind: 'proxy',
      handledAt: 'village',
    });
    expect(items.find((i) => i.code === 'pay_power')?.materials.length).toBeGreaterThan(0);
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(['errand', 'proxy']));
    // 盘山县 has its own copy of the defaults
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/service-items', headers: h.zhangjia! })).json().items
        .length,
    ).toBe(items.length);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/service-items' })).statusCode).toBe(401);
  });

  it('lets only administrators add, edit and retire items, audited', async () => {
    const put = (who: string, code: string, body: object) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/admin/service-items/${code}`,
        headers: h[who]!,
        payload: body,
      });
    expect((await put('gridworker', 'house_renovation', item)).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/admin/service-items', headers: h.gridworker! }))
        .statusCode,
    ).toBe(403);
    expect((await put('admin', 'House-Renovation', item)).statusCode).toBe(400);
    expect((await put('admin', 'house_renovation', { ...item, promiseDays: 99 })).statusCode).toBe(400);
    expect(
      await t.db.selectFrom('service_item').select('code').where('code', '=', 'house_renovation').execute(),
    ).toEqual([]);

    const created = await put('admin', 'house_renovation', item);
    expect(created.json()).toMatchObject({ code: 'house_renovation', active: true, promiseDays: 20 });
    const retired = await put('admin', 'house_renovation', { ...item, active: false });
    expect(retired.json().active).toBe(false);

    const active = (
      await t.app.inject({ method: 'GET', url: '/api/v1/service-items', headers: h.resident! })
    ).json().items;
    expect(active.some((i: { code: string }) => i.code === 'house_renovation')).toBe(false);
    const all = (
      await t.app.inject({ method: 'GET', url: '/api/v1/admin/service-items', headers: h.admin! })
    ).json().items;
    expect(all.find((i: { code: string }) => i.code === 'house_renovation')).toMatchObject({ active: false });
    const ask = await t.app.inject({
      method: 'POST',
      url: '/api/v1/errands',
      headers: h.resident!,
      payload: { serviceCode: 'house_renovation', detail: '房子漏雨' },
    });
    expect(ask.json().error.code).toBe('SERVICE_ITEM_NOT_FOUND');

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('entity_type', '=', 'service_item')
      .where('entity_id', '=', 'house_renovation')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['service_item.create', 'service_item.update']);
    expect(audit[1]).toMatchObject({ before: { active: true }, after: { active: false } });
  });
});
