import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg, upload } from '../../../test/fixtures.js';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { askErrand, errandAct, errandGet, type Headers } from '../../../test/kits/errands.js';

let t: TestApp;
const h: Record<string, Headers> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const u of [
    'resident',
    'gridworker',
    'parttime',
    'village',
    'township',
    'department',
    'mengqian',
    'zhangjia',
    'zhangjia-village',
  ])
    h[u] = await signIn(t.app, u);
}, 120_000);
afterAll(async () => t?.close());

const stateOf = (id: number) =>
  t.db
    .selectFrom('errand')
    .select(['status', 'version', 'assignee_account_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const stepsOf = async (id: number) =>
  (
    await t.db
      .selectFrom('service_history')
      .select(['action', 'to_status'])
      .where('entity_type', '=', 'errand')
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute()
  ).map((s) => s.action);
const accountId = async (u: string) =>
  (await t.db.selectFrom('account').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;

describe('an errand from request to confirmation', () => {
  it('walks requested → accepted → done → confirmed with steps, audit and notices; wrong steps are refused', async () => {
    const { id, number } = await askErrand(t.app, h.resident!);
    expect(number).toMatch(/^DB\d{8}\d{6}$/);
    // the grid's workers and the village's staff hear of the new request
    const told = await t.db
      .selectFrom('notification')
      .select('account_id')
      .where('kind', '=', 'errand.requested')
      .where('title', 'like', `%${number}%`)
      .execute();
    expect(told.map((n) => n.account_id).sort()).toEqual(
      [await accountId('gridworker'), await accountId('parttime'), await accountId('village')].sort(),
    );

    expect((await errandAct(t.app, h.resident!, id, 'accept')).statusCode).toBe(403);
    const early = await errandAct(t.app, h.gridworker!, id, 'done', { note: '办好了' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('ERRAND_ILLEGAL_TRANSITION');
    expect(
      (await errandAct(t.app, h.resident!, id, 'confirm', { rating: 'satisfied' })).json().error.code,
    ).toBe('ERRAND_ILLEGAL_TRANSITION');
    const stale = await errandAct(t.app, h.gridworker!, id, 'accept', { version: 7 });
    expect(stale.json().error.code).toBe('ERRAND_VERSION_CONFLICT');

    const before = await errandGet(t.app, h.gridworker!, id);
    expect(before.json().actions).toEqual(['accept', 'decline']);
    const accepted = await errandAct(t.app, h.gridworker!, id, 'accept', { version: 1 });
    expect(accepted.json()).toMatchObject({ status: 'accepted', version: 2 });
    expect((await stateOf(id)).assignee_account_id).toBe(await accountId('gridworker'));
    // only the assignee marks it done; the requester can no longer cancel
    expect((await errandAct(t.app, h.village!, id, 'done', { note: '办好了' })).statusCode).toBe(403);
    expect((await errandAct(t.app, h.resident!, id, 'cancel')).statusCode).toBe(409);

    const noNote = await errandAct(t.app, h.gridworker!, id, 'done', {});
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.code).toBe('VALIDATION_FAILED');
    expect(await stateOf(id)).toMatchObject({ status: 'accepted', version: 2 });

    const photo = await upload(t.app, h.gridworker!, await jpeg('#446688'));
    const done = await errandAct(t.app, h.gridworker!, id, 'done', {
      note: '已缴电费100元，凭证已拍照',
      photoIds: [photo],
    });
    expect(done.json().status).toBe('done');

    const seen = (await errandGet(t.app, h.resident!, id)).json();
    expect(seen).toMatchObject({
      status: 'done',
      assigneeName: expect.any(String),
      resultNote: '已缴电费100元，凭证已拍照',
      actions: ['confirm'],
      contactPhone: '138****5678',
    });
    expect(seen.service).toMatchObject({ code: 'pay_power', guideZh: expect.any(String) });
    // one address for every photo; the errand's requester and its grid's staff see it, nobody else
    expect(seen.photos).toEqual([
      { id: photo, url: `/api/v1/photos/${photo}/public`, thumbUrl: `/api/v1/photos/${photo}/thumb` },
    ]);
    const see = async (url: string, headers?: { authorization: string }) =>
      (await t.app.inject({ method: 'GET', url, headers: headers ?? {} })).statusCode;
    expect(await see(seen.photos[0].thumbUrl, h.resident!)).toBe(200);
    expect(await see(seen.photos[0].url, h.village!)).toBe(200);
    expect(await see(seen.photos[0].thumbUrl, h.zhangjia!)).toBe(404);
    expect(await see(seen.photos[0].url)).toBe(404);
    expect(await see(`/api/v1/photos/${photo}/original`, h.gridworker!)).toBe(200); // the uploader
    expect(await see(`/api/v1/photos/${photo}/original`, h.resident!)).toBe(403);
    expect(
      (
        await t.db
          .selectFrom('case_photo')
          .select('errand_id')
          .where('id', '=', photo)
          .executeTakeFirstOrThrow()
      ).errand_id,
    ).toBe(id);

    expect((await errandAct(t.app, h.resident!, id, 'confirm', {})).statusCode).toBe(400);
    const confirmed = await errandAct(t.app, h.resident!, id, 'confirm', {
      rating: 'satisfied',
      comment: '谢谢网格员',
    });
    expect(confirmed.json().status).toBe('confirmed');
    expect(await stepsOf(id)).toEqual(['request', 'accept', 'done', 'confirm']);
    const detail = (await errandGet(t.app, h.village!, id)).json();
    expect(detail).toMatchObject({ rating: 'satisfied', ratingComment: '谢谢网格员', actions: [] });
    expect(detail.steps.map((s: { actorName: string }) => s.actorName)).toEqual([
      '村民',
      expect.stringContaining('专职网格员'),
      expect.stringContaining('专职网格员'),
      '村民',
    ]);

    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'errand')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    // every workflow step is audited, the villager's confirmation too
    expect(audit.map((a) => a.action)).toEqual(['errand.accept', 'errand.done', 'errand.confirm']);
    const residentNotes = await t.db
      .selectFrom('notification')
      .select('kind')
      .where('account_id', '=', await accountId('resident'))
      .where('title', 'like', `%${number}%`)
      .orderBy('id')
      .execute();
    expect(residentNotes.map((n) => n.kind)).toEqual(['errand.accept', 'errand.done']);
  });

  it('declines with a reason, cancels only while requested', async () => {
    const a = await askErrand(t.app, h.resident!, { serviceCode: 'buy_goods', detail: '买一袋米' });
    const bare = await errandAct(t.app, h.village!, a.id, 'decline', {});
    expect(bare.statusCode).toBe(400);
    expect(await stateOf(a.id)).toMatchObject({ status: 'requested', version: 1 });
    expect(
      (await errandAct(t.app, h.village!, a.id, 'decline', { reason: '村超市可送货上门' })).json().status,
    ).toBe('declined');
    expect((await errandGet(t.app, h.resident!, a.id)).json()).toMatchObject({
      status: 'declined',
      declineReason: '村超市可送货上门',
      actions: [],
    });

    const b = await askErrand(t.app, h.resident!, { serviceCode: 'parcel_pickup', detail: '取件码 1-2-3' });
    expect((await errandAct(t.app, h.gridworker!, b.id, 'cancel')).statusCode).toBe(403);
    expect((await errandAct(t.app, h.resident!, b.id, 'cancel')).json().status).toBe('cancelled');
    expect((await errandAct(t.app, h.resident!, b.id, 'cancel')).json().error.code).toBe(
      'ERRAND_ILLEGAL_TRANSITION',
    );
    expect((await errandAct(t.app, h.gridworker!, b.id, 'accept')).statusCode).toBe(409);
    expect(await stepsOf(b.id)).toEqual(['request', 'cancel']);
  });
});

describe('scope and privacy', () => {
  it('hides errands outside the caller’s scope (404) and other residents’ errands', async () => {
    const { id } = await askErrand(t.app, h.resident!);
    for (const u of ['mengqian', 'zhangjia', 'zhangjia-village']) {
      expect((await errandGet(t.app, h[u]!, id)).statusCode).toBe(404);
      expect((await errandAct(t.app, h[u]!, id, u === 'zhangjia' ? 'cancel' : 'accept')).statusCode).toBe(
        404,
      );
      const list = (
        await t.app.inject({ method: 'GET', url: '/api/v1/errands?limit=200', headers: h[u]! })
      ).json();
      expect(list.items.some((e: { id: number }) => e.id === id)).toBe(false);
    }
    expect(await stateOf(id)).toMatchObject({ status: 'requested', version: 1 });
    // a resident's list is only their own
    const mine = (
      await t.app.inject({ method: 'GET', url: '/api/v1/errands?limit=200', headers: h.zhangjia! })
    ).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((e: { requesterName: string }) => e.requesterName === '张家村村民')).toBe(true);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/errands', headers: h.department! })).statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/errands?within=211122001211', headers: h.village! }))
        .statusCode,
    ).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/errands' })).statusCode).toBe(401);
  });

  it('shows the detail’s numbers to the requester and the assignee only; others read them masked', async () => {
    const detail = '帮忙交电费，户号 8765432109，有事打 139 1234 5678';
    const { id } = await askErrand(t.app, h.resident!, { serviceCode: 'pay_power', detail });
    const detailOf = async (u: string) => (await errandGet(t.app, h[u]!, id)).json().detail as string;
    expect(await detailOf('resident')).toBe(detail);
    expect(await detailOf('gridworker')).toBe('帮忙交电费，户号 87******09，有事打 139****5678');
    await errandAct(t.app, h.gridworker!, id, 'accept');
    expect(await detailOf('gridworker')).toBe(detail); // the one doing it needs the account number
    expect(await detailOf('village')).not.toMatch(/1234|654321/);
  });

  it('masks the contact phone in every answer and reveals it only to the assignee or village staff, audited', async () => {
    const { id } = await askErrand(t.app, h.resident!, { contactPhone: '13987654321' });
    const answers = [
      await errandGet(t.app, h.resident!, id),
      await errandGet(t.app, h.gridworker!, id),
      await t.app.inject({ method: 'GET', url: '/api/v1/errands?limit=200', headers: h.village! }),
      await t.app.inject({ method: 'GET', url: '/api/v1/errands?limit=200', headers: h.township! }),
    ];
    for (const res of answers) {
      expect(res.body).not.toContain('13987654321');
      expect(res.body).toContain('139****4321');
    }
    const reveal = (u: string, reason = '联系本人核对户号') =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/errands/${id}/reveal-phone`,
        headers: h[u]!,
        payload: { reason },
      });
    expect((await reveal('gridworker')).statusCode).toBe(403); // not yet the assignee
    expect((await reveal('resident')).statusCode).toBe(403);
    expect((await reveal('mengqian')).statusCode).toBe(404);
    expect((await reveal('village', 'x')).statusCode).toBe(400);
    await errandAct(t.app, h.gridworker!, id, 'accept');
    expect((await errandGet(t.app, h.gridworker!, id)).json().canRevealPhone).toBe(true);
    expect((await reveal('township')).statusCode).toBe(403);
    expect((await reveal('parttime')).statusCode).toBe(403);
    const shown = await reveal('gridworker');
    expect(shown.json()).toEqual({ id, contactPhone: '13987654321' });
    expect(shown.headers['cache-control']).toBe('no-store');
    expect((await reveal('village')).json().contactPhone).toBe('13987654321');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor_id', 'reason', 'after'])
      .where('action', '=', 'errand.reveal_phone')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actor_id: await accountId('gridworker'), reason: '联系本人核对户号' });
    expect(JSON.stringify(audit)).not.toContain('13987654321');
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const count = async () =>
      (
        await t.db
          .selectFrom('errand')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const n = await count();
    const ask = (payload: object, who = 'resident') =>
      t.app.inject({ method: 'POST', url: '/api/v1/errands', headers: h[who]!, payload });
    expect((await ask({ serviceCode: 'no_such_item', detail: '帮忙办事' })).json().error.code).toBe(
      'SERVICE_ITEM_NOT_FOUND',
    );
    expect(
      (await ask({ serviceCode: 'pay_power', detail: '交电费', contactPhone: '12345' })).json().error.code,
    ).toBe('VALIDATION_FAILED');
    expect((await ask({ serviceCode: 'pay_power', detail: '' })).statusCode).toBe(400);
    expect((await ask({ serviceCode: 'pay_power', detail: '交电费' }, 'gridworker')).statusCode).toBe(403);
    expect(await count()).toBe(n);
    expect((await errandAct(t.app, h.resident!, 1, 'fly')).statusCode).toBe(400);
  });
});
