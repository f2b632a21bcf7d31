/**
 * Every list that searches by a person's number goes through revealSearch (issue 11), attacked the
 * same way: a role that may not (403, the same answer whether the number is found or not, nothing
 * audited), bad input (no reason, NUL bytes, full-width digits: 400, nothing audited), another county's
 * number (nothing found), an offset past a single match (an empty page, still audited), the export fed
 * by a phone search, and the 11th search in a minute (429, the same answer found or not).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskPhone } from '../../platform/crypto.js';
import { pointInGrid } from '../../../test/fixtures.js';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { auditsOf, readExport, type H } from '../../../test/lists.js';
import { REVEAL_SEARCH_LIMIT } from './index.js';

const PHONE = {
  case: '13700004321',
  petition: '13904104321',
  resident: '13600004321',
  call: '13500004321',
  /** on one row of each kind in another county (盘山县) */
  other: '13300004321',
};
const REASON = encodeURIComponent('来电核实情况');
const FULL_WIDTH = (s: string) =>
  encodeURIComponent(s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + +d)));

type Spec = {
  name: string;
  path: string;
  action: string;
  field: 'phone' | 'idNumber';
  /** the searched fields the audit row names */
  fields: string[];
  /** the value that matches exactly one row the county sees (with `one`) */
  value: () => string;
  /** more query that narrows the search to that one row */
  one?: () => string;
  /** a value found in another county only */
  other: () => string;
  /** demo accounts refused the search */
  refused: string[];
};

let t: TestApp;
let county: H;
let idNumber = '';
let firstCall = 0;
const specs: Spec[] = [
  {
    name: 'the case list',
    path: '/api/v1/cases',
    action: 'case.search',
    field: 'phone',
    fields: ['reporterContact'],
    value: () => PHONE.case,
    other: () => PHONE.other,
    refused: ['party', 'department', 'admin', 'resident'],
  },
  {
    name: 'the petition register',
    path: '/api/v1/petitions',
    action: 'petition.search',
    field: 'phone',
    fields: ['phone'],
    value: () => PHONE.petition,
    other: () => PHONE.other,
    refused: ['gridworker', 'party', 'department', 'admin', 'resident'],
  },
  {
    name: 'the household list',
    path: '/api/v1/households',
    action: 'resident.search',
    field: 'phone',
    fields: ['phone'],
    value: () => PHONE.resident,
    other: () => PHONE.other,
    refused: ['party', 'department', 'resident'],
  },
  {
    name: 'the resident list (phone)',
    path: '/api/v1/residents',
    action: 'resident.search',
    field: 'phone',
    fields: ['phone'],
    value: () => PHONE.resident,
    other: () => PHONE.other,
    refused: ['party', 'department', 'resident'],
  },
  {
    name: 'the resident list (ID number)',
    path: '/api/v1/residents',
    action: 'resident.search',
    field: 'idNumber',
    fields: ['idNumber'],
    value: () => idNumber,
    other: () => otherIdNumber,
    refused: ['party', 'department', 'resident'],
  },
  {
    name: 'the call log',
    path: '/api/v1/calls',
    action: 'call.search',
    field: 'phone',
    fields: ['phone'],
    value: () => PHONE.call,
    one: () => `&beforeId=${firstCall + 1}`,
    other: () => PHONE.other,
    refused: ['gridworker', 'party', 'department', 'admin', 'resident'],
  },
];
let otherIdNumber = '';

/** Each demo account signed in once (sign-in itself is limited to 10 a minute an account). */
const signedIn = new Map<string, Promise<H>>();
const as = (name: string) => {
  if (!signedIn.has(name)) signedIn.set(name, signIn(t.app, name));
  return signedIn.get(name)!;
};
const get = (h: H, url: string) => t.app.inject({ method: 'GET', url, headers: h });
const search = (s: Spec, h: H, value: string, more = `&reason=${REASON}`) =>
  get(h, `${s.path}?${s.field}=${value}${more}${s.one?.() ?? ''}`);
