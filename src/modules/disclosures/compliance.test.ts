import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import { kit } from '../../../test/kits/disclosures.js';

let t: TestApp;
let villageCode: string;
beforeAll(async () => {
  t = await createTestApp();
  villageCode = (
    await t.db
      .selectFrom('account')
      .select('scope_code')
      .where('username', '=', 'village')
      .executeTakeFirstOrThrow()
  ).scope_code;
});
afterAll(() => t.close());
const { call, finance, publish } = kit(() => t);

type Board = {
  quarter: string;
  month: string;
  totals: { villages: number; villageAffairsDue: number; financeDue: number };
  townships: { code: string; villages: number; financeDue: number }[];
  villages: {
    code: string;
    villageAffairsDue: boolean;
    financeDue: boolean;
    latestFinancePeriod: string | null;
    latestVillagePeriod: string | null;
  }[];
};
const board = async (username = 'county', within = '') => {
  const res = await call(username, 'GET', `/disclosures/compliance${within ? `?within=${within}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Board>();
};
const mine = (b: Board) => b.villages.find((v) => v.code === villageCode)!;

describe('§30 rhythm board', () => {
  it('flags finance monthly and village affairs quarterly on the Shanghai calendar', async () => {
    // 2030-02-10 10:00 Shanghai: the demo's disclosures (loaded "now") are years old
    t.clock.set('2030-02-10T02:00:00Z');
    let b = await board();
    expect(b).toMatchObject({ quarter: '2030-Q1', month: '2030-02' });
    expect(mine(b)).toMatchObject({ villageAffairsDue: true, financeDue: true });
    expect(b.totals.financeDue).toBe(b.totals.villages);

    await publish('village', finance({ period: '2030-01' }));
    b = await board();
    expect(mine(b)).toMatchObject({
      financeDue: false,
      villageAffairsDue: true,
      latestFinancePeriod: '2030-01',
    });
    expect(b.totals.financeDue).toBe(b.totals.villages - 1);

    await publish('village', {
      kind: 'village',
      period: '2029-Q4',
      title: '2029年第四季度村务公开',
      body: '低保评议结果。',
    });
    expect(mine(await board())).toMatchObject({ villageAffairsDue: false, latestVillagePeriod: '2029-Q4' });

    // 2030-03-01 00:30 in Shanghai is still February in UTC: a new month has begun there
    t.clock.set('2030-02-28T16:30:00Z');
    b = await board();
    expect(b.month).toBe('2030-03');
    expect(mine(b)).toMatchObject({ financeDue: true, villageAffairsDue: false });

    // a new quarter: village affairs are due again
    t.clock.set('2030-04-01T01:00:00Z');
    expect(mine(await board())).toMatchObject({ financeDue: true, villageAffairsDue: true });
  });

  it('leaves withdrawn disclosures out', async () => {
    t.clock.set('2031-05-10T02:00:00Z');
    const id = await publish('village', finance({ period: '2031-04' }));
    expect(mine(await board()).financeDue).toBe(false);
    await call('village', 'POST', `/disclosures/${id}/withdraw`, { reason: '金额有误需更正' });
    expect(mine(await board()).financeDue).toBe(true);
  });

  it('rolls villages up by township and keeps to the caller’s scope', async () => {
    t.clock.set('2030-02-10T02:00:00Z');
    const county = await board('county');
    expect(county.townships.length).toBeGreaterThan(1);
    expect(county.townships.reduce((s, x) => s + x.villages, 0)).toBe(county.totals.villages);
    const township = await board('township');
    expect(township.townships).toHaveLength(1);
    expect(township.villages.every((v) => v.code.startsWith(township.townships[0]!.code))).toBe(true);
    const drill = await board('county', township.townships[0]!.code);
    expect(drill.totals).toEqual(township.totals);
    expect(mine(await board('county', villageCode))).toBeDefined();
    // 张家村 is in 盘山县: invisible to 铁岭县's county centre, on its own county's board
    expect((await call('county', 'GET', '/disclosures/compliance?within=211122001211')).statusCode).toBe(404);
    expect((await board('panshan')).villages.some((v) => v.code === '211122001211')).toBe(true);
    expect((await call('village', 'GET', '/disclosures/compliance')).statusCode).toBe(403);
    expect((await call('resident', 'GET', '/disclosures/compliance')).statusCode).toBe(403);
  });

  it('shows the demo village on time and 张家村 behind on finances as of the load', async () => {
    t.clock.set(new Date());
    expect(mine(await board())).toMatchObject({ financeDue: false, villageAffairsDue: false });
    const zhangjia = (await board('panshan')).villages.find((v) => v.code === '211122001211')!;
    expect(zhangjia).toMatchObject({ financeDue: true, villageAffairsDue: false });
  });
});
