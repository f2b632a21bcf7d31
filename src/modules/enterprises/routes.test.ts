import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { completeCreditCode } from './credit-code.js';

let t: TestApp;
type H = { authorization: string };
let party: H;
let township: H;
let townshipCode: string;
let homeGrid: string;
let otherGrid: string;

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, headers?: H, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

let seq = 0;
const body = (gridCode: string, extra: object = {}) => ({
  gridCode,
  kind: 'enterprise',
  name: `测试企业${++seq}`,
  creditCode: completeCreditCode(`91211221${String(90_000_000 + seq)}`),
  address: '测试路1号',
  size: 'small',
  sector: '农副食品加工业',
  ...extra,
});

beforeAll(async () => {
  t = await createTestApp();
  party = await signIn(t.app, 'party');
  township = await signIn(t.app, 'township');
  const acc = await t.db
    .selectFrom('account')
    .select('scope_code')
    .where('username', '=', 'township')
    .executeTakeFirstOrThrow();
  townshipCode = acc.scope_code;
  const grid = (inside: boolean) =>
    t.db
      .selectFrom('region')
      .select('code')
      .where('county_code', '=', '211221')
      .where('level', '=', 'grid')
      .where('code', inside ? 'like' : 'not like', `${townshipCode}%`)
      .orderBy('code')
      .executeTakeFirstOrThrow();
  homeGrid = (await grid(true)).code;
  otherGrid = (await grid(false)).code;
});
afterAll(() => t.close());

describe('the demo reproduces seed 004 (岫岩: 11 cadres sent to 30 enterprises, 115 helped)', () => {
  it('coverage of 铁岭县', async () => {
    const res = await call('GET', '/enterprises/coverage', party);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      withHelpers: 30,
      helped: 115,
      helperCadres: 11,
      enterprises: 130,
      socialOrgs: 30,
    });
  });
});

describe('registering an enterprise', () => {
  it('validates the unified social credit code: wrong check, full-width digits, NUL change nothing', async () => {
    const before = await countRows(t.db, 'enterprise');
    const good = body(homeGrid).creditCode;
    const wrong = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    const bad = await call('POST', '/enterprises', party, body(homeGrid, { creditCode: wrong }));
    expect(bad.json().error.code).toBe('ENTERPRISE_CREDIT_CODE_INVALID');
    const wide = await call(
      'POST',
      '/enterprises',
      party,
      body(homeGrid, { creditCode: `９${good.slice(1)}` }),
    );
    expect(wide.statusCode).toBe(400);
    expect(wide.json().error.code).toBe('VALIDATION_FAILED');
    const nul = await call(
      'POST',
      '/enterprises',
      party,
      body(homeGrid, { creditCode: `${good.slice(0, 17)}\u0000` }),
    );
    expect(nul.statusCode).toBe(400);
    const panshan = await call('POST', '/enterprises', party, body('211122001211001'));
    expect(panshan.statusCode).toBe(404);
    expect((await call('POST', '/enterprises', township, body(homeGrid))).statusCode).toBe(403);
    expect(await countRows(t.db, 'enterprise')).toBe(before);

    const made = await call('POST', '/enterprises', party, body(homeGrid, { creditCode: good }));
    expect(made.statusCode, made.body).toBe(201);
    const twice = await call('POST', '/enterprises', party, body(otherGrid, { creditCode: good }));
    expect(twice.json().error.code).toBe('ENTERPRISE_CREDIT_CODE_TAKEN');
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'enterprise')
      .where('entity_id', '=', String(made.json().id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['enterprise.create']);
  });

  it("another township's enterprise is 404 to a township account, as is another county's", async () => {
    const other = (await call('POST', '/enterprises', party, body(otherGrid))).json().id;
    const home = (await call('POST', '/enterprises', party, body(homeGrid))).json().id;
    expect((await call('GET', `/enterprises/${home}`, township)).statusCode).toBe(200);
    expect((await call('GET', `/enterprises/${other}`, township)).statusCode).toBe(404);
    expect((await call('GET', `/enterprises/${other}`, party)).statusCode).toBe(200);
    const panshan = await t.db
      .selectFrom('enterprise')
      .select('id')
      .where('county_code', '=', '211122')
      .executeTakeFirstOrThrow();
    expect((await call('GET', `/enterprises/${panshan.id}`, party)).statusCode).toBe(404);
    expect((await call('GET', `/enterprises?within=${otherGrid}`, township)).statusCode).toBe(404);
    const help = await call('POST', `/enterprises/${other}/help`, township, {
      kind: 'visit',
      cadreId: 1,
      happenedOn: '2026-03-01',
      note: '走访',
    });
    expect(help.statusCode).toBe(404);
  });
});

