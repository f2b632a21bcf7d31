import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { jpeg, multipart, pointInGrid, upload } from '../../../test/fixtures.js';

let t: TestApp;
let resident: { authorization: string };
let village: { authorization: string };
let gridCode: string;
let point: { lat: number; lng: number };
beforeAll(async () => {
  t = await createTestApp();
  resident = await signIn(t.app, 'resident');
  village = await signIn(t.app, 'village');
  gridCode = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: resident })).json().scope.code;
  point = await pointInGrid(t.db, gridCode);
});
afterAll(() => t.close());

const counts = async () => {
  const n = (table: 'cases' | 'case_history' | 'case_photo' | 'audit_log' | 'notification') =>
    countRows(t.db, table);
  return {
    cases: await n('cases'),
    history: await n('case_history'),
    photos: await n('case_photo'),
    audit: await n('audit_log'),
    notes: await n('notification'),
  };
};

const report = (h: { authorization: string }, payload: object) =>
  t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: h, payload });
const valid = () => ({
  categoryCode: 'E0102',
  description: '路边有暴露垃圾',
  lat: point.lat,
  lng: point.lng,
});

async function newCase(): Promise<{ id: number; version: number }> {
  const res = await report(resident, valid());
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id, version: 1 };
}

describe('bad input changes nothing', () => {
  it('report: missing fields, wrong types, unknown category, outside the county, bad attributes', async () => {
    const before = await counts();
    const cases: Array<[object, number, string]> = [
      [{ ...valid(), categoryCode: undefined }, 400, 'VALIDATION_FAILED'],
      [{ ...valid(), description: '' }, 400, 'VALIDATION_FAILED'],
      [{ ...valid(), lat: 'north' }, 400, 'VALIDATION_FAILED'],
      [{ ...valid(), lat: undefined }, 400, 'VALIDATION_FAILED'],
      [{ categoryCode: 'E0102', description: '没有位置' }, 400, 'VALIDATION_FAILED'],
      [{ ...valid(), categoryCode: 'E9999' }, 400, 'CATEGORY_NOT_FOUND'],
      [{ ...valid(), lat: 39.9, lng: 116.4 }, 400, 'OUTSIDE_COUNTY'],
      [{ ...valid(), lat: 41.2, lng: 122.1 }, 400, 'OUTSIDE_COUNTY'], // 盘山县: another county's grid
      [{ ...valid(), source: 'hotline' }, 403, 'FORBIDDEN'],
      [{ ...valid(), attributes: { no_such_question: 'x' } }, 400, 'ATTRIBUTE_INVALID'],
      [{ ...valid(), photoIds: ['00000000-0000-4000-8000-000000000000'] }, 400, 'PHOTO_NOT_FOUND'],
      [{ ...valid(), photoIds: ['not-a-uuid'] }, 400, 'VALIDATION_FAILED'],
      [{ ...valid(), reporterContact: '12345' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await report(resident, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().error.code, JSON.stringify(payload)).toBe(code);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(res.json().error.messageEn).toMatch(/[a-z]/);
    }
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { ...resident, 'content-type': 'application/json' },
      payload: '{"categoryCode": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('photos: fake, oversized, wrong field, not multipart', async () => {
    const before = await counts();
    const send = (m: { contentType: string; body: Buffer }) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/photos',
        headers: { ...resident, 'content-type': m.contentType },
        payload: m.body,
      });
    const text = await send(
      multipart(Buffer.from('this is not a photo at all, although it is named .jpg'), 'evil.jpg'),
    );
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const truncated = (await jpeg()).subarray(0, 600);
    expect((await send(multipart(truncated))).statusCode).toBe(400);
    const huge = await send(multipart(Buffer.alloc(16 * 1024 * 1024, 0xff)));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/v1/photos',
      headers: resident,
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(415);
    expect(await counts()).toEqual(before);
  });

  it('another user’s photo cannot be attached', async () => {
    const mine = await upload(t.app, village, await jpeg());
    const res = await report(resident, { ...valid(), photoIds: [mine] });
    expect(res.json().error.code).toBe('PHOTO_NOT_FOUND');
    const photo = await t.db
      .selectFrom('case_photo')
      .select('case_id')
      .where('id', '=', mine)
      .executeTakeFirstOrThrow();
    expect(photo.case_id).toBeNull();
  });

  it('actions: illegal transition 409, role 403, out of scope 404, stale version 409, missing reason 400', async () => {
    const { id } = await newCase();
    const before = await counts();
    const act = (h: { authorization: string }, action: string, body: object = {}) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${id}/actions/${action}`,
        headers: h,
        payload: body,
      });
    const close = await act(village, 'close');
    expect(close.statusCode).toBe(409);
    expect(close.json().error.code).toBe('CASE_ILLEGAL_TRANSITION');
    expect((await act(resident, 'file')).statusCode).toBe(403);
    expect((await act(village, 'reject')).json().error.code).toBe('REASON_REQUIRED');
    expect((await act(village, 'fly')).statusCode).toBe(400);
    expect((await act(village, 'file', { version: 7 })).json().error.code).toBe('CASE_VERSION_CONFLICT');
    const other = await signIn(t.app, 'zhangjia-village'); // 盘山县: another county
    expect((await act(other, 'file')).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: other })).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/cases/999999999', headers: village })).statusCode,
    ).toBe(404);
    const dept = await signIn(t.app, 'department');
    expect((await act(dept, 'accept')).statusCode).toBe(404); // never dispatched to it: invisible
    expect(await counts()).toEqual(before);
    const c = await t.db
      .selectFrom('cases')
      .select(['state', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(c).toEqual({ state: 'reported', version: 1 });
  });

  it('a report resent with the same clientRequestId (lost answer, double tap) makes one case', async () => {
    const clientRequestId = '6f1c2d3e-4b5a-4c6d-8e7f-901234567890';
    const first = await report(resident, { ...valid(), clientRequestId });
    expect(first.statusCode).toBe(201);
    const again = await report(resident, { ...valid(), clientRequestId });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const both = await Promise.all(
      [0, 1, 2].map(() =>
        report(resident, { ...valid(), clientRequestId: '11111111-2222-4333-8444-555555555555' }),
      ),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(both.map((r) => r.json().id)).size).toBe(1);
    const n = await t.db
      .selectFrom('cases')
      .select('id')
      .where('client_request_id', '=', '11111111-2222-4333-8444-555555555555')
      .execute();
    expect(n).toHaveLength(1);
    // the same id from another account is theirs: a case of its own, not the resident's
    const staff = await report(village, { ...valid(), source: 'patrol', clientRequestId });
    expect(staff.statusCode).toBe(201);
    expect(staff.json().id).not.toBe(first.json().id);
  });

  it('two people acting on the same case at once: exactly one wins', async () => {
    const { id } = await newCase();
    const gw = await signIn(t.app, 'gridworker');
    const results = await Promise.all([
      t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${id}/actions/file`,
        headers: village,
        payload: {},
      }),
      t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${id}/actions/reject`,
        headers: gw,
        payload: { note: '重复上报' },
      }),
      t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/actions/file`, headers: gw, payload: {} }),
    ]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409, 409]);
    const history = await t.db
      .selectFrom('case_history')
      .select('action')
      .where('case_id', '=', id)
      .execute();
    expect(history).toHaveLength(2); // report + the winner
  });

  it('the reporter can cancel before filing, not after; and may reopen once when dissatisfied', async () => {
    const { id } = await newCase();
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/cases/${id}/actions/cancel`,
          headers: resident,
          payload: {},
        })
      ).json().state,
    ).toBe('cancelled');
    const second = await newCase();
    const act = (h: { authorization: string }, action: string, body: object = {}) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${second.id}/actions/${action}`,
        headers: h,
        payload: body,
      });
    const gw = await signIn(t.app, 'gridworker');
    expect((await act(gw, 'handle_on_spot', { note: '已清理' })).json().error.code).toBe(
      'AFTER_PHOTO_REQUIRED',
    );
    const photo = await upload(t.app, gw, await jpeg());
    expect((await act(gw, 'handle_on_spot', { note: '已清理', photoIds: [photo] })).json().state).toBe(
      'handled',
    );
    // the fixer never verifies their own fix: the village does
    expect((await act(gw, 'close')).json().error.code).toBe('CASE_OWN_FIX');
    expect((await act(village, 'close')).json().state).toBe('closed');
    expect((await act(resident, 'cancel')).statusCode).toBe(409);
    expect(
      (await act(resident, 'evaluate', { evaluation: 'dissatisfied', note: '没扫干净' })).statusCode,
    ).toBe(200);
    expect((await act(resident, 'reopen', { note: '垃圾又堆起来了' })).json()).toMatchObject({
      state: 'filed',
    });
    await act(gw, 'handle_on_spot', {
      note: '再次清理',
      photoIds: [await upload(t.app, gw, await jpeg('#123456'))],
    });
    expect((await act(village, 'close')).json().state).toBe('closed');
    await act(resident, 'evaluate', { evaluation: 'dissatisfied' });
    const again = await act(resident, 'reopen', { note: '还是不行' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CASE_REOPEN_LIMIT');
  });
});
