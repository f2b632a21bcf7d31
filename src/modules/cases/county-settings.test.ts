import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointInGrid } from '../../../test/fixtures.js';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { onCountySettingsChanged, type CountySetting } from '../../platform/settings-changes.js';
import { getIntervals } from '../visits/index.js';
import { escalationTarget } from './escalation.js';
import { deadlinesOf } from './settings-repository.js';

/**
 * Settings belong to a county: 铁岭县's administrator changes each of the six county
 * settings and 盘山县 (211122) keeps what it had; the change is audited under 铁岭县.
 */
const TIELING = '211221';
const PANSHAN = '211122';

let t: TestApp;
let admin: { authorization: string };
const heard: Array<[string, CountySetting]> = [];
let stop: () => void;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
  stop = onCountySettingsChanged((county, what) => heard.push([county, what]));
});
afterAll(async () => {
  stop();
  await t.close();
});

const put = (url: string, payload: unknown, method: 'PUT' | 'POST' = 'PUT') =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: admin, payload: payload as object });

async function auditedUnder(action: string) {
  const rows = await t.db
    .selectFrom('audit_log')
    .select('county_code')
    .where('action', '=', action)
    .execute();
  expect(rows.length).toBeGreaterThan(0);
  expect(new Set(rows.map((r) => r.county_code))).toEqual(new Set([TIELING]));
}

