import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { pathOf } from '../regions/index.js';
import { DISPUTE_INDICATORS } from './indicators.js';

/**
 * The dispute indicators against a hand-made January 2022 in one village (the demo's history does
 * not reach back so far): a screening that finds three disputes — one settled at the village the
 * same day, one passed up by hand, one left open until the sweep passes it up the next morning.
 */
let t: TestApp;
type H = { authorization: string };
const h: Record<string, H> = {};
let grid: string;
let village: string;
const C = '211221';
beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['village', 'gridworker']) h[u] = await signIn(t.app, u);
  grid = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: h.gridworker })).json().scope.code;
  village = grid.slice(0, 12);
});
afterAll(() => t.close());

const call = (who: string, url: string, payload: object) =>
  t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: h[who]!, payload });
const value = (code: string, path: string, from: string, to: string) =>
  DISPUTE_INDICATORS.find((i) => i.code === code)!.value(
    t.db,
    { countyCode: C, path },
    { from: new Date(`${from}T00:00:00+08:00`), to: new Date(`${to}T00:00:00+08:00`), now: t.clock.now() },
  );

describe('dispute indicators', () => {
  it('counts screenings, disputes found, settled (at the village), escalated and overdue', async () => {
    t.clock.set('2022-01-12T09:00:00+08:00');
    const dispute = (summary: string) => ({
      type: 'neighbour',
      summary,
      riskLevel: 'low',
      gridCode: grid,
      parties: [{ side: 'applicant', name: '甲' }],
    });
    const s = await call('village', '/disputes/screenings', {
      nothingFound: false,
      disputes: [dispute('纠纷一'), dispute('纠纷二'), dispute('纠纷三')],
    });
    expect(s.statusCode, s.body).toBe(201);
    const ids = (
      await t.db
        .selectFrom('dispute')
        .select('id')
        .where('screening_id', '=', s.json().id)
        .orderBy('id')
        .execute()
    ).map((d) => d.id);
    expect(ids).toHaveLength(3);
    expect(
      (await call('village', `/disputes/${ids[0]}/actions/settle`, { agreement: '当日化解' })).statusCode,
    ).toBe(200);
    expect(
      (await call('village', `/disputes/${ids[1]}/actions/escalate`, { reason: '需镇级调处' })).statusCode,
    ).toBe(200);
    // the third passes its same-day limit: the sweep the next morning escalates it
    t.clock.set('2022-01-13T09:00:00+08:00');
    const { sweepDisputes } = await import('./sweep.js');
    await sweepDisputes({ db: t.db, calendar: t.ctx.calendar, now: t.clock.now });

    const jan = (code: string, path = pathOf(village)) => value(code, path, '2022-01-01', '2022-02-01');
    expect(await jan('disputes.screened')).toBe(1);
    expect(await jan('disputes.found')).toBe(3);
    expect(await jan('disputes.settled')).toBe(1);
    expect(await jan('disputes.settled_village')).toBe(1);
    expect(await jan('disputes.escalated')).toBe(2);
    expect(await jan('disputes.overdue')).toBe(1);
    // another village of the county sees none of it; the day before sees nothing
    expect(await jan('disputes.found', pathOf('211221999999'))).toBe(0);
    expect(await value('disputes.found', pathOf(village), '2022-01-11', '2022-01-12')).toBe(0);
    // the drill-down lists the records behind a figure, without a party's name
    const rec = await DISPUTE_INDICATORS.find((i) => i.code === 'disputes.escalated')!.records(
      t.db,
      { countyCode: C, path: pathOf(village) },
      {
        from: new Date('2022-01-01T00:00:00+08:00'),
        to: new Date('2022-02-01T00:00:00+08:00'),
        now: t.clock.now(),
      },
      10,
    );
    expect(rec.total).toBe(2);
    expect(rec.items.every((r) => !r.label.includes('甲'))).toBe(true);
  });
});
