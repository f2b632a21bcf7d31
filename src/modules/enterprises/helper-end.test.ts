import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { completeCreditCode } from './credit-code.js';

let t: TestApp;
type H = { authorization: string };
let party: H;
let township: H;
let homeGrid: string;

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, headers?: H, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

let seq = 0;
const enterprise = () => ({
  gridCode: homeGrid,
  kind: 'enterprise',
  name: `结束测试企业${++seq}`,
  creditCode: completeCreditCode(`91211221${String(80_000_000 + seq)}`),
  address: '测试路2号',
  size: 'small',
  sector: '农副食品加工业',
});

beforeAll(async () => {
  t = await createTestApp();
  party = await signIn(t.app, 'party');
  township = await signIn(t.app, 'township');
  const scope = (
    await t.db
      .selectFrom('account')
      .select('scope_code')
      .where('username', '=', 'township')
      .executeTakeFirstOrThrow()
  ).scope_code;
  homeGrid = (
    await t.db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 'grid')
      .where('code', 'like', `${scope}%`)
      .orderBy('code')
      .executeTakeFirstOrThrow()
  ).code;
});
afterAll(() => t.close());

async function withHelper() {
  const id = (await call('POST', '/enterprises', party, enterprise())).json().id as number;
  const cadreId = (await call('GET', '/cadres?kind=committee&limit=1', party)).json().items[0].id as number;
  const h = await call('POST', `/enterprises/${id}/helpers`, party, { cadreId, startedOn: '2026-02-01' });
  expect(h.statusCode, h.body).toBe(201);
  return { id, cadreId, helperId: h.json().id as number };
}

describe("ending a cadre's assignment to an enterprise", () => {
  it('with a date and a reason, once, audited; the cadre may be assigned again after', async () => {
    const { id, cadreId, helperId } = await withHelper();
    const end = (b: object, who: H = party) => call('POST', `/enterprises/helpers/${helperId}/end`, who, b);
    expect((await end({ endedOn: '2026-05-31', reason: '企业经营恢复正常' }, township)).statusCode).toBe(403);
    expect((await end({ endedOn: '2026-05-31', reason: '' })).statusCode).toBe(400);
    expect((await end({ endedOn: '2026-01-31', reason: '企业经营恢复正常' })).json().error.code).toBe(
      'ENTERPRISE_DATE_ORDER',
    );
    expect(
      (
        await call('POST', `/enterprises/helpers/999999999/end`, party, {
          endedOn: '2026-05-31',
          reason: '无此',
        })
      ).statusCode,
    ).toBe(404);
    expect((await end({ endedOn: '2026-05-31', reason: '企业经营恢复正常' })).statusCode).toBe(204);
    expect((await end({ endedOn: '2026-06-01', reason: '再次结束' })).json().error.code).toBe(
      'ENTERPRISE_HELPER_ENDED',
    );

    const detail = (await call('GET', `/enterprises/${id}`, township)).json();
    expect(detail.helpers).toBe(0);
    expect(detail.helpersList[0]).toMatchObject({ endedOn: '2026-05-31', endReason: '企业经营恢复正常' });
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['reason', 'after'])
      .where('action', '=', 'enterprise.helper_end')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit).toEqual([
      { reason: '企业经营恢复正常', after: { helperId, cadreId, endedOn: '2026-05-31' } },
    ]);
    expect(
      (await call('POST', `/enterprises/${id}/helpers`, party, { cadreId, startedOn: '2026-07-01' }))
        .statusCode,
    ).toBe(201);
  });
});

describe('raising a need as a case with a clientRequestId', () => {
  it('a resend answers the same case; the id reused for another need is refused', async () => {
    const { id, cadreId } = await withHelper();
    const need = async () =>
      (
        await call('POST', `/enterprises/${id}/help`, township, {
          kind: 'problem',
          cadreId,
          happenedOn: '2026-03-03',
          note: '厂区门前道路破损',
        })
      ).json().id as number;
    const first = await need();
    const clientRequestId = randomUUID();
    const raise = (needId: number, rid = clientRequestId) =>
      call('POST', `/enterprises/help/${needId}/raise-case`, township, {
        categoryCode: 'P0202',
        attributes: { road_level: 'village_road', passable: 'restricted' },
        clientRequestId: rid,
      });
    const a = await raise(first);
    expect(a.statusCode, a.body).toBe(201);
    const cases = await countRows(t.db, 'cases');
    const b = await raise(first);
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json()).toEqual(a.json());
    expect(await countRows(t.db, 'cases')).toBe(cases);
    // a raised need with a new request id is still refused, and makes no case
    expect((await raise(first, randomUUID())).json().error.code).toBe('ENTERPRISE_NEED_NOT_OPEN');
    expect(await countRows(t.db, 'cases')).toBe(cases);
    // the same request id for another need is not a resend
    const second = await need();
    const reused = await raise(second);
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('REQUEST_ID_REUSED');
    expect(await countRows(t.db, 'cases')).toBe(cases);
    const audits = await t.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'enterprise.raise_case')
      .where('entity_id', 'in', [String(first), String(second)])
      .execute();
    expect(audits).toEqual([{ entity_id: String(first) }]);
  });
});