/** An 18-character ID number: 17 digits and their GB 11643 check character. */
function withCheckDigit(body: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((a, d, i) => a + Number(d) * w[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}
const count = async (action: string) => (await auditsOf(t, action)).length;
/** a well-formed number that is on no row, the i-th */
const nobody = (s: Spec, i = 0) =>
  s.field === 'phone' ? `1320000${String(1000 + i)}` : `2112211900010${String(10000 + i)}`;

beforeAll(async () => {
  t = await createTestApp();
  county = await as('county');
  const villager = await as('resident');
  const me = async (h: H) => (await get(h, '/api/v1/me')).json();
  const ours = (await me(county)).countyCode as string;
  const village = (await me(await as('village'))).scope.code as string;
  const theirs = (await me(await as('zhangjia-village'))).countyCode as string;
  expect(theirs).not.toBe(ours);
  const hash = (p: string) => t.ctx.pii.blindIndex('phone', p);

  // a case reported with a phone, and a petition registered with one
  const grid = (await me(villager)).scope.code as string;
  const reported = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: villager,
    payload: {
      source: 'resident_app',
      categoryCode: 'G0401',
      description: '路灯不亮（电话检索）',
      reporterContact: PHONE.case,
      ...(await pointInGrid(t.db, grid)),
    },
  });
  expect(reported.statusCode, reported.body).toBe(201);
  const registered = await t.app.inject({
    method: 'POST',
    url: '/api/v1/petitions',
    headers: county,
    payload: {
      visitor: { name: '检索来访人', idNumber: '211221195001011234', phone: PHONE.petition },
      regionCode: village,
      matter: '拖欠工资（电话检索）',
    },
  });
  expect(registered.statusCode, registered.body).toBe(201);

  // the grid worker's phone (a party of the demo's calls) and one other resident's, as the archive keeps them
  const gw = await t.db
    .selectFrom('grid_worker as w')
    .innerJoin('account as a', 'a.id', 'w.account_id')
    .select(['w.resident_id', 'w.county_code', 'a.id'])
    .where('a.username', '=', 'gridworker')
    .executeTakeFirstOrThrow();
  const setPhone = (county: string, id: number, p: string) =>
    t.db
      .updateTable('resident')
      .set({ phone_hash: hash(p), phone_masked: maskPhone(p) })
      .where('county_code', '=', county)
      .where('id', '=', id)
      .execute();
  await setPhone(gw.county_code, gw.resident_id, PHONE.call);
  const calls = await sql<{ id: number; n: number }>`
    SELECT min(id)::int AS id, count(*)::int AS n FROM call
    WHERE county_code = ${gw.county_code} AND ${gw.id} IN (caller_id, callee_id)`.execute(t.db);
  expect(calls.rows[0]!.n, 'the demo grid worker has calls').toBeGreaterThan(1);
  firstCall = calls.rows[0]!.id;
  const r = await t.db
    .selectFrom('resident')
    .select(['id', 'id_number_enc'])
    .where('county_code', '=', ours)
    .where('id', '<>', gw.resident_id)
    .where('status', '=', 'present')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  await setPhone(ours, r.id, PHONE.resident);
  idNumber = t.ctx.pii.decrypt(r.id_number_enc);

  // the other county (盘山县, seed 004): a household registered by 张家村, its head 孟倩's roster record (the
  // demo county's worker rosters only are tied to accounts), a call to her, a case and a petition — each
  // with the "other" phone, through the API where it has one
  const zhangjia = await as('zhangjia-village');
  const meng = await t.db
    .selectFrom('account')
    .select(['id', 'scope_code'])
    .where('username', '=', 'mengqian')
    .executeTakeFirstOrThrow();
  otherIdNumber = withCheckDigit('21112219800101123');
  const made = await t.app.inject({
    method: 'POST',
    url: '/api/v1/households',
    headers: zhangjia,
    payload: {
      gridCode: meng.scope_code,
      address: '张家村检索屯1号',
      head: {
        name: '检索户主',
        gender: 'female',
        birthDate: '1980-01-01',
        idNumber: otherIdNumber,
        phone: PHONE.other,
      },
    },
  });
  expect(made.statusCode, made.body).toBe(201);
  const head = await t.db
    .selectFrom('resident')
    .select(['id', 'grid_path'])
    .where('county_code', '=', theirs)
    .where('phone_hash', '=', hash(PHONE.other))
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('grid_worker')
    .values({
      county_code: theirs,
      grid_code: meng.scope_code,
      grid_path: head.grid_path,
      resident_id: head.id,
      account_id: meng.id,
      duty: 'grid_worker',
      employment: 'fullTime',
    })
    .execute();
  const rang = await t.app.inject({
    method: 'POST',
    url: '/api/v1/calls',
    headers: zhangjia,
    payload: { media: 'voice', calleeId: Number(meng.id) },
  });
  expect(rang.statusCode, rang.body).toBe(201);
  const theirCase = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: await as('zhangjia'),
    payload: {
      source: 'resident_app',
      categoryCode: 'G0401',
      description: '路面破损（电话检索）',
      reporterContact: PHONE.other,
      ...(await pointInGrid(t.db, meng.scope_code)),
    },
  });
  expect(theirCase.statusCode, theirCase.body).toBe(201);
  const theirPetition = await t.app.inject({
    method: 'POST',
    url: '/api/v1/petitions',
    headers: await as('panshan'),
    payload: {
      visitor: { name: '检索来访人', idNumber: otherIdNumber, phone: PHONE.other },
      regionCode: (await me(zhangjia)).scope.code,
      matter: '拖欠工资（电话检索）',
    },
  });
  expect(theirPetition.statusCode, theirPetition.body).toBe(201);
});
afterAll(() => t.close());

