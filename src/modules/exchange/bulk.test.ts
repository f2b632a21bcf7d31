/**
 * Bulk loads by another system (households, enterprises) through the same rules as the Excel
 * import and POST /enterprises: all rows or none, every bad row named; and open data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { bearer, COUNTY, GRID, gridElsewhere, makeSystem, TOWNSHIP } from '../../../test/kits/exchange.js';

let t: TestApp;
let admin: { authorization: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
});
afterAll(() => t.close());

const person = (n: number, extra: object = {}) => ({
  gridCode: GRID,
  address: '交换路8号',
  name: `王${n}`,
  relation: n === 1 ? '户主' : '子女',
  gender: '男',
  birthDate: '1980-03-02',
  idNumber: `21122119800302${String(1000 + n).slice(-4)}`,
  phone: '',
  ...extra,
});
const load = (key: string, path: string, rows: object[]) =>
  t.app.inject({ method: 'POST', url: `/api/v1/exchange/${path}`, headers: bearer(key), payload: { rows } });

describe('bulk load of households', () => {
  it('a bad row refuses the whole batch, names the row and field, and changes nothing', async () => {
    const s = await makeSystem(t, admin, ['households.import'], TOWNSHIP, '民政系统');
    const before = [await countRows(t.db, 'household'), await countRows(t.db, 'resident')];
    const res = await load(s.key, 'households', [person(1), person(2, { gender: '未知' })]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'IMPORT_ROWS_INVALID',
      details: [{ row: 2, field: '性别' }],
    });
    const outside = await load(s.key, 'households', [person(1, { gridCode: await gridElsewhere(t) })]);
    expect(outside.json().error.details[0]).toMatchObject({ row: 1, field: '网格' });
    expect([await countRows(t.db, 'household'), await countRows(t.db, 'resident')]).toEqual(before);
  });

  it('good rows make one household with its residents, audited as the system', async () => {
    const s = await makeSystem(t, admin, ['households.import'], TOWNSHIP, '民政系统二');
    const res = await load(s.key, 'households', [person(1), person(2)]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ rows: 2, created: 2, updated: 0, households: 1 });
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'household.import')
      .where('system_account_id', '=', s.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: null, actor_role: 'system' });
    // the operation not granted: 403
    expect((await load(s.key, 'enterprises', [{}])).statusCode).toBe(403);
  });
});

describe('bulk load of enterprises', () => {
  const firm = (creditCode: string, extra: object = {}) => ({
    gridCode: GRID,
    kind: 'enterprise',
    name: '铁岭交换测试有限公司',
    creditCode,
    address: '交换路9号',
    size: 'small',
    sector: '制造业',
    ...extra,
  });
  it('a bad row refuses all; good rows are all made', async () => {
    const s = await makeSystem(t, admin, ['enterprises.import'], COUNTY, '市场监管系统');
    const before = await countRows(t.db, 'enterprise');
    const bad = await load(s.key, 'enterprises', [
      firm('91110000600037341L'),
      firm('91350100M000100Y44'), // wrong check character
      firm('91110000600037341L'), // twice in the batch
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('ENTERPRISE_ROWS_INVALID');
    expect(bad.json().error.details.map((d: { row: number }) => d.row)).toEqual([2, 3]);
    expect(await countRows(t.db, 'enterprise')).toBe(before);
    const good = await load(s.key, 'enterprises', [firm('91110000600037341L'), firm('91440300708461136T')]);
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toEqual({ rows: 2, created: 2 });
    expect(await countRows(t.db, 'enterprise')).toBe(before + 2);
  });
});

describe('open data', () => {
  it('is off by default; once published: counts per township and month, small counts as "<5"', async () => {
    const url = `/api/v1/open-data/${COUNTY}/indicators`;
    expect((await t.app.inject({ method: 'GET', url: `${url}.json` })).statusCode).toBe(404);
    const set = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/exchange/settings',
      headers: admin,
      payload: { openData: true },
    });
    expect(set.statusCode).toBe(200);
    const json = await t.app.inject({ method: 'GET', url: `${url}.json` });
    expect(json.statusCode, json.body).toBe(200);
    const items = json.json().items as Record<string, number | string | null>[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => /^\d{9}$/.test(String(i.townshipCode)))).toBe(true);
    const counts = [
      'reported',
      'closed',
      'reportedComponents',
      'reportedEvents',
      'reportedGovernance',
      'visitsMade',
      'wishesFulfilled',
      'disputesSettled',
    ];
    const rates = ['closureRate', 'onTimeClosureRate', 'avgHoursToClose', 'satisfactionRate'];
    for (const i of items) {
      for (const k of counts) {
        const v = i[k];
        expect(v === '<5' || (typeof v === 'number' && (v === 0 || v >= 5)), `${k}=${v}`).toBe(true);
      }
      // a rate of a handful of cases is withheld
      const few =
        typeof i.reported !== 'number' || typeof i.closed !== 'number' || i.reported < 5 || i.closed < 5;
      for (const k of rates) if (few) expect(i[k], k).toBeNull();
      // the category groups add up to the cases reported (when none is suppressed)
      const g = [i.reportedComponents, i.reportedEvents, i.reportedGovernance];
      if (g.every((x) => typeof x === 'number') && typeof i.reported === 'number')
        expect((g as number[]).reduce((a, b) => a + b, 0)).toBe(i.reported);
    }
    // the demo's history gives real figures: some township-month with published rates and visits
    expect(
      items.some((i) => typeof i.closureRate === 'number' && typeof i.avgHoursToClose === 'number'),
    ).toBe(true);
    expect(items.some((i) => i.visitsMade !== 0 || i.wishesFulfilled !== 0 || i.disputesSettled !== 0)).toBe(
      true,
    );
    // the same figures as the indicators module's dashboard for a township and month
    const sample = items.find((i) => typeof i.reported === 'number' && i.reported > 0)!;
    const dash = await t.app.inject({
      method: 'GET',
      url: `/api/v1/indicators/values?region=${sample.townshipCode}&period=month&at=${sample.month}&codes=case.reported,case.closure_rate`,
      headers: await signIn(t.app, 'county'),
    });
    expect(dash.statusCode, dash.body).toBe(200);
    const byCode = Object.fromEntries(
      (dash.json().items as { code: string; value: number | null }[]).map((x) => [x.code, x.value]),
    );
    expect(byCode['case.reported']).toBe(sample.reported);
    const csv = await t.app.inject({ method: 'GET', url: `${url}.csv` });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFmonth,townshipCode,townshipName,reported,closed,closureRate,onTimeClosureRate,avgHoursToClose,' +
        'satisfactionRate,reportedComponents,reportedEvents,reportedGovernance,visitsMade,wishesFulfilled,disputesSettled',
    );
    expect(lines.length - 2).toBe(items.length);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/open-data/211122/indicators.json` })).statusCode,
    ).toBe(404);
  });
});
