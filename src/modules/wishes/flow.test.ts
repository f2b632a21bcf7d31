import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg, upload } from '../../../test/fixtures.js';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { aWish, wishKit } from '../../../test/kits/wishes.js';

let t: TestApp;
let k: ReturnType<typeof wishKit>;
let resident: { authorization: string };
let village: { authorization: string };
let worker: { authorization: string };
let party: { authorization: string };
let department: { authorization: string };
let county: { authorization: string };
let gridCode: string;
beforeAll(async () => {
  t = await createTestApp();
  k = wishKit(t);
  [resident, village, worker, party, department, county] = await Promise.all([
    signIn(t.app, 'resident'),
    signIn(t.app, 'village'),
    signIn(t.app, 'gridworker'),
    signIn(t.app, 'party'),
    signIn(t.app, 'department'),
    signIn(t.app, 'county'),
  ]);
  gridCode = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: resident })).json().scope.code;
});
afterAll(() => t.close());

describe('a wish from making to thanks (J10)', () => {
  it('villager wishes → village publishes → party claims and fulfils with a photo → villager thanks', async () => {
    t.clock.set('2026-05-10T09:00:00+08:00');
    const made = await k.make(resident, aWish);
    expect(made.statusCode, made.body).toBe(201);
    const { id, number, status } = made.json();
    expect(number).toMatch(/^XY20260510\d{5}$/);
    expect(status).toBe('submitted');
    // the village's staff hear of it
    const villageId = (
      await t.db
        .selectFrom('account')
        .select('id')
        .where('username', '=', 'village')
        .executeTakeFirstOrThrow()
    ).id;
    expect(
      await t.db
        .selectFrom('notification')
        .select('kind')
        .where('account_id', '=', villageId)
        .where('kind', '=', 'wish.submitted')
        .execute(),
    ).toHaveLength(1);

    // the party organiser does not see an unreviewed wish; the reviewer is offered publish/reject
    expect((await k.get(party, id)).statusCode).toBe(404);
    expect((await k.get(village, id)).json().actions).toEqual(['publish', 'reject']);
    expect((await k.get(resident, id)).json().actions).toEqual(['withdraw']);

    t.clock.set('2026-05-10T15:00:00+08:00');
    const pub = await k.act(village, id, 'publish', { version: 1 });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toMatchObject({ status: 'published', version: 2 });
    expect((await k.get(party, id)).json().actions).toEqual(['claim']);

    const claim = await k.act(party, id, 'claim', {
      claimerName: '县委组织部机关党支部',
      claimerKind: 'party_org',
      note: '周末送到',
    });
    expect(claim.statusCode, claim.body).toBe(200);
    expect(claim.json().status).toBe('claimed');
    const seen = (await k.get(resident, id)).json();
    expect(seen.status).toBe('claimed');
    expect(seen.claims).toEqual([
      expect.objectContaining({
        claimerName: '县委组织部机关党支部',
        claimerKind: 'party_org',
        status: 'active',
      }),
    ]);
    expect(seen.actions).toEqual([]);

    const photo = await upload(t.app, party, await jpeg());
    t.clock.set('2026-05-12T10:00:00+08:00');
    const done = await k.act(party, id, 'fulfil', { note: '收音机已送到王奶奶家', photoIds: [photo] });
    expect(done.statusCode, done.body).toBe(200);
    const fulfilled = (await k.get(resident, id)).json();
    expect(fulfilled).toMatchObject({
      status: 'fulfilled',
      fulfilNote: '收音机已送到王奶奶家',
      actions: ['close'],
    });
    expect(fulfilled.photos).toHaveLength(1);
    // one address for every photo; whoever sees the wish sees its photos, nobody else
    expect(fulfilled.photos[0]).toMatchObject({
      id: photo,
      url: `/api/v1/photos/${photo}/public`,
      thumbUrl: `/api/v1/photos/${photo}/thumb`,
    });
    const img = await t.app.inject({ method: 'GET', url: fulfilled.photos[0].url, headers: resident });
    expect(img.statusCode).toBe(200);
    expect(img.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=86400, immutable',
    });
    const see = async (url: string, h?: { authorization: string }) =>
      (await t.app.inject({ method: 'GET', url, headers: h ?? {} })).statusCode;
    expect(await see(fulfilled.photos[0].thumbUrl, village)).toBe(200);
    expect(await see(fulfilled.photos[0].thumbUrl, county)).toBe(200);
    for (const outside of ['zhangjia', 'zhangjia-village'])
      expect(await see(fulfilled.photos[0].thumbUrl, await signIn(t.app, outside))).toBe(404);
    expect(await see(fulfilled.photos[0].url)).toBe(404); // a wish's photo is never public
    // the uploader keeps the original; others who see the wish get its copies only
    expect(await see(`/api/v1/photos/${photo}/original`, party)).toBe(200);
    expect(await see(`/api/v1/photos/${photo}/original`, resident)).toBe(403);
    // the photo shows this wish only: it names this wish, another wish lists no photo
    const other = (await k.make(resident, { ...aWish, title: '另一个心愿' })).json().id;
    expect((await k.get(resident, other)).json().photos).toEqual([]);
    expect(
      (
        await t.db
          .selectFrom('case_photo')
          .select('wish_id')
          .where('id', '=', photo)
          .executeTakeFirstOrThrow()
      ).wish_id,
    ).toBe(id);

    const closed = await k.act(resident, id, 'close', { thanksNote: '谢谢党员同志！' });
    expect(closed.statusCode, closed.body).toBe(200);
    const final = (await k.get(resident, id)).json();
    expect(final).toMatchObject({ status: 'closed', thanksNote: '谢谢党员同志！', actions: [] });
    expect(
      final.history.map((h: { action: string; toStatus: string }) => `${h.action}:${h.toStatus}`),
    ).toEqual(['submit:submitted', 'publish:published', 'claim:claimed', 'fulfil:fulfilled', 'close:closed']);
    expect(final.history[2].actorName).toBe('县委组织部机关党支部');
    expect(final.history[3].actorName).toBe('县委组织部机关党支部');
    // every workflow step is audited, the villager's thanks too (the submission of a villager's own wish is not)
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'wish')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['wish.publish', 'wish.claim', 'wish.fulfil', 'wish.close']);
    // the claimer hears the thanks, the villager heard every step
    const partyId = (
      await t.db.selectFrom('account').select('id').where('username', '=', 'party').executeTakeFirstOrThrow()
    ).id;
    expect(
      await t.db
        .selectFrom('notification')
        .select('title')
        .where('account_id', '=', partyId)
        .where('kind', '=', 'wish.close')
        .execute(),
    ).toEqual([{ title: '王奶奶说：谢谢党员同志！' }]);
    const residentId = (
      await t.db
        .selectFrom('account')
        .select('id')
        .where('username', '=', 'resident')
        .executeTakeFirstOrThrow()
    ).id;
    const kinds = (
      await t.db
        .selectFrom('notification')
        .select('kind')
        .where('account_id', '=', residentId)
        .where('kind', 'like', 'wish.%')
        .execute()
    ).map((n) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['wish.publish', 'wish.claim', 'wish.fulfil']));
  });

  it('illegal steps answer 409 or 403 and change nothing', async () => {
    const id = (await k.make(resident, { ...aWish, title: '一袋大米' })).json().id;
    const before = await k.counts();
    const tries: Array<[{ authorization: string }, string, object, number, string]> = [
      [resident, 'publish', {}, 403, 'FORBIDDEN'],
      [village, 'close', {}, 409, 'WISH_ILLEGAL_TRANSITION'],
      [village, 'fulfil', { note: '已送到' }, 403, 'WISH_NOT_YOUR_CLAIM'],
      [village, 'publish', { version: 7 }, 409, 'WISH_VERSION_CONFLICT'],
      [village, 'withdraw', {}, 403, 'FORBIDDEN'],
      [village, 'reject', {}, 400, 'REASON_REQUIRED'],
    ];
    for (const [h, action, body, status, code] of tries) {
      const res = await k.act(h, id, action, body);
      expect(res.statusCode, `${action} ${res.body}`).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    expect(await k.counts()).toEqual(before);
    expect((await k.act(village, id, 'reject', { reason: '请联系村委申请低保' })).json().status).toBe(
      'rejected',
    );
    expect((await k.act(village, id, 'publish')).json().error.code).toBe('WISH_ILLEGAL_TRANSITION');
    expect((await k.get(resident, id)).json().rejectReason).toBe('请联系村委申请低保');
  });

  it('refuses phone and ID numbers in any form on the wall, and masks them in others’ notes', async () => {
    for (const title of [
      '收音机 139-8765-4321',
      '收音机 １３９ ８７６５ ４３２１',
      '收音机 +86 139 8765 4321',
    ]) {
      const res = await k.make(resident, { ...aWish, title });
      expect(res.statusCode, title).toBe(400);
    }
    const id = (await k.make(resident, { ...aWish, title: '一台收音机' })).json().id;
    await k.act(village, id, 'publish');
    const note = '周六送到，有事联系 139 8765 4321';
    expect((await k.act(party, id, 'claim', { claimerKind: 'party_org', note })).statusCode).toBe(200);
    expect((await k.get(party, id)).json().claims[0].note).toBe(note);
    for (const h of [resident, village]) {
      const seen = (await k.get(h, id)).json().claims[0].note as string;
      expect(seen).toBe('周六送到，有事联系 139****4321');
    }
  });

  it('withdraw: while nobody claimed it, not after', async () => {
    const a = (await k.make(resident, { ...aWish, title: '一个暖水瓶' })).json().id;
    expect((await k.act(resident, a, 'withdraw')).json().status).toBe('withdrawn');
    // a many-to-one wish with one claimer so far: still published, but no longer the requester's to take back
    const b = (
      await k.make(worker, {
        ...aWish,
        title: '一个电饭锅',
        householdId: await k.household(gridCode),
        maxClaimers: 2,
      })
    ).json().id;
    await k.act(village, b, 'publish');
    await k.act(party, b, 'claim', { claimerKind: 'party_org' });
    const res = await k.act(worker, b, 'withdraw');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('WISH_HAS_CLAIMS');
    // the claimer withdraws their claim: the wish is open again
    expect((await k.act(party, b, 'unclaim')).json().status).toBe('published');
    expect((await k.act(worker, b, 'withdraw')).json().status).toBe('withdrawn');
    // once fully claimed it is past withdrawing
    const c = (await k.make(resident, { ...aWish, title: '一个热水袋' })).json().id;
    await k.act(village, c, 'publish');
    await k.act(party, c, 'claim', { claimerKind: 'party_org' });
    expect((await k.act(resident, c, 'withdraw')).json().error.code).toBe('WISH_ILLEGAL_TRANSITION');
  });

  it('many-to-one: several claimers share one wish; it is claimed when the last place is taken', async () => {
    const hh = await k.household(gridCode);
    const id = (
      await k.make(worker, {
        ...aWish,
        beneficiary: '赵大娘',
        beneficiaryKind: 'disabled',
        title: '一辆轮椅',
        householdId: hh,
        maxClaimers: 3,
      })
    ).json().id;
    await k.act(village, id, 'publish');
    expect(
      (
        await k.act(party, id, 'claim', { claimerName: '县委组织部机关党支部', claimerKind: 'party_org' })
      ).json().status,
    ).toBe('published');
    expect((await k.act(party, id, 'claim', { claimerKind: 'party_org' })).json().error.code).toBe(
      'WISH_ALREADY_CLAIMED_BY_YOU',
    );
    expect(
      (await k.act(department, id, 'claim', { claimerName: '县住建局', claimerKind: 'paired_unit' })).json()
        .status,
    ).toBe('published');
    const partial = (await k.get(resident, id)).statusCode;
    expect(partial).toBe(404); // not the resident's wish
    const wall = (await k.list(party, '?status=published'))
      .json()
      .items.find((w: { id: number }) => w.id === id);
    expect(wall).toMatchObject({
      activeClaims: 2,
      maxClaimers: 3,
      claimerNames: ['县委组织部机关党支部', '县住建局'],
    });
    expect(
      (await k.act(county, id, 'claim', { claimerName: '县人大代表 王建国', claimerKind: 'deputy' })).json()
        .status,
    ).toBe('claimed');
    expect((await k.act(village, id, 'claim', { claimerKind: 'cadre' })).json().error.code).toBe(
      'WISH_ILLEGAL_TRANSITION',
    );
    expect((await k.act(county, id, 'unclaim')).json().status).toBe('published');
    expect((await k.get(party, id)).json().claims.map((c: { status: string }) => c.status)).toEqual([
      'active',
      'active',
      'withdrawn',
    ]);
  });

  it('two claims at once on a one-claimer wish: exactly one wins', async () => {
    const id = (await k.make(resident, { ...aWish, title: '一副老花镜' })).json().id;
    await k.act(village, id, 'publish');
    const [a, b] = await Promise.all([
      k.act(party, id, 'claim', { claimerKind: 'party_org' }),
      k.act(department, id, 'claim', { claimerKind: 'paired_unit' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const active = await t.db
      .selectFrom('wish_claim')
      .select('id')
      .where('wish_id', '=', id)
      .where('status', '=', 'active')
      .execute();
    expect(active).toHaveLength(1);
    expect(await k.statusOf(id)).toBe('claimed');
  });

  it('idempotent create: a retry with the same clientRequestId answers the same wish', async () => {
    const clientRequestId = randomUUID();
    const first = await k.make(resident, { ...aWish, title: '一件棉衣', clientRequestId });
    const before = await k.counts();
    const [again, parallel] = await Promise.all([
      k.make(resident, { ...aWish, title: '一件棉衣', clientRequestId }),
      k.make(resident, { ...aWish, title: '一件棉衣', clientRequestId }),
    ]);
    expect(first.statusCode).toBe(201);
    expect([again.statusCode, parallel.statusCode]).toEqual([200, 200]);
    expect(again.json().id).toBe(first.json().id);
    expect(parallel.json().id).toBe(first.json().id);
    expect(await k.counts()).toEqual(before);

    // a worker's id reused for another household is no retry: refused, nothing saved
    const [h1, h2] = (
      await t.db
        .selectFrom('household')
        .select('id')
        .where('grid_code', '=', gridCode)
        .orderBy('id')
        .limit(2)
        .execute()
    ).map((h) => h.id);
    const staffRequest = randomUUID();
    const made = await k.make(worker, { ...aWish, householdId: h1, clientRequestId: staffRequest });
    expect(made.statusCode).toBe(201);
    const mid = await k.counts();
    const reused = await k.make(worker, { ...aWish, householdId: h2, clientRequestId: staffRequest });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('REQUEST_ID_REUSED');
    expect(await k.counts()).toEqual(mid);
    // the same id from another account is theirs: a wish of its own
    const other = await k.make(village, { ...aWish, householdId: h1, clientRequestId: staffRequest });
    expect(other.statusCode).toBe(201);
    expect(other.json().id).not.toBe(made.json().id);
  });

  it('stats count the wishes in scope by status', async () => {
    const s = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/wishes/stats?within=${gridCode.slice(0, 12)}`,
        headers: village,
      })
    ).json();
    const rows = await t.db
      .selectFrom('wish')
      .select('status')
      .where('grid_code', 'like', `${gridCode.slice(0, 12)}%`)
      .execute();
    const n = (st: string) => rows.filter((r) => r.status === st).length;
    expect(s).toMatchObject({
      submitted: n('submitted'),
      published: n('published'),
      claimed: n('claimed'),
      closed: n('closed'),
      rejected: n('rejected'),
    });
    expect(s.claimedEver).toBe(n('claimed') + n('fulfilled') + n('closed'));
    expect(s.closed).toBeGreaterThan(0);
  });
});
