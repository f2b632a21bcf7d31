import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { teamMembersFor } from './index.js';

/** 5+5+N teams of 铁岭县's villages: the registry, members from the archive or outside, the member query. */
let t: TestApp;
const h: Record<string, { authorization: string }> = {};
let village: string;

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['village', 'township', 'county', 'gridworker', 'resident', 'zhangjia-village', 'panshan'])
    h[u] = await signIn(t.app, u);
  village = (
    await t.db
      .selectFrom('account')
      .select('scope_code')
      .where('username', '=', 'village')
      .executeTakeFirstOrThrow()
  ).scope_code;
});
afterAll(() => t.close());

const call = (who: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: h[who]!, payload });

describe('5+5+N teams', () => {
  it('every village has the five councils, the five roles and its local groups, with members', async () => {
    const r = await call('village', 'GET', '/teams');
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as Array<{
      kind: string;
      name: string;
      members: number;
      villageCode: string;
    }>;
    expect(new Set(items.map((i) => i.villageCode))).toEqual(new Set([village]));
    expect(
      items
        .filter((i) => i.kind === 'council')
        .map((i) => i.name)
        .sort(),
    ).toEqual(['村民议事会', '纠纷调解会', '道德评议会', '红白理事会', '禁毒禁赌会'].sort());
    expect(
      items
        .filter((i) => i.kind === 'role')
        .map((i) => i.name)
        .sort(),
    ).toEqual(['法治副书记', '法律顾问', '青心疏导师', '姐妹调解团', '乡贤参事会'].sort());
    expect(items.filter((i) => i.kind === 'group').length).toBeGreaterThan(0);
    expect(items.find((i) => i.name === '法律顾问')!.members).toBeGreaterThan(0);
    const county = (await call('county', 'GET', '/teams?limit=500')).json();
    expect(county.total).toBeGreaterThan(items.length);
  });

  it('a resident of the village or an outside person joins; a resident of elsewhere does not', async () => {
    const group = await call('village', 'POST', '/teams', {
      villageCode: village,
      code: 'dance_team',
      name: '广场舞队',
    });
    expect(group.statusCode, group.body).toBe(201);
    const id = group.json().id as number;
    expect(
      (
        await call('village', 'POST', '/teams', {
          villageCode: village,
          code: 'dance_team',
          name: '广场舞队',
        })
      ).json().error.code,
    ).toBe('TEAM_CODE_TAKEN');
    const mine = await t.db
      .selectFrom('resident')
      .select(['id', 'name'])
      .where(
        'grid_path',
        '<@',
        (await t.db.selectFrom('region').select('path').where('code', '=', village).executeTakeFirstOrThrow())
          .path,
      )
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const other = await t.db
      .selectFrom('resident')
      .select('id')
      .where('grid_code', 'not like', `${village}%`)
      .executeTakeFirstOrThrow();
    const before = await countRows(t.db, 'team_member');
    expect(
      (await call('village', 'POST', `/teams/${id}/members`, { residentId: other.id })).json().error.code,
    ).toBe('TEAM_MEMBER_RESIDENT');
    expect((await call('village', 'POST', `/teams/${id}/members`, {})).statusCode).toBe(400);
    expect(
      (await call('village', 'POST', `/teams/${id}/members`, { residentId: mine.id, name: 'x' })).statusCode,
    ).toBe(400);
    expect((await call('gridworker', 'POST', `/teams/${id}/members`, { name: '张律师' })).statusCode).toBe(
      403,
    );
    expect(
      (await call('zhangjia-village', 'POST', `/teams/${id}/members`, { name: '张律师' })).statusCode,
    ).toBe(404);
    expect(await countRows(t.db, 'team_member')).toBe(before);
    const a = await call('village', 'POST', `/teams/${id}/members`, { residentId: mine.id, title: '队长' });
    expect(a.statusCode, a.body).toBe(201);
    expect(
      (await call('village', 'POST', `/teams/${id}/members`, { residentId: mine.id })).json().error.code,
    ).toBe('TEAM_MEMBER_TWICE');
    const b = await call('village', 'POST', `/teams/${id}/members`, {
      name: '张律师',
      affiliation: '县律师事务所',
    });
    const detail = (await call('township', 'GET', `/teams/${id}`)).json();
    expect(detail.memberList.map((m: { name: string }) => m.name)).toEqual([mine.name, '张律师']);
    expect((await call('village', 'DELETE', `/teams/${id}/members/${b.json().id}`)).statusCode).toBe(204);
    expect((await call('village', 'DELETE', `/teams/${id}/members/${b.json().id}`)).statusCode).toBe(404);
    expect((await call('township', 'GET', `/teams/${id}`)).json().members).toBe(1);
    expect((await call('panshan', 'GET', `/teams/${id}`)).statusCode).toBe(404);
    expect((await call('resident', 'GET', `/teams/${id}`)).statusCode).toBe(403);
  });

  it('other modules choose mediators from the mediating teams, meeting participants from all (scoped)', async () => {
    const county = await t.db
      .selectFrom('account')
      .select(['county_code'])
      .where('username', '=', 'village')
      .executeTakeFirstOrThrow();
    const scope = {
      countyCode: county.county_code,
      scopePath: (
        await t.db.selectFrom('region').select('path').where('code', '=', village).executeTakeFirstOrThrow()
      ).path,
    };
    const mediators = await teamMembersFor(t.db, scope, village, 'mediation');
    const everyone = await teamMembersFor(t.db, scope, village, 'meeting');
    expect(mediators.length).toBeGreaterThan(0);
    expect(everyone.length).toBeGreaterThan(mediators.length);
    expect(new Set(mediators.map((m) => m.teamName))).not.toContain('红白理事会');
    expect(mediators.some((m) => m.teamName === '法律顾问' && m.residentId === null)).toBe(true);
    // outside the scope: nothing
    expect(await teamMembersFor(t.db, { ...scope, scopePath: '21.2111' }, village, 'meeting')).toEqual([]);
    const r = await call('village', 'GET', `/teams/candidates?village=${village}`);
    expect(r.json().items.length).toBe(mediators.length);
    expect((await call('zhangjia-village', 'GET', `/teams/candidates?village=${village}`)).statusCode).toBe(
      404,
    );
  });
});
