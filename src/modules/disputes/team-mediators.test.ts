import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

/**
 * Mediators chosen from the 5+5+N teams (teams' teamMembersFor): a session's participants picker
 * offers the village's mediating team members, a member is registered as a mediator once (the
 * foreign key holds), and the session records them; other villages' members are refused.
 */
let t: TestApp;
type H = { authorization: string };
const h: Record<string, H> = {};
let grid: string;
let village: string;
beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['village', 'gridworker', 'township', 'zhangjia-village']) h[u] = await signIn(t.app, u);
  grid = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: h.gridworker })).json().scope.code;
  village = grid.slice(0, 12);
});
afterAll(() => t.close());

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: h[who]!, ...(payload ? { payload } : {}) });

describe('mediators from the 5+5+N teams', () => {
  it('offers the village’s mediating team members, registers one once, and records them in a session', async () => {
    t.clock.set(new Date());
    const made = await call('village', 'POST', '/disputes', {
      type: 'neighbour',
      summary: '院墙越界',
      riskLevel: 'low',
      gridCode: grid,
      parties: [{ side: 'applicant', name: '甲' }],
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as number;

    const offered = await call('township', 'GET', `/disputes/${id}/team-members`);
    expect(offered.statusCode, offered.body).toBe(200);
    expect(offered.json().villageCode).toBe(village);
    const items = offered.json().items as Array<{
      id: number;
      name: string;
      teamName: string;
      mediatorId: null;
    }>;
    expect(items.length).toBeGreaterThan(0);
    // only mediating teams: 纠纷调解会 is among them, 红白理事会 is not
    expect(items.some((m) => m.teamName.includes('纠纷调解'))).toBe(true);
    expect(items.some((m) => m.teamName.includes('红白理事'))).toBe(false);
    // another village's staff cannot see this dispute's picker
    expect((await call('zhangjia-village', 'GET', `/disputes/${id}/team-members`)).statusCode).toBe(404);

    const member = items[0]!;
    const mediators = await countRows(t.db, 'mediator');
    const r = await call('village', 'POST', '/mediation/mediators', { teamMemberId: member.id });
    expect(r.statusCode, r.body).toBe(201);
    const mediatorId = r.json().id as number;
    const row = await t.db
      .selectFrom('mediator')
      .select(['name', 'source', 'region_code', 'team_member_id'])
      .where('id', '=', mediatorId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: member.name, source: 'team', region_code: village });
    expect(Number(row.team_member_id)).toBe(member.id);
    // registering the same member again returns the same mediator, nothing new
    expect(
      (await call('village', 'POST', '/mediation/mediators', { teamMemberId: member.id })).json().id,
    ).toBe(mediatorId);
    expect(await countRows(t.db, 'mediator')).toBe(mediators + 1);
    // the picker now shows the member as registered
    const again = (await call('township', 'GET', `/disputes/${id}/team-members`)).json().items;
    expect(again.find((m: { id: number }) => m.id === member.id).mediatorId).toBe(mediatorId);

    // another village's staff cannot register this village's member; an unknown member: 404
    expect(
      (await call('zhangjia-village', 'POST', '/mediation/mediators', { teamMemberId: member.id }))
        .statusCode,
    ).toBe(404);
    expect(
      (await call('village', 'POST', '/mediation/mediators', { teamMemberId: 999_999 })).statusCode,
    ).toBe(404);
    // neither a name nor a member: 400; nothing made
    expect((await call('village', 'POST', '/mediation/mediators', { title: '某' })).statusCode).toBe(400);
    expect(await countRows(t.db, 'mediator')).toBe(mediators + 1);
    // the foreign key holds
    await expect(
      t.db
        .updateTable('mediator')
        .set({ team_member_id: 999_999_999 })
        .where('id', '=', mediatorId)
        .execute(),
    ).rejects.toThrow(/foreign key/);

    // a session at the village's place with the team member as mediator
    const place = await t.db
      .selectFrom('mediation_place')
      .select('id')
      .where('region_code', '=', village)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const s = await call('village', 'POST', `/disputes/${id}/sessions`, {
      heldOn: new Date().toISOString().slice(0, 10),
      placeId: place.id,
      partiesPresent: '双方',
      mediatorIds: [mediatorId],
      facts: '院墙越界半米',
      applicantClaim: '恢复界址',
      respondentClaim: '同意',
      outcome: 'agreed',
      agreement: '三日内拆除越界部分',
    });
    expect(s.statusCode, s.body).toBe(201);
    const sheet = (await call('village', 'GET', `/mediation/sessions/${s.json().id}`)).json();
    expect(sheet.mediators.map((m: { id: number }) => m.id)).toEqual([mediatorId]);
  });

  it('registers the same member from five requests at the same moment once: one mediator, one audit row, no 500', async () => {
    const offered = await t.db
      .selectFrom('team_member as m')
      .innerJoin('team as tm', (j) =>
        j.onRef('tm.id', '=', 'm.team_id').onRef('tm.county_code', '=', 'm.county_code'),
      )
      .leftJoin('mediator as md', (j) =>
        j.onRef('md.team_member_id', '=', 'm.id').onRef('md.county_code', '=', 'm.county_code'),
      )
      .select('m.id')
      .where('tm.village_code', '=', village)
      .where('tm.code', '=', 'dispute_mediation')
      .where('md.id', 'is', null)
      .orderBy('m.id')
      .executeTakeFirstOrThrow();
    const memberId = Number(offered.id);
    const mediators = await countRows(t.db, 'mediator');
    const audits = async () =>
      (
        await t.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', '=', 'mediation.mediator_add')
          .executeTakeFirstOrThrow()
      ).n;
    const auditsBefore = Number(await audits());
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        call('village', 'POST', '/mediation/mediators', { teamMemberId: memberId }),
      ),
    );
    for (const a of answers) expect(a.statusCode, a.body).toBe(201);
    const ids = new Set(answers.map((a) => a.json().id as number));
    expect(ids.size).toBe(1);
    expect(await countRows(t.db, 'mediator')).toBe(mediators + 1);
    expect(Number(await audits())).toBe(auditsBefore + 1);
  });

  it('a record sheet names team members directly: they become mediators with it, once, and a resend replays', async () => {
    t.clock.set(new Date());
    const made = await call('gridworker', 'POST', '/disputes', {
      type: 'family',
      summary: '赡养老人分摊',
      riskLevel: 'low',
      gridCode: grid,
      parties: [{ side: 'applicant', name: '丙' }],
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as number;
    const offered = (await call('gridworker', 'GET', `/disputes/${id}/team-members`)).json().items as Array<{
      id: number;
      mediatorId: number | null;
    }>;
    const fresh = offered.filter((m) => m.mediatorId === null).slice(0, 2);
    expect(fresh.length).toBe(2);
    const place = await t.db
      .selectFrom('mediation_place')
      .select('id')
      .where('region_code', '=', village)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const body = {
      heldOn: new Date().toISOString().slice(0, 10),
      placeId: place.id,
      partiesPresent: '丙及其兄弟',
      teamMemberIds: fresh.map((m) => m.id),
      facts: '三兄弟赡养费分摊不均',
      applicantClaim: '平均分摊',
      respondentClaim: '按收入分摊',
      outcome: 'agreed',
      agreement: '每人每月三百元',
      clientRequestId: '6f1c2a4e-0b7d-4a51-9d3e-2f8a1c5b7e90',
    };
    const mediators = await countRows(t.db, 'mediator');
    const sessions = await countRows(t.db, 'mediation_session');
    // neither a mediator nor a team member: 400; another village's member: 404; nothing made
    expect(
      (await call('gridworker', 'POST', `/disputes/${id}/sessions`, { ...body, teamMemberIds: [] }))
        .statusCode,
    ).toBe(400);
    const theirs = await t.db
      .selectFrom('team_member as m')
      .innerJoin('team as tm', (j) =>
        j.onRef('tm.id', '=', 'm.team_id').onRef('tm.county_code', '=', 'm.county_code'),
      )
      .select('m.id')
      .where('tm.village_code', '!=', village)
      .where('tm.code', '=', 'dispute_mediation')
      .executeTakeFirstOrThrow();
    expect(
      (
        await call('gridworker', 'POST', `/disputes/${id}/sessions`, {
          ...body,
          teamMemberIds: [Number(theirs.id)],
          clientRequestId: undefined,
        })
      ).statusCode,
    ).toBe(404);
    expect(await countRows(t.db, 'mediator')).toBe(mediators);

    const s = await call('gridworker', 'POST', `/disputes/${id}/sessions`, body);
    expect(s.statusCode, s.body).toBe(201);
    expect(await countRows(t.db, 'mediator')).toBe(mediators + 2);
    const sheet = (await call('gridworker', 'GET', `/mediation/sessions/${s.json().id}`)).json();
    expect(sheet.mediators).toHaveLength(2);
    const again = await call('gridworker', 'POST', `/disputes/${id}/sessions`, body);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(s.json().id);
    expect(await countRows(t.db, 'mediator')).toBe(mediators + 2);
    expect(await countRows(t.db, 'mediation_session')).toBe(sessions + 1);
    const picker = (await call('gridworker', 'GET', `/disputes/${id}/team-members`)).json().items as Array<{
      id: number;
      mediatorId: number | null;
    }>;
    for (const m of fresh) expect(picker.find((x) => x.id === m.id)?.mediatorId).not.toBeNull();
  });
});
