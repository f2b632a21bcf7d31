import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

/**
 * The runner's order, the same for wishes, errands and disclosures (cases: cases/order.test.ts):
 * 404 when the caller cannot see the thing, else 403 when they may not act on it, else 409 —
 * whatever else is wrong — and a refusal changes nothing.
 */
let t: TestApp;
type H = { authorization: string };
const h: Record<string, H> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['resident', 'village', 'gridworker', 'township', 'zhangjia', 'zhangjia-village'])
    h[u] = await signIn(t.app, u);
});
afterAll(() => t.close());

const post = (who: string, url: string, payload: object = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: h[who]!, payload });
const answer = async (who: string, url: string, payload: object = {}) => {
  const r = await post(who, url, payload);
  return [r.statusCode, r.json().error?.code];
};
const count = (table: 'audit_log' | 'service_history' | 'disclosure_history' | 'notification') =>
  countRows(t.db, table);
const logs = async () => ({
  audit: await count('audit_log'),
  steps: await count('service_history'),
  disclosureSteps: await count('disclosure_history'),
  notes: await count('notification'),
});

describe('one order of refusals for every workflow', () => {
  it('wishes', async () => {
    const made = await post('resident', '/wishes', {
      beneficiary: '王奶奶',
      beneficiaryKind: 'elderly_alone',
      title: '想要一台收音机',
    });
    expect(made.statusCode, made.body).toBe(201);
    const url = (a: string) => `/wishes/${made.json().id}/actions/${a}`;
    const before = { logs: await logs(), row: await wish(made.json().id) };

    const fulfil = { note: '已送到', version: 9 };
    expect(await answer('zhangjia', url('fulfil'), fulfil)).toEqual([404, 'NOT_FOUND']);
    // sees it, never its claimer: 403 although it is not claimed yet and the version is stale
    expect(await answer('village', url('fulfil'), fulfil)).toEqual([403, 'WISH_NOT_YOUR_CLAIM']);
    expect(await answer('resident', url('claim'), { claimerKind: 'cadre' })).toEqual([403, 'FORBIDDEN']);
    // may claim, but not yet: the version first, then the state
    expect(await answer('village', url('claim'), { claimerKind: 'cadre', version: 9 })).toEqual([
      409,
      'WISH_VERSION_CONFLICT',
    ]);
    expect(await answer('village', url('claim'), { claimerKind: 'cadre' })).toEqual([
      409,
      'WISH_ILLEGAL_TRANSITION',
    ]);
    expect({ logs: await logs(), row: await wish(made.json().id) }).toEqual(before);
  });

  it('errands', async () => {
    const made = await post('resident', '/errands', { serviceCode: 'pay_power', detail: '帮忙交电费100元' });
    expect(made.statusCode, made.body).toBe(201);
    const url = (a: string) => `/errands/${made.json().id}/actions/${a}`;
    const before = { logs: await logs(), row: await errand(made.json().id) };

    expect(await answer('zhangjia-village', url('done'), { note: '办好了' })).toEqual([404, 'NOT_FOUND']);
    // the requester never handles it, staff never confirm it: 403 although the state is wrong as well
    expect(await answer('resident', url('done'), { note: '办好了' })).toEqual([403, 'FORBIDDEN']);
    expect(await answer('village', url('confirm'), { rating: 'satisfied' })).toEqual([403, 'FORBIDDEN']);
    expect(await answer('resident', url('confirm'), { rating: 'satisfied', version: 9 })).toEqual([
      409,
      'ERRAND_VERSION_CONFLICT',
    ]);
    expect(await answer('resident', url('confirm'), { rating: 'satisfied' })).toEqual([
      409,
      'ERRAND_ILLEGAL_TRANSITION',
    ]);
    expect({ logs: await logs(), row: await errand(made.json().id) }).toEqual(before);
  });

  it('disclosures', async () => {
    const content = {
      kind: 'village',
      period: '2030-Q1',
      title: '村道硬化工程公示',
      body: '工程预算与施工单位如下。',
    };
    const draft = (await post('village', '/disclosures', content)).json().id as number;
    const published = (await post('village', '/disclosures', { ...content, title: '低保评议结果' })).json()
      .id as number;
    expect((await post('village', `/disclosures/${published}/publish`)).statusCode).toBe(200);
    const before = { logs: await logs(), rows: [await disclosure(draft), await disclosure(published)] };

    // a draft is out of the township's sight: 404 although withdrawing a draft is wrong anyway
    expect(await answer('township', `/disclosures/${draft}/withdraw`, { reason: '内容有误' })).toEqual([
      404,
      'NOT_FOUND',
    ]);
    // a published one is seen by the township and the villagers: 403 although it is published already
    for (const who of ['township', 'gridworker'])
      expect(await answer(who, `/disclosures/${published}/publish`, { version: 9 })).toEqual([
        403,
        'DISCLOSURE_NOT_VILLAGE_STAFF',
      ]);
    expect(await answer('village', `/disclosures/${published}/publish`, { version: 9 })).toEqual([
      409,
      'DISCLOSURE_VERSION_CONFLICT',
    ]);
    expect(await answer('village', `/disclosures/${published}/publish`)).toEqual([
      409,
      'DISCLOSURE_NOT_DRAFT',
    ]);
    expect(await answer('village', `/disclosures/${draft}/withdraw`, { reason: '内容有误' })).toEqual([
      409,
      'DISCLOSURE_NOT_PUBLISHED',
    ]);
    expect({ logs: await logs(), rows: [await disclosure(draft), await disclosure(published)] }).toEqual(
      before,
    );
  });
});

const wish = (id: number) =>
  t.db.selectFrom('wish').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
const errand = (id: number) =>
  t.db.selectFrom('errand').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
const disclosure = (id: number) =>
  t.db.selectFrom('disclosure').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
