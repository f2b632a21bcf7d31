import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../platform/calendar/work-calendar.js';
import { countRows, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { departmentId, get, raise, type Headers } from '../../../test/kits/whistles.js';
import { sweepWhistles } from './sweep.js';

let t: TestApp;
const h: Record<string, Headers> = {};
let housing = 0;
let water = 0;

beforeAll(async () => {
  t = await createTestApp();
  housing = await departmentId(t.db, 'county_housing_urban_rural');
  water = await departmentId(t.db, 'county_water_resources');
  for (const u of ['village', 'township', 'county', 'admin', 'department']) h[u] = await signIn(t.app, u);
}, 180_000);
afterAll(async () => t?.close());

const n = async (q: RawBuilder<unknown>) =>
  Number(((await q.execute(t.db)).rows[0] as { count: string }).count);
const put = (who: string, dept: number | string, payload: object) =>
  t.app.inject({ method: 'PUT', url: `/api/v1/whistle-limits/${dept}`, headers: h[who], payload });
const body = (departmentId: number, over: Record<string, unknown> = {}) => ({
  subject: '灌溉渠堵塞影响春耕',
  description: '西干渠下游淤堵，请县水利局协调清淤。',
  departmentId,
  ...over,
});

describe('the demo at start', () => {
  it('has its one overdue request escalated already, with the sweep’s step, audit row and notices: a fresh sweep escalates nothing', async () => {
    const late = await t.db
      .selectFrom('whistle')
      .select(['id', 'escalated_at', 'due_at'])
      .where('state', '=', 'raised')
      .where('escalated_at', 'is not', null)
      .execute();
    expect(late).toHaveLength(1);
    const id = late[0]!.id;
    expect(late[0]!.escalated_at!.getTime()).toBeGreaterThan(late[0]!.due_at.getTime());
    const steps = await t.db
      .selectFrom('whistle_step')
      .select('action')
      .where('whistle_id', '=', id)
      .where('action', '=', 'escalate')
      .execute();
    expect(steps).toHaveLength(1);
    expect(
      await n(
        sql`SELECT count(*) FROM audit_log WHERE action = 'whistle.escalate' AND entity_id = ${String(id)}`,
      ),
    ).toBe(1);
    expect(
      await n(sql`SELECT count(*) FROM notification WHERE kind = 'whistle.overdue' AND about_id = ${id}`),
    ).toBeGreaterThanOrEqual(2);
    // the instant the demo was loaded: its newest request was raised 32 hours before it
    const { rows } = await sql<{ at: Date }>`
      SELECT max(raised_at) + interval '32 hours 1 minute' AS at FROM whistle`.execute(t.db);
    expect((await sweepWhistles(t.db, rows[0]!.at))?.escalated).toBe(0);
  });
});

describe('a department’s own limit', () => {
  it('is 3 working days (urgent 1) by default and listed as such', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/whistle-limits', headers: h.village });
    expect(res.statusCode).toBe(200);
    const w = res.json().items.find((i: { departmentId: number }) => i.departmentId === water);
    expect(w).toMatchObject({ days: 3, urgentDays: 1, isDefault: true });
  });

  it('is set by the county only, audited; a bad limit or another county’s department changes nothing', async () => {
    const audits = await n(sql`SELECT count(*) FROM audit_log WHERE action = 'whistle_limit.set'`);
    expect((await put('township', water, { days: 5, urgentDays: 2 })).statusCode).toBe(403);
    expect((await put('village', water, { days: 5, urgentDays: 2 })).statusCode).toBe(403);
    expect((await put('department', water, { days: 5, urgentDays: 2 })).statusCode).toBe(403);
    expect((await put('county', water, { days: 2, urgentDays: 3 })).statusCode).toBe(400);
    expect((await put('county', water, { days: 0, urgentDays: 0 })).statusCode).toBe(400);
    expect((await put('county', water, { days: '５', urgentDays: 1 })).statusCode).toBe(400);
    const other = await departmentId(t.db, 'county_water_resources', '211122');
    expect((await put('county', other, { days: 5, urgentDays: 2 })).statusCode).toBe(404);
    expect((await put('county', 999_999, { days: 5, urgentDays: 2 })).statusCode).toBe(404);
    expect(await countRows(t.db, 'whistle_limit')).toBe(0);
    expect(await n(sql`SELECT count(*) FROM audit_log WHERE action = 'whistle_limit.set'`)).toBe(audits);

    const ok = await put('county', water, { days: 5, urgentDays: 2 });
    expect(ok.statusCode).toBe(200);
    expect((await put('admin', housing, { days: 2, urgentDays: 1 })).statusCode).toBe(200);
    expect(await n(sql`SELECT count(*) FROM audit_log WHERE action = 'whistle_limit.set'`)).toBe(audits + 2);
    const row = await t.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'whistle_limit.set')
      .where('entity_id', '=', String(water))
      .executeTakeFirstOrThrow();
    expect(row.before).toEqual({ days: 3, urgentDays: 1 });
    expect(row.after).toEqual({ days: 5, urgentDays: 2 });
  });

  it('gives a new request its department’s limit on the county calendar, and the sweep escalates by it', async () => {
    t.clock.set('2025-05-12T09:00:00+08:00'); // a Monday
    const slow = (await raise(t.app, h.village!, body(water))).json();
    expect(shanghaiDate(new Date(slow.dueAt))).toBe('2025-05-19'); // 5 working days
    const urgent = (await raise(t.app, h.village!, body(water, { urgent: true }))).json();
    expect(shanghaiDate(new Date(urgent.dueAt))).toBe('2025-05-14'); // 2 working days
    const quick = (await raise(t.app, h.village!, body(housing))).json();
    expect(shanghaiDate(new Date(quick.dueAt))).toBe('2025-05-14'); // 2 working days

    // Friday: the housing bureau's 2 days are past, the water bureau's 5 are not
    t.clock.set('2025-05-16T09:00:00+08:00');
    await sweepWhistles(t.db, t.clock.now());
    expect((await get(t.app, h.village!, quick.id)).json()).toMatchObject({ escalated: true });
    expect((await get(t.app, h.village!, slow.id)).json()).toMatchObject({
      escalated: false,
      overdue: false,
    });
    expect((await get(t.app, h.village!, urgent.id)).json()).toMatchObject({ escalated: true });
    t.clock.set('2025-05-20T09:00:00+08:00');
    await sweepWhistles(t.db, t.clock.now());
    expect((await get(t.app, h.village!, slow.id)).json()).toMatchObject({ escalated: true });
  });

  it('follows a request the county directs: the receiving department’s limit from now', async () => {
    t.clock.set('2025-06-09T09:00:00+08:00'); // a Monday
    const r = (await raise(t.app, h.village!, body(housing))).json();
    const d = await t.app.inject({
      method: 'POST',
      url: `/api/v1/whistles/${r.id}/actions/direct`,
      headers: h.county,
      payload: { departmentId: water, reason: '属水利局职责' },
    });
    expect(d.statusCode).toBe(200);
    expect(shanghaiDate(new Date(d.json().dueAt))).toBe('2025-06-16');
  });
});
