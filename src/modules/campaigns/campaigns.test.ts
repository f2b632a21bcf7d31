import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, signIn, TEST_DEMO_PASSWORD, type TestApp } from '../../../test/helpers.js';
import { seedAccount } from '../accounts/index.js';
import { CAMPAIGN_INDICATORS } from './indicators.js';

/**
 * 上级号召、全市响应 on the demo county (铁岭县): the target list by rule against a hand count,
 * the grid worker's list, done once and only once (also at once), not applicable and moved within
 * the county, live progress, closing with misses refused and accepted, scope and bad input.
 */
let t: TestApp;
type H = { authorization: string };
const h: Record<string, H> = {};
let township = '';
let grid = '';
let otherTownship = '';

beforeAll(async () => {
  t = await createTestApp();
  const me = await t.db
    .selectFrom('account')
    .select(['username', 'scope_code'])
    .where('username', 'in', ['township', 'gridworker'])
    .execute();
  township = me.find((a) => a.username === 'township')!.scope_code;
  grid = me.find((a) => a.username === 'gridworker')!.scope_code;
  const other = await t.db
    .selectFrom('region')
    .select('code')
    .where('county_code', '=', township.slice(0, 6))
    .where('level', '=', 'township')
    .where('code', '<>', township)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  otherTownship = other.code;
  await seedAccount(t.db, {
    username: 'other-town',
    displayName: '另一镇指挥中心',
    role: 'township_centre',
    scopeCode: otherTownship,
    password: TEST_DEMO_PASSWORD,
  });
  for (const u of [
    'county',
    'township',
    'village',
    'gridworker',
    'parttime',
    'other-town',
    'panshan',
    'resident',
  ])
    h[u] = await signIn(t.app, u);
});
afterAll(() => t.close());

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: h[who]!, payload });
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const inDays = (d: number) =>
  new Date(Date.now() + 8 * 3_600_000 + d * 86_400_000).toISOString().slice(0, 10);

const PENSION = { subject: 'resident', minAge: 60, careTags: ['pensioner-60'] };
const CHECKLIST = {
  fields: [
    { key: 'certified', label: '已完成认证', type: 'boolean', required: true },
    { key: 'method', label: '认证方式', type: 'choice', required: true, options: ['人脸识别', '上门核验'] },
  ],
  photo: 'optional',
};
const launch = (who: string, more: object = {}) =>
  call(who, 'POST', '/campaigns', {
    title: '养老金领取资格认证',
    templateKey: 'pension_certification',
    startsOn: today(),
    endsOn: inDays(30),
    rule: { ...PENSION, regions: [township] },
    checklist: CHECKLIST,
    supervising: ['county', 'township', 'village'],
    ...more,
  });
const ok = { answers: { certified: true, method: '上门核验' } };
const act = (who: string, id: number, action: string, body: object) =>
  call(who, 'POST', `/campaign-targets/${id}/actions/${action}`, body);

