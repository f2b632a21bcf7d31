import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { remindDueCorrections } from './corrections.js';

let t: TestApp;
let village: { authorization: string };
let household: { id: number; members: { id: number; name: string }[] };
const ids: Record<number, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  village = await signIn(t.app, 'village');
  const list = await api('GET', '/households?limit=50', village);
  const linked = await t.db
    .selectFrom('resident_account')
    .innerJoin('resident', 'resident.id', 'resident_account.resident_id')
    .select('resident.household_id')
    .execute();
  const taken = new Set(linked.map((l) => Number(l.household_id)));
  const pick = list
    .json()
    .items.find((h: { id: number; memberCount: number }) => h.memberCount >= 3 && !taken.has(h.id));
  household = (await api('GET', `/households/${pick.id}`, village)).json();
  for (const m of household.members) {
    const r = await t.db
      .selectFrom('resident')
      .select('id_number_enc')
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow();
    ids[m.id] = t.ctx.pii.decrypt(r.id_number_enc);
  }
});
afterAll(() => t.close());

function api(method: 'GET' | 'POST' | 'PATCH', url: string, headers: object = {}, payload?: object) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: headers as Record<string, string>,
    ...(payload ? { payload } : {}),
  });
}
const invite = async (days = 7) =>
  (await api('POST', `/households/${household.id}/invitations`, village, { days })).json();
const join = (code: string, memberId: number, username: string) =>
  api(
    'POST',
    '/join',
    {},
    { code, idNumber: ids[memberId], username, displayName: '村民', password: 'my-own-password-1' },
  );

describe('residents’ own access', () => {
  it('an invitation makes one account, tied to the member’s record; used twice it is refused', async () => {
    const inv = await invite();
    expect(inv.code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    const first = household.members[0]!.id;
    const ok = await join(inv.code.toLowerCase(), first, 'villager-one');
    expect(ok.statusCode, ok.body).toBe(201);
    const link = await t.db
      .selectFrom('resident_account')
      .selectAll()
      .where('account_id', '=', ok.json().accountId)
      .executeTakeFirstOrThrow();
    expect(Number(link.resident_id)).toBe(first);
    const again = await join(inv.code, household.members[1]!.id, 'villager-two');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('INVITATION_USED');
    const list = (await api('GET', `/households/${household.id}/invitations`, village)).json().items;
    expect(list[0].status).toBe('used');
  });

  it('of two tries at once with one code, exactly one joins', async () => {
    const inv = await invite();
    const [a, b] = await Promise.all([
      join(inv.code, household.members[1]!.id, 'villager-race-a'),
      join(inv.code, household.members[2]!.id, 'villager-race-b'),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
  });

  it('an expired or withdrawn invitation, or an ID number not of the household, is refused', async () => {
    const inv = await invite(1);
    t.clock.advance(2 * 86_400_000);
    const late = await join(inv.code, household.members[2]!.id, 'villager-late');
    expect(late.json().error.code).toBe('INVITATION_EXPIRED');
    t.clock.set(new Date());
    const w = await invite();
    expect((await api('POST', `/invitations/${w.id}/withdraw`, village)).statusCode).toBe(200);
    expect((await join(w.code, household.members[2]!.id, 'villager-w')).json().error.code).toBe(
      'INVITATION_INVALID',
    );
    const x = await invite();
    const wrong = await api(
      'POST',
      '/join',
      {},
      {
        code: x.code,
        idNumber: '211221190001010011',
        username: 'villager-x',
        displayName: '某',
        password: 'my-own-password-1',
      },
    );
    expect(wrong.json().error.code).toBe('INVITATION_INVALID');
    expect(
      await t.db
        .selectFrom('account')
        .select('id')
        .where('username', 'in', ['villager-late', 'villager-w', 'villager-x'])
        .execute(),
    ).toEqual([]);
  });

  it('a villager sees their data, asks for a correction that the village makes within its limit', async () => {
    const me = await signIn(t.app, 'villager-one', 'my-own-password-1');
    const data = (await api('GET', '/me/record', me)).json();
    expect(data.me.idNumber).toBe(ids[household.members[0]!.id]);
    expect(data.household.members.every((m: { idNumber: string }) => /\*/.test(m.idNumber))).toBe(true);
    const dl = await api('GET', '/me/record/download', me);
    expect(dl.headers['content-disposition']).toContain('attachment');
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'resident.self_%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['resident.self_download', 'resident.self_view']);

    const asked = await api('POST', '/me/corrections', me, {
      fields: ['name'],
      detail: '名字写错了，应为“王秀英”',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const cid = asked.json().id;
    const queue = (await api('GET', '/corrections?status=submitted', village)).json().items;
    expect(queue.find((c: { id: number }) => c.id === cid).overdue).toBe(false);
    // the resident may not handle it; the village corrects the record and marks it done
    expect((await api('POST', `/corrections/${cid}/actions/correct`, me, {})).statusCode).toBe(403);
    const fix = await api('PATCH', `/residents/${data.me.id}`, village, {
      name: '王秀英',
      reason: '居民申请更正',
    });
    expect(fix.statusCode).toBe(200);
    const done = await api('POST', `/corrections/${cid}/actions/correct`, village, { answer: '已更正姓名' });
    expect(done.json().status).toBe('corrected');
    expect(
      (await api('POST', `/corrections/${cid}/actions/reject`, village, { answer: '再驳回' })).statusCode,
    ).toBe(409);
    const mine = (await api('GET', '/corrections', me)).json().items;
    expect(mine[0]).toMatchObject({ status: 'corrected', answer: '已更正姓名' });
    expect((await api('GET', '/me/record', me)).json().me.name).toBe('王秀英');
  });

  it('a correction not handled in its limit is overdue, and the village is reminded once', async () => {
    const me = await signIn(t.app, 'villager-one', 'my-own-password-1');
    const asked = (
      await api('POST', '/me/corrections', me, { fields: ['phone'], detail: '电话已换号' })
    ).json();
    t.clock.advance(16 * 86_400_000);
    const queue = (await api('GET', '/corrections?status=submitted', village)).json().items;
    expect(queue.find((c: { id: number }) => c.id === asked.id).overdue).toBe(true);
    expect(await remindDueCorrections(t.db, t.clock.now())).toBeGreaterThanOrEqual(1);
    expect(await remindDueCorrections(t.db, t.clock.now())).toBe(0);
    const notes = await t.db
      .selectFrom('notification')
      .select('kind')
      .where('kind', '=', 'correction.due')
      .execute();
    expect(notes.length).toBeGreaterThan(0);
    t.clock.set(new Date());
  });

  it('closing the account ends it: sessions, name and the link to the record go', async () => {
    const me = await signIn(t.app, 'villager-one', 'my-own-password-1');
    const account = await t.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', 'villager-one')
      .executeTakeFirstOrThrow();
    const closed = await api('POST', '/me/close', me);
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await api('GET', '/me/record', me)).statusCode).toBe(401);
    const row = await t.db
      .selectFrom('account')
      .selectAll()
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ disabled: true, display_name: '已注销用户' });
    expect(
      await t.db
        .selectFrom('resident_account')
        .select('resident_id')
        .where('account_id', '=', account.id)
        .execute(),
    ).toEqual([]);
    const login = await api(
      'POST',
      '/auth/login',
      {},
      { username: 'villager-one', password: 'my-own-password-1' },
    );
    expect(login.statusCode).toBe(401);
  });
});
