import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, signIn, TEST_DEMO_PASSWORD, type TestApp } from '../../../test/helpers.js';
import { seedAccount } from '../accounts/index.js';
import { EMERGENCY_INDICATORS } from './indicators.js';

/**
 * 应急 on the demo county: declared over the demo village → its workers alerted, every vulnerable
 * household to check; one-tap reports (latest wins, history kept, one per household per moment,
 * replayed from the queue, "needs help" → one urgent case); area scoping; close with its summary.
 */
let t: TestApp;
const h: Record<string, { authorization: string }> = {};
let village = '';
let grid = '';
let otherGrid = '';
const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: h[who]!, payload });

beforeAll(async () => {
  t = await createTestApp();
  grid = (
    await t.db
      .selectFrom('account')
      .select('scope_code')
      .where('username', '=', 'gridworker')
      .executeTakeFirstOrThrow()
  ).scope_code;
  village = grid.slice(0, 12);
  // a grid of another village of the county, with its own worker: outside the area
  otherGrid = (
    await t.db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 'grid')
      .where('county_code', '=', grid.slice(0, 6))
      .where('code', 'not like', `${village}%`)
      .orderBy('code')
      .executeTakeFirstOrThrow()
  ).code;
  await seedAccount(t.db, {
    username: 'far-worker',
    displayName: '区外网格员',
    role: 'grid_worker',
    scopeCode: otherGrid,
    password: TEST_DEMO_PASSWORD,
  });
  // the small test county may have few vulnerable households in one grid: four of its households get a
  // bedridden member (the rule reads the tags of present members)
  for (const [like, n] of [
    [grid, 2],
    [`${village}%`, 6],
  ] as const)
    await sql`UPDATE resident SET care_tags = array_append(care_tags, 'bedridden')
      WHERE id IN (SELECT min(r.id) FROM resident r WHERE r.grid_code LIKE ${like} AND r.status = 'present'
        AND NOT 'bedridden' = ANY(r.care_tags) GROUP BY r.household_id ORDER BY r.household_id LIMIT ${n})`.execute(
      t.db,
    );
  for (const u of ['county', 'township', 'village', 'gridworker', 'far-worker', 'panshan'])
    h[u] = await signIn(t.app, u);
});
afterAll(() => t.close());

