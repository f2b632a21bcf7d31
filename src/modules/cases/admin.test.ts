import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { jpeg, pointInGrid, upload } from '../../../test/fixtures.js';
import { escalationTarget } from './escalation.js';

let t: TestApp;
let admin: { authorization: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
});
afterAll(() => t.close());

describe('case administration', () => {
  it('escalation rules: listed, added, changed — and they decide where a case goes', async () => {
    const list = (
      await t.app.inject({ method: 'GET', url: '/api/v1/admin/escalation-rules', headers: admin })
    ).json().items;
    expect(list.length).toBeGreaterThan(10);
    expect(await escalationTarget(t.db, '211221', 'E0102', 'normal', 'village')).toMatchObject({
      toTier: 'township',
    });
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/escalation-rules',
      headers: admin,
      payload: {
        categoryCode: 'E0102',
        urgency: null,
        fromTier: 'township',
        toTier: 'village',
        cc: [],
        note: null,
        active: true,
      },
    });
    expect(bad.statusCode).toBe(400);
    const add = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/escalation-rules',
      headers: admin,
      payload: {
        categoryCode: 'E0102',
        urgency: null,
        fromTier: 'village',
        toTier: 'county',
        cc: ['county_centre'],
        note: '测试：直报县级',
        active: true,
      },
    });
    expect(add.statusCode, add.body).toBe(201);
    expect(await escalationTarget(t.db, '211221', 'E0102', 'normal', 'village')).toMatchObject({
      toTier: 'county',
      cc: ['county_centre'],
    });
    const off = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/escalation-rules/${add.json().id}`,
      headers: admin,
      payload: { ...add.json<Record<string, unknown>>(), id: undefined, active: false },
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(await escalationTarget(t.db, '211221', 'E0102', 'normal', 'village')).toMatchObject({
      toTier: 'township',
    });
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'escalation_rule')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['escalation_rule.create', 'escalation_rule.update']);
    // other roles may not
    const county = await signIn(t.app, 'county');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/admin/escalation-rules', headers: county }))
        .statusCode,
    ).toBe(403);
  });

  // the working calendar and category deadlines: county-settings.test.ts
});

describe('the village’s public view', () => {
  it('shows the village’s cases without personal data, and not disputes', async () => {
    const resident = await signIn(t.app, 'resident');
    const gw = await signIn(t.app, 'gridworker');
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: resident })).json();
    const at = await pointInGrid(t.db, me.scope.code);
    const post = (categoryCode: string, description: string, attributes: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: resident,
        payload: { categoryCode, description, lat: at.lat, lng: at.lng, reporterName: '王大爷', attributes },
      });
    const rubbish = await post('E0102', '村口垃圾没人清，电话13812345678');
    expect(rubbish.statusCode, rubbish.body).toBe(201);
    const dispute = await post('G0101', '邻居占用我家宅基地', {
      previously_mediated: 'no',
      escalation_risk: 'no',
    });
    expect(dispute.statusCode, dispute.body).toBe(201);
    const photo = await upload(t.app, gw, await jpeg());
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${rubbish.json().id}/actions/handle_on_spot`,
      headers: gw,
      payload: { photoIds: [photo], note: '已清运' },
    });

    const view = await t.app.inject({ method: 'GET', url: '/api/v1/cases/village', headers: resident });
    expect(view.statusCode).toBe(200);
    const items = view.json().items as Array<{
      number: string;
      description: string;
      afterPhotoThumbUrl: string | null;
    }>;
    expect(items.map((i) => i.number)).toContain(rubbish.json().number);
    expect(items.map((i) => i.number)).not.toContain(dispute.json().number);
    const shown = items.find((i) => i.number === rubbish.json().number)!;
    expect(shown.description).not.toContain('13812345678');
    expect(shown.afterPhotoThumbUrl).toBe(`/api/v1/photos/${photo}/thumb`);
    // and any villager can open it: a published case photo (not a dispute, not a petition)
    const thumb = await t.app.inject({ method: 'GET', url: shown.afterPhotoThumbUrl!, headers: resident });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect(view.body).not.toContain('王大爷');
    const county = await signIn(t.app, 'county');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/cases/village', headers: county })).statusCode,
    ).toBe(403);
  });
});
