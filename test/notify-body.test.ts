/**
 * Issue 12: notification bodies as a code and parameters, rendered in the reader's language by the
 * apps (src/web/shared/notice-body.ts); the Chinese text is still recorded; old rows keep theirs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOn, pointInGrid } from './fixtures.js';
import { createTestApp, signIn, type TestApp } from './helpers.js';
import { noticeBody } from '../src/modules/notify/body.js';
import { notify } from '../src/modules/notify/service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Item = {
  id: number;
  kind: string;
  body: string | null;
  bodyCode: string | null;
  bodyParams: Record<string, string | number> | null;
};

const inbox = async (user: string): Promise<Item[]> =>
  (await t.app.inject({ method: 'GET', url: '/api/v1/inbox', headers: await signIn(t.app, user) })).json()
    .items;

describe('structured notification bodies', () => {
  it('a step note reaches the reporter as `note` with the words as written; the Chinese is kept', async () => {
    const resident = await signIn(t.app, 'resident');
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: resident })).json();
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: resident,
      payload: {
        source: 'resident_app',
        categoryCode: 'E0102',
        description: '路边垃圾没人清',
        ...(await pointInGrid(t.db, me.scope.code)),
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const res = await actOn(t.app, await signIn(t.app, 'gridworker'), made.json().id, 'reject', {
      note: '不属于受理范围',
    });
    expect(res.statusCode, res.body).toBe(200);
    const item = (await inbox('resident')).find((n) => n.kind === 'case.reject')!;
    expect(item).toMatchObject({
      body: '不属于受理范围',
      bodyCode: 'note',
      bodyParams: { text: '不属于受理范围' },
    });
  });

  it('a system text (the points balance) has its code and number; old rows keep their text alone', async () => {
    const row = await t.db
      .selectFrom('account')
      .select(['id', 'county_code'])
      .where('username', '=', 'parttime')
      .executeTakeFirstOrThrow();
    await notify(t.db, {
      countyCode: row.county_code,
      accountIds: [row.id],
      kind: 'points.adjusted',
      title: '积分 +1：测试',
      ...noticeBody('balance', { balance: 1 }),
    });
    await notify(t.db, {
      countyCode: row.county_code,
      accountIds: [row.id],
      kind: 'points.adjusted',
      title: '旧消息',
      body: '现有积分 7',
    });
    const [old, fresh] = (await inbox('parttime')).filter((n) => n.kind === 'points.adjusted');
    expect(fresh).toMatchObject({ body: '现有积分 1', bodyCode: 'balance', bodyParams: { balance: 1 } });
    expect(old).toMatchObject({ body: '现有积分 7', bodyCode: null, bodyParams: null });
  });

  it('a bad code or parameters are refused by the database', async () => {
    const row = await t.db
      .selectFrom('account')
      .select(['id', 'county_code'])
      .where('username', '=', 'parttime')
      .executeTakeFirstOrThrow();
    await expect(
      notify(t.db, {
        countyCode: row.county_code,
        accountIds: [row.id],
        kind: 'points.adjusted',
        title: 'x',
        body: 'x',
        bodyCode: 'Bad Code!' as 'note',
      }),
    ).rejects.toThrow(/notification_body_code_check/);
  });
});
