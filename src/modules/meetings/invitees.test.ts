import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, signIn, TEST_DEMO_PASSWORD, type TestApp } from '../../../test/helpers.js';
import { seedAccount } from '../accounts/index.js';

/**
 * Who a meeting may invite by id: cadres of the register (干部库) linked by their id, party members of
 * the village's organisations wherever they live — and nobody outside the convener's scope. And a
 * meeting whose day has not come cannot have its attendance recorded.
 */
let t: TestApp;
const h: Record<string, { authorization: string }> = {};
let village = { code: '', path: '', county: '' };
let other = { code: '', path: '' };
let grids: { code: string; path: string }[] = [];
const cadres = { own: 0, elsewhere: 0, secretary: 0, former: 0 };

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const dayAfter = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function cadre(name: string, regionCode: string) {
  const r = await sql<{
    id: string;
  }>`INSERT INTO cadre (county_code, region_code, region_path, name, gender, birth_year, education, posts)
    SELECT county_code, code, path, ${name}, 'male', 1980, 'bachelor', ARRAY['member'] FROM region WHERE code = ${regionCode}
    RETURNING id`.execute(t.db);
  return Number(r.rows[0]!.id);
}
async function posting(cadreId: number, villageCode: string, from: string, until: string | null) {
  await sql`INSERT INTO first_secretary (county_code, cadre_id, village_code, village_path, sending_unit, unit_kind, started_on, ended_on)
    SELECT county_code, ${cadreId}, code, path, '县委组织部', 'party_government', ${from}::date, ${until}::date
      FROM region WHERE code = ${villageCode}`.execute(t.db);
}

beforeAll(async () => {
  t = await createTestApp();
  const v = await t.db
    .selectFrom('account as a')
    .innerJoin('region as r', 'r.code', 'a.scope_code')
    .select(['r.code', 'r.path', 'r.county_code', 'r.parent_code'])
    .where('a.username', '=', 'village')
    .executeTakeFirstOrThrow();
  village = { code: v.code, path: v.path, county: v.county_code! };
  other = await t.db
    .selectFrom('region')
    .select(['code', 'path'])
    .where('parent_code', '=', v.parent_code)
    .where('level', '=', 'village')
    .where('code', '<>', v.code)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  grids = await t.db
    .selectFrom('region')
    .select(['code', 'path'])
    .where('parent_code', '=', v.code)
    .where('level', '=', 'grid')
    .orderBy('code')
    .execute();
  expect(grids.length).toBeGreaterThanOrEqual(2);
  // a party organiser of one grid of the village only
  await seedAccount(t.db, {
    username: 'grid-organiser',
    displayName: '网格党支部书记',
    role: 'party_organiser',
    scopeCode: grids[0]!.code,
    password: TEST_DEMO_PASSWORD,
  });
  for (const u of ['village', 'party', 'grid-organiser']) h[u] = await signIn(t.app, u);
  cadres.own = await cadre('议事甲干部', village.code);
  cadres.elsewhere = await cadre('议事乙干部', other.code);
  cadres.secretary = await cadre('议事丙书记', village.county);
  await posting(cadres.secretary, village.code, '2025-03-01', null);
  cadres.former = await cadre('议事丁书记', village.county);
  await posting(cadres.former, village.code, '2023-03-01', '2025-02-28');
});
afterAll(() => t.close());

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: h[who]!, payload });
const snapshot = async () => ({
  meetings: await countRows(t.db, 'meeting'),
  participants: await countRows(t.db, 'meeting_participant'),
  audit: await countRows(t.db, 'audit_log'),
});
const base = { heldOn: '2026-11-20', convenerKind: 'village', convenerName: '村两委', agenda: ['议定事项'] };
const convene = (who: string, participants: object[], extra: object = {}) =>
  call(who, 'POST', '/meetings', { ...base, title: '邀请议事会', participants, ...extra });
const refused = async (who: string, participants: object[], extra: object = {}) => {
  const r = await convene(who, participants, extra);
  expect(r.statusCode, r.body).toBe(400);
  expect(r.json().error.code).toBe('MEETING_PARTICIPANT_UNKNOWN');
  expect(r.json().error.messageEn).toMatch(/outside your scope/);
};

describe('a cadre of the register is invited by id', () => {
  it('links the village’s cadre and its first secretary in post, with their register names', async () => {
    const made = await convene('village', [
      { kind: 'village_cadre', refId: cadres.own, name: '别的名字' },
      { kind: 'village_cadre', refId: cadres.secretary },
      { kind: 'village_cadre', name: '村会计' },
    ]);
    expect(made.statusCode, made.body).toBe(201);
    const d = (await call('village', 'GET', `/meetings/${made.json().id}`)).json();
    expect(d.participants).toEqual([
      expect.objectContaining({
        kind: 'village_cadre',
        name: '议事甲干部',
        ref: { type: 'cadre', id: cadres.own },
      }),
      expect.objectContaining({ name: '议事丙书记', ref: { type: 'cadre', id: cadres.secretary } }),
      expect.objectContaining({ name: '村会计', ref: null }),
    ]);
    const rows = await t.db
      .selectFrom('meeting_participant')
      .select(['ref_type', 'ref_id'])
      .where('meeting_id', '=', made.json().id)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.ref_type, r.ref_id === null ? null : Number(r.ref_id)])).toEqual([
      ['cadre', cadres.own],
      ['cadre', cadres.secretary],
      [null, null],
    ]);
  });

  it('refuses another village’s cadre, a first secretary no longer in post and a cadre as another kind', async () => {
    const before = await snapshot();
    await refused('village', [{ kind: 'village_cadre', refId: cadres.elsewhere }]);
    await refused('village', [{ kind: 'village_cadre', refId: cadres.former }]);
    await refused('village', [{ kind: 'village_cadre', refId: 999_999_999 }]);
    // a cadre's id sent as a resident's is looked up among residents
    const asResident = await convene('village', [{ kind: 'resident', refId: cadres.own }]);
    expect(asResident.statusCode).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('the picker finds the village’s cadres by name, with the id POST /meetings takes', async () => {
    const r = await call('village', 'GET', `/meetings/candidates?type=cadre&q=${encodeURIComponent('议事')}`);
    expect(r.statusCode, r.body).toBe(200);
    const ids = (r.json().items as { id: number }[]).map((i) => i.id).sort((a, b) => a - b);
    expect(ids).toEqual([cadres.own, cadres.secretary].sort((a, b) => a - b));
  });
});