describe("an enterprise's need becomes a case that its cadre follows", () => {
  it('raise → case (source enterprise) → the cadre is told of it and of its next step', async () => {
    const department = await t.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', 'department')
      .executeTakeFirstOrThrow();
    const cadre = await call('POST', '/cadres', party, {
      regionCode: townshipCode,
      name: '帮扶干部乙',
      gender: 'male',
      birthYear: 1985,
      education: 'bachelor',
      unit: '县工业和信息化局',
      accountId: department.id,
    });
    expect(cadre.statusCode, cadre.body).toBe(201);
    const cadreId = cadre.json().id;
    const id = (await call('POST', '/enterprises', party, body(homeGrid, { instructorId: cadreId }))).json()
      .id;
    expect(
      (await call('POST', `/enterprises/${id}/helpers`, party, { cadreId, startedOn: '2026-02-01' }))
        .statusCode,
    ).toBe(201);
    const need = await call('POST', `/enterprises/${id}/help`, township, {
      kind: 'problem',
      cadreId,
      happenedOn: '2026-03-03',
      note: '厂区门前道路破损，大车进出困难，联系电话13812345678',
    });
    expect(need.statusCode, need.body).toBe(201);
    const needId = need.json().id;

    expect(
      (await call('POST', `/enterprises/help/${needId}/raise-case`, party, { categoryCode: 'P0202' }))
        .statusCode,
    ).toBe(403);
    const raised = await call('POST', `/enterprises/help/${needId}/raise-case`, township, {
      categoryCode: 'P0202',
      attributes: { road_level: 'village_road', passable: 'restricted' },
    });
    expect(raised.statusCode, raised.body).toBe(201);
    const { caseId, following } = raised.json();
    expect(following).toBe(true);
    const c = await t.db
      .selectFrom('cases')
      .select(['source', 'grid_code', 'state'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(c).toMatchObject({ source: 'enterprise', grid_code: homeGrid });
    const again = await call('POST', `/enterprises/help/${needId}/raise-case`, township, {
      categoryCode: 'P0202',
    });
    expect(again.json().error.code).toBe('ENTERPRISE_NEED_NOT_OPEN');
    expect(await countRows(t.db, 'cases')).toBeGreaterThan(0);

    const notices = () =>
      t.db
        .selectFrom('notification')
        .select(['kind', 'body'])
        .where('account_id', '=', department.id)
        .where('case_id', '=', caseId)
        .orderBy('id')
        .execute();
    expect((await notices()).map((n) => n.kind)).toEqual(['case.reported']);
    expect((await notices())[0]!.body).not.toContain('13812345678');

    // the county urges the township (督办): the township is told as always, and so is the following cadre
    const county = await signIn(t.app, 'county');
    const v = (await call('GET', `/cases/${caseId}`, county)).json().version;
    const step = await call('POST', `/cases/${caseId}/actions/supervise`, county, {
      version: v,
      note: '请尽快协调修复道路',
    });
    expect(step.statusCode, step.body).toBe(200);
    expect((await notices()).map((n) => n.kind)).toEqual(['case.reported', 'case.supervise']);

    const ledger = (await call('GET', `/enterprises/${id}`, township)).json().ledger;
    expect(ledger[0]).toMatchObject({ state: 'raised', caseId });
    expect(ledger[0].note).not.toContain('13812345678');
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'enterprise_help')
      .where('entity_id', '=', String(needId))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['enterprise.raise_case']);
  });

  it('a problem is solved once', async () => {
    const id = (await call('POST', '/enterprises', party, body(homeGrid))).json().id;
    const cadreId = (await call('GET', '/cadres?kind=committee&limit=1', party)).json().items[0].id;
    const need = (
      await call('POST', `/enterprises/${id}/help`, party, {
        kind: 'problem',
        cadreId,
        happenedOn: '2026-03-01',
        note: '用工缺口',
      })
    ).json().id;
    const solve = { solution: '推荐参加招聘会', solvedOn: '2026-03-10' };
    expect((await call('POST', `/enterprises/help/${need}/solve`, township, solve)).statusCode).toBe(204);
    expect((await call('POST', `/enterprises/help/${need}/solve`, township, solve)).json().error.code).toBe(
      'ENTERPRISE_NEED_NOT_OPEN',
    );
    const raise = await call('POST', `/enterprises/help/${need}/raise-case`, township, {
      categoryCode: 'P0202',
    });
    expect(raise.json().error.code).toBe('ENTERPRISE_NEED_NOT_OPEN');
  });
});