describe('settings belong to a county', () => {
  it('deadlines: 铁岭县 gets its own, 盘山县 keeps the national default', async () => {
    const before = await deadlinesOf(t.db, PANSHAN, 'E0102');
    const body = {
      village: { amount: 2, unit: 'workhour' },
      township: { amount: 1, unit: 'workday' },
      county: { amount: 2, unit: 'workday' },
    };
    const res = await put('/admin/categories/E0102/deadlines', body);
    expect(res.statusCode, res.body).toBe(200);
    expect(await deadlinesOf(t.db, TIELING, 'E0102')).toEqual({ deadlines: body, own: true });
    expect(await deadlinesOf(t.db, PANSHAN, 'E0102')).toEqual(before);
    expect(before?.own).toBe(false);
    // the national default itself is untouched
    const national = await t.db
      .selectFrom('category')
      .select('deadlines')
      .where('code', '=', 'E0102')
      .executeTakeFirstOrThrow();
    expect(national.deadlines).toEqual(before?.deadlines);
    // the catalogue each county's staff read shows their own county's deadlines
    const panshan = await signIn(t.app, 'panshan');
    const all = async (who: { authorization: string }) =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/categories', headers: who }))
        .json()
        .items.find((c: { code: string }) => c.code === 'E0102')?.deadlines;
    expect(await all(admin)).toEqual(body);
    expect(await all(panshan)).toEqual(before?.deadlines);
    await auditedUnder('category.deadlines');
    expect(heard).toContainEqual([TIELING, 'deadlines']);
    expect((await put('/admin/categories/E9999/deadlines', body)).statusCode).toBe(404);
  });

  it('calendar: 铁岭县’s own holiday is not 盘山县’s; national days stay for both', async () => {
    const res = await put('/admin/calendar/2030', {
      days: [{ date: '2030-03-15', kind: 'holiday', name: '县定假日' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toContainEqual({
      date: '2030-03-15',
      kind: 'holiday',
      name: '县定假日',
      source: 'county',
    });
    expect(t.ctx.calendar(TIELING).isWorkingDay('2030-03-15')).toBe(false);
    expect(t.ctx.calendar(PANSHAN).isWorkingDay('2030-03-15')).toBe(true);
    await auditedUnder('calendar.replace');
    expect(heard).toContainEqual([TIELING, 'calendar']);

    // 2023: national make-up day 01-28 (Saturday) and Spring Festival 01-23 (Monday)
    const y2023 = (
      await t.app.inject({ method: 'GET', url: '/api/v1/admin/calendar/2023', headers: admin })
    ).json().items as Array<{ date: string; kind: string; name: string | null; source: string }>;
    expect(y2023.find((d) => d.date === '2023-01-28')).toMatchObject({ kind: 'workday', source: 'national' });
    // 铁岭县 drops the make-up Saturday: for 铁岭县 it is a weekend day again, for 盘山县 still a working day
    const kept = y2023
      .filter((d) => d.date !== '2023-01-28')
      .map(({ date, kind, name }) => ({ date, kind, name }));
    expect((await put('/admin/calendar/2023', { days: kept })).statusCode).toBe(200);
    expect(t.ctx.calendar(TIELING).isWorkingDay('2023-01-28')).toBe(false);
    expect(t.ctx.calendar(PANSHAN).isWorkingDay('2023-01-28')).toBe(true);
    expect(t.ctx.calendar(TIELING).isWorkingDay('2023-01-23')).toBe(false);
    const wrongYear = await put('/admin/calendar/2030', {
      days: [{ date: '2031-01-01', kind: 'holiday', name: null }],
    });
    expect(wrongYear.statusCode).toBe(400);
    expect(t.ctx.calendar(TIELING).isWorkingDay('2030-03-15')).toBe(false);
  });

  it('a case reported in 铁岭县 gets 铁岭县’s deadline on 铁岭县’s calendar', async () => {
    // Thursday 2030-03-14 16:30: one working hour left that day; Friday 03-15 is 铁岭县's own holiday
    t.clock.set('2030-03-14T16:30:00+08:00');
    const resident = await signIn(t.app, 'resident');
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: resident })).json();
    const at = await pointInGrid(t.db, me.scope.code);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: resident,
      payload: { categoryCode: 'E0102', description: '村口垃圾', lat: at.lat, lng: at.lng },
    });
    expect(res.statusCode, res.body).toBe(201);
    const row = await t.db
      .selectFrom('cases')
      .select(['county_code', 'deadline_at'])
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(row.county_code).toBe(TIELING);
    // 2 working hours (铁岭县's deadline): 16:30–17:30, then Monday 03-18 08:30–09:30
    expect(row.deadline_at?.toISOString()).toBe(new Date('2030-03-18T09:30:00+08:00').toISOString());
  });

  it('escalation rules: 铁岭县’s new rule does not route 盘山县’s cases', async () => {
    const before = await escalationTarget(t.db, PANSHAN, 'E0102', 'normal', 'village');
    const res = await put(
      '/admin/escalation-rules',
      {
        categoryCode: 'E0102',
        urgency: null,
        fromTier: 'village',
        toTier: 'county',
        cc: [],
        note: '直报县级',
        active: true,
      },
      'POST',
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(await escalationTarget(t.db, TIELING, 'E0102', 'normal', 'village')).toMatchObject({
      toTier: 'county',
    });
    expect(JSON.stringify(await escalationTarget(t.db, PANSHAN, 'E0102', 'normal', 'village'))).toBe(
      JSON.stringify(before),
    );
    expect(before).toMatchObject({ toTier: 'township' });
    await auditedUnder('escalation_rule.create');
  });

  it('points rules: 铁岭县’s visit points leave 盘山县’s alone', async () => {
    const rule = (county: string) =>
      t.db
        .selectFrom('points_rule')
        .select(['points', 'daily_cap', 'active'])
        .where('county_code', '=', county)
        .where('code', '=', 'visit')
        .executeTakeFirstOrThrow();
    const before = await rule(PANSHAN);
    const res = await put('/admin/points-rules/visit', { points: 7, dailyCap: 30, active: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(await rule(TIELING)).toEqual({ points: 7, daily_cap: 30, active: true });
    expect(await rule(PANSHAN)).toEqual(before);
    expect(before.points).not.toBe(7);
    await auditedUnder('points_rule.update');
    expect(heard).toContainEqual([TIELING, 'points_rules']);
  });

  it('visit policy: 铁岭县’s intervals are not 盘山县’s', async () => {
    const before = await getIntervals(t.db, PANSHAN);
    const res = await put('/admin/visit-policy', { items: [{ careTag: '', intervalDays: 11 }] });
    expect(res.statusCode, res.body).toBe(200);
    expect(await getIntervals(t.db, TIELING)).toEqual([{ careTag: '', intervalDays: 11 }]);
    expect(await getIntervals(t.db, PANSHAN)).toEqual(before);
    expect(before).not.toEqual([{ careTag: '', intervalDays: 11 }]);
  });

  it('service items: 铁岭县’s new item is not in 盘山县’s catalogue', async () => {
    const items = (county: string) =>
      t.db
        .selectFrom('service_item')
        .select(['code', 'name_zh'])
        .where('county_code', '=', county)
        .orderBy('code')
        .execute();
    const before = await items(PANSHAN);
    const res = await put('/admin/service-items/test_county_item', {
      kind: 'proxy',
      nameZh: '县定代办事项',
      nameEn: 'A county item',
      handledAt: 'village',
      promiseDays: 3,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await items(TIELING)).map((i) => i.code)).toContain('test_county_item');
    expect(await items(PANSHAN)).toEqual(before);
  });
});
