import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { pathOf } from '../regions/index.js';
import { PETITION_INDICATORS } from './indicators.js';

/**
 * The petition indicators against a hand-made spring 2022 in one village (before the demo's
 * history): a group of three answered on the spot, one accepted and answered after 70 days (past
 * the 60-day limit), one never decided (past its 15 days).
 */
let t: TestApp;
let county: { authorization: string };
let village: string;
const C = '211221';
beforeAll(async () => {
  t = await createTestApp();
  county = await signIn(t.app, 'county');
  const g = await t.db
    .selectFrom('account')
    .select('scope_code')
    .where('username', '=', 'gridworker')
    .executeTakeFirstOrThrow();
  village = g.scope_code.slice(0, 12);
});
afterAll(() => t.close());

const post = async (url: string, payload: object) => {
  const r = await t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: county, payload });
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r.json();
};
const register = (more: object = {}) =>
  post('/petitions', { visitor: { name: '李四' }, matter: '宅基地界址争议', regionCode: village, ...more });
const value = (code: string, path: string) =>
  PETITION_INDICATORS.find((i) => i.code === code)!.value(
    t.db,
    { countyCode: C, path },
    {
      from: new Date('2022-03-01T00:00:00+08:00'),
      to: new Date('2022-06-01T00:00:00+08:00'),
      now: t.clock.now(),
    },
  );

describe('petition indicators', () => {
  it('counts visitors by headcount, solved, solved within limits and overdue now', async () => {
    t.clock.set('2022-03-01T10:00:00+08:00');
    const group = await register({ groupVisit: true, headcount: 3 });
    await post(`/petitions/${group.id}/actions/answer_on_spot`, { answer: '当场解释政策' });
    const late = await register();
    await post(`/petitions/${late.id}/actions/accept`, {});
    await register(); // never decided
    t.clock.set('2022-05-10T10:00:00+08:00');
    await post(`/petitions/${late.id}/actions/answer`, { answer: '出具处理意见' });

    const v = pathOf(village);
    expect(await value('petitions.visitors', v)).toBe(5);
    expect(await value('petitions.solved', v)).toBe(2);
    expect(await value('petitions.solved_in_time', v)).toBe(1);
    expect(await value('petitions.overdue', v)).toBe(1);
    // another village sees none of it
    expect(await value('petitions.visitors', pathOf('211221999999'))).toBe(0);
    // the drill-down: the registrations, never the visitor's name
    const rec = await PETITION_INDICATORS.find((i) => i.code === 'petitions.visitors')!.records(
      t.db,
      { countyCode: C, path: v },
      {
        from: new Date('2022-03-01T00:00:00+08:00'),
        to: new Date('2022-06-01T00:00:00+08:00'),
        now: t.clock.now(),
      },
      10,
    );
    expect(rec.total).toBe(3);
    expect(rec.items.every((r) => !r.label.includes('李四'))).toBe(true);
  });
});