describe.each(specs)('$name, searched by $field', (s) => {
  it('is refused to a role that may not (403), the same whether the number is found or not; nothing audited', async () => {
    const before = await count(s.action);
    for (const name of s.refused) {
      const h = await as(name);
      const hit = await search(s, h, s.value());
      const miss = await search(s, h, nobody(s));
      expect(hit.statusCode, name).toBe(403);
      expect(hit.body, name).toBe(miss.body);
    }
    expect(await count(s.action)).toBe(before);
  });

  it('refuses bad input before anything is read (400): no reason, a blank one, NUL bytes, full-width digits', async () => {
    const before = await count(s.action);
    const v = s.value();
    const bad: Array<[string, string, string]> = [
      [v, '', 'REASON_REQUIRED'],
      [v, '&reason=%20%20%20%20%20', 'VALIDATION_FAILED'],
      [v, '&reason=ab', 'VALIDATION_FAILED'],
      [v, '&reason=%E6%A0%B8%E5%AE%9E%00%E6%83%85%E5%86%B5', 'INPUT_CONTROL_CHARACTER'],
      [`${v.slice(0, 5)}%00${v.slice(5)}`, `&reason=${REASON}`, 'INPUT_CONTROL_CHARACTER'],
      [FULL_WIDTH(v), `&reason=${REASON}`, 'VALIDATION_FAILED'],
      [`${v.slice(0, 3)}%20${v.slice(3)}`, `&reason=${REASON}`, 'VALIDATION_FAILED'],
    ];
    for (const [value, more, code] of bad) {
      const res = await search(s, county, value, more);
      expect(res.statusCode, `${value}${more}`).toBe(400);
      expect(res.json().error.code, `${value}${more}`).toBe(code);
      expect(res.body).not.toContain(v);
    }
    // full-width digits are refused as input to a role that may not search too (the same 400 for any number)
    expect((await search(s, await as(s.refused[0]!), FULL_WIDTH(v))).statusCode).toBe(400);
    expect(await count(s.action)).toBe(before);
  });

  it('finds nothing of another county’s number, and the search is audited with no match', async () => {
    const before = await count(s.action);
    const res = await search(s, county, s.other());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ items: [], total: 0 });
    const audits = await auditsOf(t, s.action);
    expect(audits).toHaveLength(before + 1);
    expect(audits.at(-1)).toMatchObject({ entity_id: null, after: { fields: s.fields, matches: 0 } });
  });

  it('answers an offset past its single match with an empty page and the total, audited without naming the row', async () => {
    const found = await search(s, county, s.value());
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().total).toBe(1);
    const id = String(found.json().items[0].id);
    expect((await auditsOf(t, s.action)).at(-1)).toMatchObject({ entity_id: id, after: { matches: 1 } });
    const past = await search(s, county, s.value(), `&reason=${REASON}&offset=1`);
    expect(past.statusCode, past.body).toBe(200);
    expect(past.json()).toEqual({ items: [], total: 1 });
    const audits = await auditsOf(t, s.action);
    expect(audits.at(-1)).toMatchObject({ entity_id: null, reason: '来电核实情况', after: { matches: 1 } });
    expect(JSON.stringify(audits.slice(-2))).not.toContain(s.value());
  });
});

