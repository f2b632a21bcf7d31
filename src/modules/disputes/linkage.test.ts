import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

/**
 * Rewards go only to settled disputes that carried petition risk (以奖代补 for 涉访纠纷); a dispute
 * opened again by a broken follow-up counts as open at the end of the periods after it.
 */
let t: TestApp;
type H = { authorization: string };
const h: Record<string, H> = {};
let grid: string;
let township: string;
beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['village', 'gridworker', 'township']) h[u] = await signIn(t.app, u);
  grid = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: h.gridworker })).json().scope.code;
  township = grid.slice(0, 9);
});
afterAll(() => t.close());

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: h[who]!, ...(payload ? { payload } : {}) });
const must = async (status: number, who: string, method: 'GET' | 'POST', url: string, payload?: object) => {
  const r = await call(who, method, url, payload);
  expect(r.statusCode, `${who} ${method} ${url}: ${r.body}`).toBe(status);
  return r.json();
};
const settledDispute = async (riskSigns: string[]) => {
  const d = await must(201, 'village', 'POST', '/disputes', {
    type: 'neighbour',
    summary: '排水沟纠纷',
    riskLevel: 'medium',
    riskSigns,
    gridCode: grid,
    parties: [{ side: 'applicant', name: '甲' }],
  });
  await must(200, 'village', 'POST', `/disputes/${d.id}/actions/settle`, { agreement: '双方和解' });
  return d.id as number;
};

describe('rewards for petition-related disputes only', () => {
  it('rewards a settled dispute with petition risk; refuses one without, changing nothing', async () => {
    t.clock.set('2023-05-10T10:00:00+08:00');
    const mediator = await t.db
      .selectFrom('mediator')
      .select('id')
      .where('region_code', '=', township)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const plain = await settledDispute([]);
    const risky = await settledDispute(['petition_risk']);
    const before = await countRows(t.db, 'mediation_reward');
    const body = { mediatorId: mediator.id, amountYuan: 300, reason: '涉访纠纷调处成功' };
    const refused = await call('township', 'POST', '/mediation/rewards', { ...body, disputeId: plain });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('MEDIATION_REWARD_NOT_PETITION');
    expect(await countRows(t.db, 'mediation_reward')).toBe(before);
    await must(201, 'township', 'POST', '/mediation/rewards', { ...body, disputeId: risky });
    expect(await countRows(t.db, 'mediation_reward')).toBe(before + 1);
  });
});

describe('reports after a broken follow-up', () => {
  it('counts a reopened dispute as open at the end of the period', async () => {
    t.clock.set('2023-06-05T10:00:00+08:00');
    const id = await settledDispute([]);
    const report = async (date: string) =>
      must(200, 'village', 'GET', `/disputes/reports?period=day&date=${date}&within=${grid.slice(0, 12)}`);
    const ids = (r: { open: { items: { id: number }[] } }) => r.open.items.map((x) => x.id);
    // settled on the 5th: not open at the end of that day
    expect(ids(await report('2023-06-05'))).not.toContain(id);
    // the follow-up on the 7th finds the agreement broken: open again
    t.clock.set('2023-06-07T10:00:00+08:00');
    await must(200, 'village', 'POST', `/disputes/${id}/actions/follow_up`, {
      held: false,
      note: '协议未履行',
    });
    expect(ids(await report('2023-06-06'))).not.toContain(id);
    const r7 = await report('2023-06-07');
    expect(ids(r7)).toContain(id);
    expect(r7.open.count).toBe(r7.open.items.length);
    // settled again on the 8th: open at the end of the 7th still, not after the 8th
    t.clock.set('2023-06-08T10:00:00+08:00');
    await must(200, 'village', 'POST', `/disputes/${id}/actions/settle`, { agreement: '重新达成协议' });
    expect(ids(await report('2023-06-07'))).toContain(id);
    expect(ids(await report('2023-06-08'))).not.toContain(id);
  });
});
