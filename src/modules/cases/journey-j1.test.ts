/**
 * J1 (seed 004): 2022-12-28 09:41 a villager of 盘山县太平街道张家村 reports broken
 * paving by the road with a photo; grid worker 孟倩 reports it to the street
 * command centre; the centre dispatches it to the street's urban-management
 * office; the next day at 16:00 the office posts "repaired" with a photo.
 * The villager sees every step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { actOn, jpeg, pointInGrid, upload } from '../../../test/fixtures.js';
import { J1 } from '../demo/index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type H = { authorization: string };
const act = (h: H, id: number, action: string, body: object = {}) => actOn(t.app, h, id, action, body);

describe('J1 snap-and-report, 随手拍 (盘山县太平街道张家村)', () => {
  it('runs from the villager’s photo to "repaired" with proof, seen by the villager at every step', async () => {
    const villager = await signIn(t.app, 'zhangjia');
    const mengqian = await signIn(t.app, 'mengqian');
    const centre = await signIn(t.app, 'taiping');
    const office = await signIn(t.app, 'taiping-cgb');

    // 2022-12-28 09:41 — the report, with a photo, located by the phone
    t.clock.set('2022-12-28T09:41:00+08:00');
    const before = await upload(t.app, villager, await jpeg('#7a6a5a'));
    const at = await pointInGrid(t.db, J1.grid);
    const categories = (
      await t.app.inject({ method: 'GET', url: '/api/v1/categories?q=路面', headers: villager })
    ).json().items;
    const paving = categories.find((c: { name: string }) => c.name === '路面破损');
    expect(paving).toBeDefined();
    const rep = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: villager,
      payload: {
        source: 'resident_app',
        categoryCode: paving.code,
        description: '路边铺装破损，行人容易绊倒',
        lat: at.lat,
        lng: at.lng,
        photoIds: [before],
        attributes: defaultAnswers(paving.attributes),
      },
    });
    expect(rep.statusCode, rep.body).toBe(201);
    const { id, number } = rep.json();
    expect(number).toMatch(/^211122-20221228-\d{6}$/);

    // 孟倩 finds it in her inbox and reports it to the street command centre
    const inbox = (
      await t.app.inject({ method: 'GET', url: '/api/v1/cases?waiting=true', headers: mengqian })
    ).json().items;
    expect(inbox.map((c: { id: number }) => c.id)).toContain(id);
    const mine = (
      await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: mengqian })
    ).json();
    expect(mine.gridCode).toBe(J1.grid);
    expect(mine.actions).toContain('escalate');
    t.clock.set('2022-12-28T09:58:00+08:00');
    const esc = await act(mengqian, id, 'escalate', {
      note: '路面破损需街道城管办维修',
      version: mine.version,
    });
    expect(esc.statusCode, esc.body).toBe(200);
    expect(esc.json()).toMatchObject({ state: 'filed', tier: 'township' });

    // the centre dispatches it to the street's urban-management office
    const depts = (
      await t.app.inject({ method: 'GET', url: '/api/v1/departments?tier=township', headers: centre })
    ).json().items;
    const cgb = depts.find(
      (d: { code: string; regionCode: string }) =>
        d.code === 'urban_management_office' && d.regionCode === J1.township,
    );
    expect(cgb.name).toBe('太平街道城市管理办公室');
    t.clock.set('2022-12-28T10:20:00+08:00');
    expect(
      (await act(centre, id, 'dispatch', { departmentId: cgb.id, note: '请城管办维修' })).json().state,
    ).toBe('dispatched');

    // the office accepts, and the next day at 16:00 posts "repaired" with a photo
    t.clock.set('2022-12-28T10:45:00+08:00');
    expect((await act(office, id, 'accept')).json().state).toBe('accepted');
    t.clock.set('2022-12-29T16:00:00+08:00');
    const noPhoto = await act(office, id, 'handle', { note: '已修复' });
    expect(noPhoto.statusCode).toBe(400);
    expect(noPhoto.json().error.code).toBe('AFTER_PHOTO_REQUIRED');
    const after = await upload(t.app, office, await jpeg('#9a9a9a'));
    expect((await act(office, id, 'handle', { note: '已修复', photoIds: [after] })).json().state).toBe(
      'handled',
    );

    // the centre verifies and closes; the villager rates it
    t.clock.set('2022-12-29T16:30:00+08:00');
    expect((await act(centre, id, 'close', { note: '核查属实，已修复' })).json().state).toBe('closed');

    const seen = (
      await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: villager })
    ).json();
    expect(seen.state).toBe('closed');
    expect(seen.reporterContact).toBeNull();
    expect(seen.history.map((h: { action: string }) => h.action)).toEqual([
      'report',
      'escalate',
      'dispatch',
      'accept',
      'handle',
      'close',
    ]);
    expect(seen.history.map((h: { at: string }) => h.at)).toEqual([
      '2022-12-28T01:41:00.000Z',
      '2022-12-28T01:58:00.000Z',
      '2022-12-28T02:20:00.000Z',
      '2022-12-28T02:45:00.000Z',
      '2022-12-29T08:00:00.000Z',
      '2022-12-29T08:30:00.000Z',
    ]);
    const handled = seen.history.find((h: { action: string }) => h.action === 'handle');
    // the villager reads the step, its time, the reply and the photo — not who in which office
    expect(handled).toMatchObject({
      actorName: null,
      departmentName: null,
      tier: 'township',
      note: '已修复',
      photoIds: [after],
    });
    expect(seen.photos.map((p: { id: string; phase: string }) => [p.id, p.phase])).toEqual([
      [before, 'before'],
      [after, 'after'],
    ]);
    expect(seen.actions).toEqual(['evaluate']);

    // the villager can open the completion photo (EXIF-free public copy)
    const img = await t.app.inject({
      method: 'GET',
      url: `/api/v1/photos/${after}/public`,
      headers: villager,
    });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect(img.rawPayload.subarray(0, 2).toString('hex')).toBe('ffd8');

    // … and was told at every step
    const notes = (await t.app.inject({ method: 'GET', url: '/api/v1/inbox', headers: villager }))
      .json()
      .items.map((n: { kind: string }) => n.kind);
    for (const k of ['case.escalate', 'case.dispatch', 'case.accept', 'case.handle', 'case.close'])
      expect(notes).toContain(k);

    t.clock.set('2022-12-29T18:00:00+08:00');
    const rate = await act(villager, id, 'evaluate', { evaluation: 'satisfied', note: '修得很快，谢谢' });
    expect(rate.statusCode).toBe(200);
    expect((await act(villager, id, 'evaluate', { evaluation: 'satisfied' })).statusCode).toBe(409);

    // everything in the audit log, in the same transactions
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'case')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'case.report',
      'case.escalate',
      'case.dispatch',
      'case.accept',
      'case.handle',
      'case.close',
      'case.evaluate',
    ]);
  });
});

function defaultAnswers(
  attrs: Array<{ code: string; required: boolean; datatype: string; values?: Array<{ key: string }> }>,
) {
  const out: Record<string, string | string[]> = {};
  for (const a of attrs) {
    if (!a.required) continue;
    out[a.code] = a.datatype === 'multivaluelist' ? [a.values![0]!.key] : (a.values?.[0]?.key ?? '1');
  }
  return out;
}