describe('nobody outside the convener’s scope', () => {
  it('an organiser of one grid invites that grid’s residents only, and no cadre of the whole village', async () => {
    const residentOf = (g: { path: string }) =>
      t.db
        .selectFrom('resident')
        .select(['id', 'name'])
        .where(sql<boolean>`grid_path <@ ${g.path}::ltree`)
        .where('died_on', 'is', null)
        .where('merged_into', 'is', null)
        .orderBy('id')
        .executeTakeFirstOrThrow();
    const mine = await residentOf(grids[0]!);
    const next = await residentOf(grids[1]!);
    const at = { regionCode: grids[0]!.code, convenerKind: 'grid_party', convenerName: '网格党小组' };
    const before = await snapshot();
    await refused('grid-organiser', [{ kind: 'resident', refId: next.id }], at);
    await refused('grid-organiser', [{ kind: 'village_cadre', refId: cadres.own }], at);
    expect(await snapshot()).toEqual(before);
    const ok = await convene('grid-organiser', [{ kind: 'resident', refId: mine.id }], at);
    expect(ok.statusCode, ok.body).toBe(201);
    // nor does its picker show the other grid's resident
    const found = await call(
      'grid-organiser',
      'GET',
      `/meetings/candidates?type=resident&q=${encodeURIComponent(next.name)}&regionCode=${grids[0]!.code}`,
    );
    expect(found.statusCode, found.body).toBe(200);
    expect((found.json().items as { id: number }[]).map((i) => i.id)).not.toContain(Number(next.id));
  });

  it('a member of the village’s branch is invited wherever they live; a stranger is not', async () => {
    const branch = await t.db
      .selectFrom('party_org')
      .select('id')
      .where('region_code', '=', village.code)
      .where('kind', '=', 'branch')
      .where('closed_on', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    // a member living in the other village and belonging to its organisations
    const m = await t.db
      .selectFrom('party_member as m')
      .innerJoin('party_org as o', (j) =>
        j.onRef('o.county_code', '=', 'm.county_code').onRef('o.id', '=', 'm.org_id'),
      )
      .select('m.id')
      .where('m.left_on', 'is', null)
      .where(sql<boolean>`m.region_path <@ ${other.path}::ltree AND o.region_path <@ ${other.path}::ltree`)
      .orderBy('m.id')
      .executeTakeFirstOrThrow();
    await refused('village', [{ kind: 'party_member', refId: m.id }]);
    // the county organiser moves them into this village's branch: they still live in the other village
    const moved = await call('party', 'POST', `/party/members/${m.id}/move`, {
      orgId: branch.id,
      on: '2026-01-10',
    });
    expect(moved.statusCode, moved.body).toBe(204);
    const ok = await convene('village', [{ kind: 'party_member', refId: m.id }], { kind: 'party_members' });
    expect(ok.statusCode, ok.body).toBe(201);
    const d = (await call('village', 'GET', `/meetings/${ok.json().id}`)).json();
    expect(d.participants[0].ref).toEqual({ type: 'party_member', id: Number(m.id) });
  });
});

describe('attendance is recorded once the meeting’s day has come', () => {
  it('a meeting of tomorrow: 409 MEETING_NOT_YET and nothing changes; today’s is recorded', async () => {
    const tomorrow = await convene('village', [{ kind: 'village_cadre', name: '村主任' }], {
      heldOn: dayAfter(today(), 1),
    });
    expect(tomorrow.statusCode, tomorrow.body).toBe(201);
    const id = tomorrow.json().id as number;
    const d = (await call('village', 'GET', `/meetings/${id}`)).json();
    const ids = d.participants.map((p: { id: number }) => p.id);
    const before = { ...(await snapshot()), detail: d };
    const r = await call('village', 'POST', `/meetings/${id}/record`, { attended: ids, minutes: '提前登记' });
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().error).toMatchObject({ code: 'MEETING_NOT_YET' });
    expect(r.json().error.message).toMatch(/会议日期未到/);
    expect(r.json().error.messageEn).toMatch(/not come/);
    const after = (await call('village', 'GET', `/meetings/${id}`)).json();
    expect({ ...(await snapshot()), detail: after }).toEqual(before);
    expect(after).toMatchObject({ state: d.state, minutes: null, attended: 0 });
    // no resolution either: it is not held
    const res = await call('village', 'POST', `/meetings/${id}/resolutions`, {
      text: '提前决议',
      responsible: '村委',
    });
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'MEETING_NOT_HELD']);

    const todays = await convene('village', [{ kind: 'village_cadre', name: '村主任' }], { heldOn: today() });
    const tid = todays.json().id as number;
    const td = (await call('village', 'GET', `/meetings/${tid}`)).json();
    const ok = await call('village', 'POST', `/meetings/${tid}/record`, {
      attended: td.participants.map((p: { id: number }) => p.id),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().state).toBe('held');
  });
});