/** The hand count: households of the village with a present member and a vulnerable tag on either. */
async function handCount(code: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM household x
    WHERE x.grid_path <@ (SELECT path FROM region WHERE code = ${code})
      AND x.id IN (SELECT household_id FROM resident WHERE status = 'present')
      AND (x.care_tags && ARRAY['elderly-alone','disabled','bedridden','left-behind-child']
        OR x.id IN (SELECT household_id FROM resident WHERE status = 'present'
          AND care_tags && ARRAY['elderly-alone','disabled','bedridden','left-behind-child']))`.execute(t.db);
  return rows[0]!.n;
}

let eventId = 0;
let checks: Array<{ id: number; gridCode: string; status: string }> = [];

describe('declaring', () => {
  it('is for county and township centres only; the area must lie in the declarer’s scope', async () => {
    const body = { templateKey: 'flood', title: '强降雨防汛应急', area: [village] };
    expect((await call('gridworker', 'POST', '/emergency-events', body)).statusCode).toBe(403);
    expect((await call('village', 'POST', '/emergency-events', body)).statusCode).toBe(403);
    const before = await countRows(t.db, 'emergency_event');
    const r = await call('panshan', 'POST', '/emergency-events', body);
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().error?.code).toBe('EMERGENCY_AREA_INVALID');
    expect(
      (await call('township', 'POST', '/emergency-events', { ...body, templateKey: 'nope' })).json().error
        ?.code,
    ).toBe('EMERGENCY_TEMPLATE_NOT_FOUND');
    expect(await countRows(t.db, 'emergency_event')).toBe(before);
  });

  it('declares: a check per vulnerable household, the area’s workers alerted, audited', async () => {
    const audit = await countRows(t.db, 'audit_log');
    const rid = randomUUID();
    // declared ten minutes ago: the phones' reports below are timed after it
    t.clock.set(new Date(Date.now() - 600_000));
    const r = await call('township', 'POST', '/emergency-events', {
      templateKey: 'flood',
      title: '强降雨防汛应急',
      area: [village],
      clientRequestId: rid,
    });
    expect(r.statusCode, r.body).toBe(201);
    eventId = r.json().id;
    const want = await handCount(village);
    expect(want).toBeGreaterThanOrEqual(6);
    expect(r.json().checks).toBe(want);
    expect(r.json().alerted).toBeGreaterThanOrEqual(2);
    t.clock.set(new Date());
    expect(await countRows(t.db, 'audit_log')).toBe(audit + 1);
    const again = await call('township', 'POST', '/emergency-events', {
      templateKey: 'flood',
      title: '强降雨防汛应急',
      area: [village],
      clientRequestId: rid,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: eventId, replayed: true });
    // the grid worker's inbox has the alert, about the event
    const inbox = await call('gridworker', 'GET', '/inbox');
    expect(inbox.statusCode, inbox.body).toBe(200);
    expect(JSON.stringify(inbox.json())).toContain('【应急】强降雨防汛应急');
    const far = await t.db
      .selectFrom('notification')
      .innerJoin('account', 'account.id', 'notification.account_id')
      .select('notification.id')
      .where('account.username', '=', 'far-worker')
      .where('notification.about_type', '=', 'emergency')
      .execute();
    expect(far).toHaveLength(0);
  });

  it('scopes by area: the grid worker lists the checks of the grid, a worker elsewhere sees no event', async () => {
    const mine = await call('gridworker', 'GET', '/emergency-checks/mine');
    expect(mine.statusCode, mine.body).toBe(200);
    const own = mine.json().items as typeof checks;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((c) => c.gridCode === grid && c.status === 'pending')).toBe(true);
    // the village's staff list every grid of the village; the grid worker's own come first here
    const all = (await call('village', 'GET', '/emergency-checks/mine')).json().items as typeof checks;
    expect(all.length).toBe(await handCount(village));
    checks = [...own, ...all.filter((c) => c.gridCode !== grid)];
    expect((await call('far-worker', 'GET', '/emergency-checks/mine')).json().items).toHaveLength(0);
    expect((await call('far-worker', 'GET', `/emergency-events/${eventId}`)).statusCode).toBe(404);
    expect((await call('panshan', 'GET', `/emergency-events/${eventId}`)).statusCode).toBe(404);
    const r = await call('far-worker', 'POST', `/emergency-checks/${checks[0]!.id}/report`, {
      status: 'safe',
    });
    expect(r.statusCode).toBe(404);
  });
});

describe('one-tap reports', () => {
  it('safe, then an older queued report joins the history without overriding it', async () => {
    const c = checks[0]!;
    const now = Date.now();
    const r1 = await call('gridworker', 'POST', `/emergency-checks/${c.id}/report`, {
      status: 'safe',
      reportedAt: new Date(now - 1_000).toISOString(),
    });
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json()).toMatchObject({ status: 'safe', latest: true });
    const r2 = await call('gridworker', 'POST', `/emergency-checks/${c.id}/report`, {
      status: 'unreachable',
      reportedAt: new Date(now - 60_000).toISOString(),
    });
    expect(r2.statusCode, r2.body).toBe(200);
    expect(r2.json()).toMatchObject({ status: 'safe', latest: false });
    const hist = await call('township', 'GET', `/emergency-checks/${c.id}/history`);
    expect(hist.json().items.map((x: { status: string }) => x.status)).toEqual(['unreachable', 'safe']);
  });

  it('one status per household per moment, also when two arrive at once', async () => {
    const c = checks[checks.length - 2]!;
    const at = new Date(Date.now() - 5_000).toISOString();
    const [a, b] = await Promise.all([
      call('village', 'POST', `/emergency-checks/${c.id}/report`, { status: 'evacuated', reportedAt: at }),
      call('village', 'POST', `/emergency-checks/${c.id}/report`, { status: 'safe', reportedAt: at }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect([a, b].find((x) => x.statusCode === 409)!.json().error?.code).toBe('EMERGENCY_REPORT_DUPLICATE');
    const n = await t.db
      .selectFrom('emergency_report')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('check_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it('a queued report resent with its clientRequestId is the same report', async () => {
    const c = checks[checks.length - 3]!;
    const rid = randomUUID();
    const at = new Date(Date.now() - 2_000).toISOString();
    const r1 = await call('village', 'POST', `/emergency-checks/${c.id}/report`, {
      status: 'evacuated',
      reportedAt: at,
      clientRequestId: rid,
    });
    expect(r1.statusCode, r1.body).toBe(200);
    const before = await countRows(t.db, 'emergency_report');
    const r2 = await call('village', 'POST', `/emergency-checks/${c.id}/report`, {
      status: 'evacuated',
      reportedAt: at,
      clientRequestId: rid,
    });
    expect(r2.json()).toMatchObject({ replayed: true, status: 'evacuated' });
    expect(await countRows(t.db, 'emergency_report')).toBe(before);
    const other = checks.find((x) => x.id !== c.id)!;
    const r3 = await call('village', 'POST', `/emergency-checks/${other.id}/report`, {
      status: 'safe',
      clientRequestId: rid,
    });
    expect(r3.json().error?.code).toBe('EMERGENCY_REQUEST_REUSED');
  });

  it('refuses a future time and bad input, changing nothing', async () => {
    const c = checks[0]!;
    const before = await countRows(t.db, 'emergency_report');
    const future = await call('gridworker', 'POST', `/emergency-checks/${c.id}/report`, {
      status: 'safe',
      reportedAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(future.json().error?.code).toBe('EMERGENCY_TIME_INVALID');
    expect(
      (await call('gridworker', 'POST', `/emergency-checks/${c.id}/report`, { status: 'fine' })).statusCode,
    ).toBe(400);
    expect(
      (await call('gridworker', 'POST', `/emergency-checks/１/report`, { status: 'safe' })).statusCode,
    ).toBe(400);
    expect(
      (await call('county', 'POST', `/emergency-checks/${c.id}/report`, { status: 'safe' })).statusCode,
    ).toBe(403);
    expect(await countRows(t.db, 'emergency_report')).toBe(before);
  });

  it('"needs help" becomes one urgent case in the flood category, once per household', async () => {
    const c = checks[1] ?? checks[0]!;
    const r = await call('village', 'POST', `/emergency-checks/${c.id}/report`, {
      status: 'needs_help',
      note: '老人行动不便，院内积水齐膝',
      reportedAt: new Date(Date.now() - 3_000).toISOString(),
    });
    expect(r.statusCode, r.body).toBe(200);
    const caseId = r.json().caseId;
    expect(caseId).toBeGreaterThan(0);
    const k = await t.db
      .selectFrom('cases')
      .select(['urgency', 'category_code', 'grid_code'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(k).toMatchObject({ urgency: 'emergency', category_code: 'G0205', grid_code: c.gridCode });
    const again = await call('village', 'POST', `/emergency-checks/${c.id}/report`, {
      status: 'needs_help',
      reportedAt: new Date(Date.now() - 1_000).toISOString(),
    });
    expect(again.json().caseId).toBe(caseId);
    const helps = await t.db
      .selectFrom('emergency_help')
      .select('case_id')
      .where('event_id', '=', eventId)
      .execute();
    expect(helps).toHaveLength(1);
  });

  it('a request for help from the field is an urgent case; not from outside the area', async () => {
    const body = {
      description: '村东桥头有群众被困，请求冲锋舟',
      gridCode: grid,
      clientRequestId: randomUUID(),
    };
    const r = await call('gridworker', 'POST', `/emergency-events/${eventId}/help`, body);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().deadlineAt).not.toBeNull();
    const again = await call('gridworker', 'POST', `/emergency-events/${eventId}/help`, body);
    expect(again.json()).toMatchObject({ caseId: r.json().caseId, replayed: true });
    expect(
      (
        await call('far-worker', 'POST', `/emergency-events/${eventId}/help`, {
          ...body,
          clientRequestId: randomUUID(),
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('the centre’s map and closing', () => {
  it('the map counts by village and places every household of the area', async () => {
    const r = await call('township', 'GET', `/emergency-events/${eventId}/map`);
    expect(r.statusCode, r.body).toBe(200);
    const m = r.json();
    expect(m.counts.total).toBe(await handCount(village));
    expect(m.counts.total - m.counts.pending).toBeGreaterThanOrEqual(3);
    expect(m.byRegion.map((x: { code: string }) => x.code)).toEqual([village]);
    expect(m.points.length).toBe(m.counts.total);
    expect(m.points.some((p: { status: string }) => p.status === 'safe')).toBe(true);
  });

  it('only the declarer’s side closes; the summary is kept; reports after close are 409', async () => {
    expect((await call('village', 'POST', `/emergency-events/${eventId}/actions/close`, {})).statusCode).toBe(
      403,
    );
    const r = await call('township', 'POST', `/emergency-events/${eventId}/actions/close`, {
      note: '雨停水退',
    });
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json().summary;
    expect(s.total).toBe(await handCount(village));
    expect(s.helpGiven).toBe(2);
    expect(s.checked + s.pending).toBe(s.total);
    const late = await call('gridworker', 'POST', `/emergency-checks/${checks[0]!.id}/report`, {
      status: 'safe',
    });
    expect(late.json().error?.code).toBe('EMERGENCY_CLOSED');
    expect(
      (await call('township', 'POST', `/emergency-events/${eventId}/actions/close`, {})).json().error?.code,
    ).toBe('EMERGENCY_CLOSED');
    expect((await call('gridworker', 'GET', '/emergency-checks/mine')).json().items).toHaveLength(0);
  });

  it('indicators: the share checked, help requests, response time', async () => {
    const scope = {
      countyCode: grid.slice(0, 6),
      path: (
        await t.db
          .selectFrom('region')
          .select(sql<string>`path::text`.as('p'))
          .where('code', '=', village)
          .executeTakeFirstOrThrow()
      ).p,
    };
    const w = {
      from: new Date(Date.now() - 86_400_000),
      to: new Date(Date.now() + 86_400_000),
      now: new Date(),
    };
    const [checked, help, response] = EMERGENCY_INDICATORS;
    expect(await checked!.value(t.db, scope, w)).toBeNull(); // no declared event left
    expect(await help!.value(t.db, scope, w)).toBe(2);
    const hrs = await response!.value(t.db, scope, w);
    expect(hrs).not.toBeNull();
    expect(hrs!).toBeLessThan(1);
  });

  it('the demo’s summer flood is there, closed, with its history', async () => {
    const r = await call('township', 'GET', '/emergency-events?state=closed');
    const flood = r.json().items.find((e: { title: string }) => e.title.includes('7·28'));
    expect(flood).toBeDefined();
    const d = (await call('township', 'GET', `/emergency-events/${flood.id}`)).json();
    expect(d.summary.total).toBeGreaterThan(0);
    expect(d.summary.checked).toBe(d.summary.total);
  });
});