/** The hand count: residents present, born on or before today 60 years ago, tagged, under a path. */
async function handCount(pathCode: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM resident r
    JOIN region g ON g.code = r.grid_code
    WHERE r.county_code = ${township.slice(0, 6)} AND r.status = 'present'
      AND 'pensioner-60' = ANY(r.care_tags)
      AND r.birth_date <= (${today()}::date - interval '60 years')
      AND g.path <@ (SELECT path FROM region WHERE code = ${pathCode})`.execute(t.db);
  return rows[0]!.n;
}

let campaignId = 0;
let targets: Array<{ id: number; gridCode: string; householdId: number }> = [];
let villageTargets: typeof targets = [];

describe('launching by rule', () => {
  it('lists the county’s four templates', async () => {
    const r = await call('county', 'GET', '/campaign-templates');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items.map((x: { key: string }) => x.key)).toEqual([
      'pension_certification',
      'elderly_vaccination',
      'flood_season',
      'winter_heating',
    ]);
  });

  it('previews the rule’s count, equal to a hand SQL count, by village', async () => {
    const r = await call('county', 'POST', '/campaigns/preview', {
      rule: { ...PENSION, regions: [township] },
    });
    expect(r.statusCode, r.body).toBe(200);
    const want = await handCount(township);
    expect(want).toBeGreaterThan(10);
    expect(r.json().targets).toBe(want);
    // the county's children are townships: only the chosen one has targets
    expect(r.json().byRegion.map((x: { code: string }) => x.code)).toEqual([township]);
  });

  it('launches: one target per resident, none counted twice, audited', async () => {
    const audit = await countRows(t.db, 'audit_log');
    const r = await launch('county', { clientRequestId: randomUUID() });
    expect(r.statusCode, r.body).toBe(201);
    campaignId = r.json().id;
    expect(r.json().targets).toBe(await handCount(township));
    const { rows } = await sql<{ n: number; d: number }>`SELECT count(*)::int AS n,
      count(DISTINCT resident_id)::int AS d FROM campaign_target WHERE campaign_id = ${campaignId}`.execute(
      t.db,
    );
    expect(rows[0]!.n).toBe(rows[0]!.d);
    expect(await countRows(t.db, 'audit_log')).toBe(audit + 1);
  });

  it('refuses bad input and changes nothing', async () => {
    const before = await countRows(t.db, 'campaign');
    const bad = [
      { endsOn: inDays(-40), startsOn: inDays(-50) },
      { rule: { ...PENSION, regions: ['２１１２２１００１'] } },
      { rule: { ...PENSION, regions: ['211321001'] } }, // not in the county
      { rule: { subject: 'household', minAge: 60 } },
      { checklist: { fields: [{ key: 'x', label: 'x', type: 'choice', required: true }] } },
      { title: 'x\u0000y' },
      { templateKey: 'no_such_template' },
      { rule: { ...PENSION, minAge: 120, regions: [township] } }, // nobody
    ];
    for (const b of bad) {
      const r = await launch('county', b);
      expect(r.statusCode, JSON.stringify(b) + r.body).toBe(400);
    }
    expect(await countRows(t.db, 'campaign')).toBe(before);
    expect((await launch('gridworker')).statusCode).toBe(403);
    expect((await launch('resident')).statusCode).toBe(403);
  });
});

describe('the grid worker’s list', () => {
  it('holds the targets of their grid only, with the checklist', async () => {
    const r = await call('gridworker', 'GET', `/campaign-targets/mine?campaignId=${campaignId}`);
    expect(r.statusCode, r.body).toBe(200);
    const b = r.json();
    expect(b.total).toBe(await handCount(grid));
    expect(b.items.every((x: { gridCode: string }) => x.gridCode === grid)).toBe(true);
    expect(b.campaigns[0].checklist.fields).toHaveLength(2);
    // the demo's test scale has few pensioners per grid: the steps below work a campaign for every
    // resident of the township
    const w = await launch('county', {
      title: '入户核查',
      templateKey: undefined,
      rule: { subject: 'resident', regions: [township] },
    });
    expect(w.statusCode, w.body).toBe(201);
    campaignId = w.json().id;
    targets = (await call('gridworker', 'GET', `/campaign-targets/mine?campaignId=${campaignId}`)).json()
      .items;
    expect(targets.length).toBeGreaterThanOrEqual(3);
  });

  it('is done once and only once when two workers submit at once', async () => {
    const id = targets[0]!.id;
    const [a, b] = await Promise.all([
      act('gridworker', id, 'complete', { ...ok, clientRequestId: randomUUID() }),
      act('parttime', id, 'complete', { ...ok, clientRequestId: randomUUID() }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const lost = a.statusCode === 409 ? a : b;
    expect(lost.json().error.code).toBe('CAMPAIGN_TARGET_SETTLED');
    const steps = await t.db
      .selectFrom('campaign_history')
      .select('id')
      .where('target_id', '=', id)
      .execute();
    expect(steps).toHaveLength(1);
  });

  it('answers a resent offline report with the first result; a reused id elsewhere is refused', async () => {
    const id = targets[1]!.id;
    const rid = randomUUID();
    const first = await act('gridworker', id, 'complete', { ...ok, clientRequestId: rid });
    expect(first.statusCode, first.body).toBe(200);
    const again = await act('gridworker', id, 'complete', { ...ok, clientRequestId: rid });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().replayed).toBe(true);
    const reused = await act('gridworker', targets[2]!.id, 'complete', { ...ok, clientRequestId: rid });
    expect(reused.json().error?.code).toBe('CAMPAIGN_REQUEST_REUSED');
  });

  it('refuses wrong answers and times, changing nothing', async () => {
    const id = targets[2]!.id;
    const steps = await countRows(t.db, 'campaign_history');
    for (const body of [
      { answers: { certified: true } },
      { answers: { certified: 'yes', method: '上门核验' } },
      { answers: { ...ok.answers, extra: 1 } },
      { answers: { certified: true, method: '邮寄' } },
      { ...ok, doneAt: new Date(Date.now() + 86_400_000).toISOString() },
      { ...ok, photoIds: ['not-a-uuid'] },
    ]) {
      const r = await act('gridworker', id, 'complete', body);
      expect(r.statusCode, JSON.stringify(body) + r.body).toBe(400);
    }
    expect((await call('gridworker', 'POST', `/campaign-targets/１/actions/complete`, ok)).statusCode).toBe(
      400,
    );
    expect(await countRows(t.db, 'campaign_history')).toBe(steps);
    expect((await act('county', id, 'complete', ok)).statusCode).toBe(403);
    expect((await act('other-town', id, 'complete', ok)).statusCode).toBe(404);
  });

  it('marks not applicable with a reason', async () => {
    const r = await act('gridworker', targets[2]!.id, 'not_applicable', {
      reason: 'deceased',
      note: '2026年11月去世',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().state).toBe('not_applicable');
    expect((await act('gridworker', targets[2]!.id, 'complete', ok)).statusCode).toBe(409);
  });

  it('moves a household that moved within the county, and the target follows it', async () => {
    // village staff work targets too: two households of the village outside the worker's grid
    const vt = (await call('village', 'GET', `/campaign-targets/mine?campaignId=${campaignId}`)).json().items;
    const elsewhere = vt.filter((x: { gridCode: string }) => x.gridCode !== grid);
    const hhs = [...new Map(elsewhere.map((x: { householdId: number }) => [x.householdId, x])).values()];
    expect(hhs.length).toBeGreaterThanOrEqual(2);
    villageTargets = hhs as typeof targets;
    const target = villageTargets[0]!;
    const other = await t.db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 'grid')
      .where(sql<boolean>`path <@ (SELECT path FROM region WHERE code = ${township})`)
      .where('code', '<>', target.gridCode)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const r = await act('village', target.id, 'relocate', {
      toGridCode: other.code,
      address: '新址 1 号',
      reason: '随子女搬迁',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'open', gridCode: other.code });
    const hh = await t.db
      .selectFrom('household')
      .select('grid_code')
      .where('id', '=', target.householdId)
      .executeTakeFirstOrThrow();
    expect(hh.grid_code).toBe(other.code);
    // on the new grid's list now
    const moved = await t.db
      .selectFrom('campaign_target')
      .select(['grid_code', 'state'])
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    expect(moved).toEqual({ grid_code: other.code, state: 'open' });
  });

  it('a move out of the campaign’s township leaves the target not applicable (moved away)', async () => {
    const target = villageTargets[1]!;
    const away = await t.db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 'grid')
      .where(sql<boolean>`path <@ (SELECT path FROM region WHERE code = ${otherTownship})`)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const r = await act('village', target.id, 'relocate', {
      toGridCode: away.code,
      address: '外镇 2 号',
      reason: '迁往外镇',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().state).toBe('not_applicable');
  });
});

describe('progress and closing', () => {
  it('shows live progress by village, and 100% for the grid once all its targets are done', async () => {
    const mine = (
      await call('gridworker', 'GET', `/campaign-targets/mine?campaignId=${campaignId}&state=open`)
    ).json();
    for (const x of mine.items) expect((await act('gridworker', x.id, 'complete', ok)).statusCode).toBe(200);
    const village = grid.slice(0, 12);
    const r = await call('township', 'GET', `/campaigns/${campaignId}/progress?within=${village}`);
    expect(r.statusCode, r.body).toBe(200);
    const row = r.json().items.find((x: { code: string }) => x.code === grid);
    expect(row.coverage).toBe(100);
    const all = (await call('county', 'GET', `/campaigns/${campaignId}/progress?within=${township}`)).json();
    expect(all.code).toBe(township);
    expect(all.items.length).toBeGreaterThan(1);
    expect(all.total.targets).toBe(all.items.reduce((n: number, x: { targets: number }) => n + x.targets, 0));
    expect(all.total.open).toBeGreaterThan(0);
    expect((await call('gridworker', 'GET', `/campaigns/${campaignId}/progress`)).statusCode).toBe(403);
  });

  it('the coverage indicator counts the running campaign', async () => {
    const path = (
      await t.db
        .selectFrom('region')
        .select(sql<string>`path::text`.as('p'))
        .where('code', '=', grid)
        .executeTakeFirstOrThrow()
    ).p;
    const v = await CAMPAIGN_INDICATORS[0]!.value(
      t.db,
      { countyCode: grid.slice(0, 6), path },
      {
        from: new Date(0),
        to: new Date(),
        now: new Date(),
      },
    );
    const { rows } = await sql<{
      v: number;
    }>`SELECT round(1000.0 * count(*) FILTER (WHERE t.state IN ('done', 'not_applicable'))
        / count(*)) / 10 AS v FROM campaign_target t JOIN campaign c ON c.id = t.campaign_id
      WHERE c.state = 'running' AND t.grid_code = ${grid}`.execute(t.db);
    expect(v).toBe(Number(rows[0]!.v));
    expect(v).toBeGreaterThan(50);
  });

  it('cannot close with unexplained misses; only the launcher’s side closes; with a reason it lists them', async () => {
    const open = (
      await call('county', 'GET', `/campaigns/${campaignId}/targets?state=open&limit=500`)
    ).json();
    expect(open.total).toBeGreaterThan(0);
    const refused = await call('county', 'POST', `/campaigns/${campaignId}/actions/close`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CAMPAIGN_UNEXPLAINED_MISSES');
    expect(
      (await call('township', 'POST', `/campaigns/${campaignId}/actions/close`, { reason: '结束' }))
        .statusCode,
    ).toBe(403);
    const detail = (await call('county', 'GET', `/campaigns/${campaignId}`)).json();
    expect(detail.state).toBe('running');
    expect(detail.actions).toEqual(['close']);
    const closed = await call('county', 'POST', `/campaigns/${campaignId}/actions/close`, {
      reason: '其余人员外出务工，已通知线上认证',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().missed).toHaveLength(open.total);
    expect(closed.json().counts.missed).toBe(open.total);
    expect((await act('gridworker', targets[0]!.id, 'complete', ok)).statusCode).toBe(409);
    expect(
      (await call('county', 'POST', `/campaigns/${campaignId}/actions/close`, { reason: '再次' })).statusCode,
    ).toBe(409);
  });

  it('closes without a reason when none is missed', async () => {
    const r = await launch('county', { rule: { ...PENSION, regions: [grid] } });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id;
    const mine = (await call('gridworker', 'GET', `/campaign-targets/mine?campaignId=${id}`)).json();
    for (const x of mine.items) expect((await act('gridworker', x.id, 'complete', ok)).statusCode).toBe(200);
    const c = await call('county', 'POST', `/campaigns/${id}/actions/close`, {});
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json().missed).toEqual([]);
  });
});

describe('scope', () => {
  it('another township’s campaign is not found; another county’s neither', async () => {
    const r = await launch('other-town', { rule: { ...PENSION, regions: [] } });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id;
    for (const who of ['township', 'gridworker', 'panshan'])
      expect((await call(who, 'GET', `/campaigns/${id}`)).statusCode, who).toBe(404);
    expect((await call('county', 'GET', `/campaigns/${id}`)).statusCode).toBe(200);
    expect(
      (await call('township', 'POST', `/campaigns/${id}/actions/close`, { reason: '越权' })).statusCode,
    ).toBe(404);
    const list = (await call('township', 'GET', '/campaigns')).json();
    expect(list.items.map((x: { id: number }) => x.id)).not.toContain(id);
    // a township cannot target outside itself
    expect((await launch('township', { rule: { ...PENSION, regions: [otherTownship] } })).statusCode).toBe(
      400,
    );
  });

  it('the demo holds a closed pension certification with explained misses and a running campaign', async () => {
    const list = (await call('county', 'GET', '/campaigns?limit=100')).json();
    const closed = list.items.find(
      (x: { templateKey: string; state: string; title: string }) =>
        x.templateKey === 'pension_certification' &&
        x.state === 'closed' &&
        x.title.endsWith('年养老金领取资格认证'),
    );
    expect(closed.counts.missed).toBe(3);
    expect(closed.counts.notApplicable).toBeGreaterThan(0);
    expect(
      list.items.some(
        (x: { state: string; templateKey: string }) =>
          x.state === 'running' && x.templateKey === 'winter_heating',
      ),
    ).toBe(true);
  });
});