describe('the case export fed by a phone search', () => {
  const url = (q: string) => `/api/v1/cases/export.xlsx?phone=${PHONE.case}${q}`;

  it('is refused to those who may not export or may not search by phone (403), and needs a reason; nothing audited', async () => {
    const before = [await count('case.search'), await count('case.export')];
    for (const name of ['gridworker', 'admin', 'party', 'department', 'resident']) {
      const res = await get(await as(name), url(`&reason=${REASON}`));
      expect(res.statusCode, name).toBe(403);
    }
    const none = await get(county, url(''));
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('REASON_REQUIRED');
    expect((await get(county, url(`&reason=${REASON}%00`))).statusCode).toBe(400);
    expect([await count('case.search'), await count('case.export')]).toEqual(before);
  });

  it('exports only the matching case, masked, audited as the search (the count, no number) and as the export', async () => {
    const before = [await count('case.search'), await count('case.export')];
    const rows = await readExport(t, county, url(`&reason=${REASON}`));
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows)).not.toContain(PHONE.case);
    expect(rows[1]).toContain(maskPhone(PHONE.case));
    const searched = await auditsOf(t, 'case.search');
    const exported = await auditsOf(t, 'case.export');
    expect([searched.length, exported.length]).toEqual([before[0]! + 1, before[1]! + 1]);
    expect(searched.at(-1)).toMatchObject({
      entity_id: null,
      reason: '来电核实情况',
      after: { fields: ['reporterContact'], matches: 1 },
    });
    expect(exported.at(-1)).toMatchObject({ after: { rows: 1 } });
    expect(JSON.stringify([searched.at(-1), exported.at(-1)])).not.toContain(PHONE.case);
  });
});

describe(`the ${REVEAL_SEARCH_LIMIT + 1}th search in a minute`, () => {
  it.each(specs)('of $name is refused (429) the same whether the number is found or not', async (s) => {
    const mine = async () =>
      (await auditsOf(t, s.action)).filter((a) => a.actor_role === 'county_centre').length;
    for (let i = await mine(); i < REVEAL_SEARCH_LIMIT; i++)
      expect((await search(s, county, nobody(s, i))).statusCode).toBe(200);
    expect(await mine()).toBe(REVEAL_SEARCH_LIMIT);
    const hit = await search(s, county, s.value());
    const miss = await search(s, county, s.other());
    expect(hit.statusCode).toBe(429);
    expect(hit.json().error.code).toBe('RATE_LIMITED');
    expect(hit.body).toBe(miss.body);
    expect(await mine()).toBe(REVEAL_SEARCH_LIMIT);
  });

  it('of the case list refuses the export by phone too (429), and nothing of the export is audited', async () => {
    const before = await count('case.export');
    const res = await get(county, `/api/v1/cases/export.xlsx?phone=${PHONE.case}&reason=${REASON}`);
    expect(res.statusCode).toBe(429);
    expect(await count('case.export')).toBe(before);
  });
});
