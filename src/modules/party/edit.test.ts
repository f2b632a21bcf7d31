import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, TEST_DEMO_PASSWORD, type TestApp } from '../../../test/helpers.js';
import { COUNTY, openPartyWorld, partyKit, type Headers } from '../../../test/kits/party.js';
import { seedAccount } from '../accounts/index.js';

let t: TestApp;
let county: Headers;
let twp: Headers;
let townshipCode: string;
let otherTownship: string;

beforeAll(async () => {
  ({ t, county, townshipCode, otherTownship } = await openPartyWorld());
  // a township party committee's organiser (党委组织委员), scoped to the demo township
  await seedAccount(t.db, {
    username: 'twp-party',
    displayName: '镇党委组织委员',
    role: 'party_organiser',
    scopeCode: townshipCode,
    password: TEST_DEMO_PASSWORD,
  });
  twp = await signIn(t.app, 'twp-party');
});
afterAll(() => t.close());

const { call, orgAt, firstVillage, gridsOf } = partyKit(() => t);

async function membersOfOrg(orgId: number) {
  return t.db
    .selectFrom('party_member')
    .select(['id', 'org_id'])
    .where('county_code', '=', COUNTY)
    .where('org_id', '=', orgId)
    .where('left_on', 'is', null)
    .orderBy('id')
    .execute();
}
const audits = async (action: string) =>
  (
    await t.db
      .selectFrom('audit_log')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('action', '=', action)
      .executeTakeFirstOrThrow()
  ).n;

describe('organisations: kinds, parents and regions', () => {
  it('builds the five-level chain and refuses an illegal parent or region with 400, zh and en', async () => {
    const village = await firstVillage(townshipCode);
    const [g1] = await gridsOf(village.code);
    const tw = await orgAt(townshipCode, 'township_committee');
    const before = await t.db
      .selectFrom('party_org')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    // a grid branch straight under a township committee: not a legal parent
    const bad = await call('POST', '/party/orgs', twp, {
      parentId: tw.id,
      kind: 'grid_branch',
      name: '某小区党支部',
      regionCode: g1?.code,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'PARTY_ORG_PARENT_KIND' });
    expect(bad.json().error.messageEn).toBeTruthy();
    // a community committee on a grid: wrong level
    const lvl = await call('POST', '/party/orgs', twp, {
      parentId: tw.id,
      kind: 'community_committee',
      name: '社区党委',
      regionCode: g1?.code,
    });
    expect(lvl.json().error.code).toBe('PARTY_ORG_REGION');
    // the root kind is never created; NUL in a name is bad input
    expect(
      (
        await call('POST', '/party/orgs', twp, {
          parentId: tw.id,
          kind: 'county_committee',
          name: '县委',
          regionCode: village.code,
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await call('POST', '/party/orgs', twp, {
          parentId: tw.id,
          kind: 'community_committee',
          name: '社区\u0000党委',
          regionCode: village.code,
        })
      ).statusCode,
    ).toBe(400);
    const after = await t.db
      .selectFrom('party_org')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);

    const cc = await call('POST', '/party/orgs', twp, {
      parentId: tw.id,
      kind: 'community_committee',
      name: '测试社区党委',
      regionCode: village.code,
    });
    expect(cc.statusCode).toBe(201);
    const gb = await call('POST', '/party/orgs', twp, {
      parentId: cc.json().id,
      kind: 'grid_branch',
      name: '测试小区党支部',
      regionCode: g1?.code,
    });
    expect(gb.statusCode).toBe(201);
    // a region beside the parent's (another village of the township) is refused
    const v2 = await t.db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 'village')
      .where('code', 'like', `${townshipCode}%`)
      .where('code', '<>', village.code)
      .executeTakeFirstOrThrow();
    const beside = await call('POST', '/party/orgs', twp, {
      parentId: cc.json().id,
      kind: 'grid_branch',
      name: '别村支部',
      regionCode: v2.code,
    });
    expect(beside.json().error.code).toBe('PARTY_ORG_REGION');
    expect(await audits('party_org.create')).toBe(2);
    // the grid leader of the grid reports to the compound branch: the chain reads bottom up
    const villageAcc = await t.db
      .selectFrom('account')
      .select(['id', 'scope_code'])
      .where('username', '=', 'village')
      .executeTakeFirstOrThrow();
    const leaderGrid = (await gridsOf(villageAcc.scope_code))[0]?.code as string;
    const vOrg = await orgAt(villageAcc.scope_code, 'branch');
    const set = await call('PUT', `/party/grids/${leaderGrid}/leader`, county, {
      accountId: villageAcc.id,
      orgId: vOrg.id,
      since: '2026-01-05',
    });
    expect(set.statusCode).toBe(204);
    const chain = (await call('GET', `/party/grids/${leaderGrid}/chain`, county)).json();
    expect(chain.leader.accountId).toBe(villageAcc.id);
    expect(chain.orgs.map((o: { kind: string }) => o.kind)).toEqual([
      'branch',
      'township_committee',
      'county_committee',
    ]);
    expect(chain.workers.length).toBeGreaterThan(0);
    // a township account is no grid leader
    const twAcc = await t.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', 'township')
      .executeTakeFirstOrThrow();
    const no = await call('PUT', `/party/grids/${leaderGrid}/leader`, county, {
      accountId: twAcc.id,
      orgId: vOrg.id,
      since: '2026-01-05',
    });
    expect(no.json().error.code).toBe('PARTY_LEADER_ACCOUNT');
  });

  it("another township's organisation and member are 404 to a township organiser; nothing changes", async () => {
    const other = await orgAt(otherTownship, 'township_committee');
    const otherVillage = await firstVillage(otherTownship);
    const otherBranch = await orgAt(otherVillage.code, 'branch');
    expect((await call('PATCH', `/party/orgs/${other.id}`, twp, { name: '改个名字' })).statusCode).toBe(404);
    expect(
      (
        await call('POST', '/party/orgs', twp, {
          parentId: other.id,
          kind: 'community_committee',
          name: '越界社区党委',
          regionCode: otherVillage.code,
        })
      ).statusCode,
    ).toBe(404);
    const m = await t.db
      .selectFrom('party_member')
      .select('id')
      .where('county_code', '=', COUNTY)
      .where(sql<boolean>`region_path <@ ${`21.2112.${COUNTY}.${otherTownship}`}::ltree`)
      .executeTakeFirstOrThrow();
    const myBranch = await orgAt((await firstVillage(townshipCode)).code, 'branch');
    expect(
      (await call('POST', `/party/members/${m.id}/move`, twp, { orgId: myBranch.id, on: '2026-01-10' }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await call('POST', `/party/orgs/${otherBranch.id}/merge`, twp, {
          intoId: myBranch.id,
          on: '2026-01-10',
          reason: '合并',
        })
      ).statusCode,
    ).toBe(404);
    expect((await call('GET', `/party/members/${m.id}/history`, twp)).statusCode).toBe(404);
    const o = await t.db
      .selectFrom('party_org')
      .select(['name', 'closed_on'])
      .where('county_code', '=', COUNTY)
      .where('id', '=', other.id)
      .executeTakeFirstOrThrow();
    expect(o).toEqual({ name: expect.not.stringMatching('改个名字'), closed_on: null });
    // the county organiser may
    expect(
      (await call('PATCH', `/party/orgs/${other.id}`, county, { name: '中共测试镇委员会' })).statusCode,
    ).toBe(204);
    expect(await audits('party_org.rename')).toBe(1);
  });
});

describe('merge', () => {
  it('moves members and children into the survivor, closes the old one with its date, keeps it', async () => {
    const village = await firstVillage(townshipCode);
    const from = await orgAt(village.code, 'branch');
    const v2 = await t.db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 'village')
      .where('code', 'like', `${townshipCode}%`)
      .orderBy('code')
      .offset(1)
      .executeTakeFirstOrThrow();
    const into = await orgAt(v2.code, 'branch');
    const children = await t.db
      .selectFrom('party_org')
      .select('id')
      .where('county_code', '=', COUNTY)
      .where('parent_id', '=', from.id)
      .execute();
    const direct = await membersOfOrg(from.id);
    // a member of the old branch itself (most demo members sit in grid groups)
    const grp = children[0]?.id as number;
    const mover = (await membersOfOrg(grp))[0]?.id as number;
    expect(
      (
        await call('POST', `/party/members/${mover}/move`, twp, {
          orgId: from.id,
          on: '2026-02-01',
          reason: '调入支部',
        })
      ).statusCode,
    ).toBe(204);
    // into a group below it, into another kind, a future day: refused
    expect(
      (
        await call('POST', `/party/orgs/${from.id}/merge`, twp, {
          intoId: grp,
          on: '2026-03-01',
          reason: 'x',
        })
      ).json().error.code,
    ).toBe('PARTY_MERGE_INVALID');
    expect(
      (
        await call('POST', `/party/orgs/${from.id}/merge`, twp, {
          intoId: from.id,
          on: '2026-03-01',
          reason: 'x',
        })
      ).json().error.code,
    ).toBe('PARTY_MERGE_INVALID');
    expect(
      (
        await call('POST', `/party/orgs/${from.id}/merge`, twp, {
          intoId: into.id,
          on: '2099-03-01',
          reason: 'x',
        })
      ).json().error.code,
    ).toBe('PARTY_DATE_INVALID');
    // before the mover's stay began
    expect(
      (
        await call('POST', `/party/orgs/${from.id}/merge`, twp, {
          intoId: into.id,
          on: '2026-01-20',
          reason: 'x',
        })
      ).json().error.code,
    ).toBe('PARTY_DATE_INVALID');

    const res = await call('POST', `/party/orgs/${from.id}/merge`, twp, {
      intoId: into.id,
      on: '2026-03-01',
      reason: '合村并组',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: from.id,
      intoId: into.id,
      membersMoved: direct.length + 1,
      childrenMoved: children.length,
    });
    expect(await membersOfOrg(from.id)).toEqual([]);
    const kids = await t.db
      .selectFrom('party_org')
      .select('id')
      .where('county_code', '=', COUNTY)
      .where('parent_id', '=', into.id)
      .execute();
    expect(kids.map((k) => k.id)).toEqual(expect.arrayContaining(children.map((c) => c.id)));
    const closed = await t.db
      .selectFrom('party_org')
      .select(['closed_on', 'merged_into_id'])
      .where('county_code', '=', COUNTY)
      .where('id', '=', from.id)
      .executeTakeFirstOrThrow();
    expect(closed).toEqual({ closed_on: '2026-03-01', merged_into_id: into.id });
    // gone from the tree, kept with ?closed=true; a closed organisation refuses changes (409)
    const list = (await call('GET', '/party/orgs', twp)).json().items as Array<{ id: number }>;
    expect(list.some((o) => o.id === from.id)).toBe(false);
    const all = (await call('GET', '/party/orgs?closed=true', twp)).json().items as Array<{
      id: number;
      closedOn: string | null;
    }>;
    expect(all.find((o) => o.id === from.id)?.closedOn).toBe('2026-03-01');
    expect((await call('PATCH', `/party/orgs/${from.id}`, twp, { name: '再改名' })).statusCode).toBe(409);
    const h = (await call('GET', `/party/members/${mover}/history`, twp)).json();
    expect(
      h.items.map(
        (s: { orgId: number; startReason: string; startedOn: string | null; endedOn: string | null }) => [
          s.orgId,
          s.startReason,
          s.endedOn,
        ],
      ),
    ).toEqual([
      [grp, 'enrolled', '2026-02-01'],
      [from.id, 'moved', '2026-03-01'],
      [into.id, 'merged', null],
    ]);
    expect(await audits('party_org.merge')).toBe(1);
  });
});

describe('transfers', () => {
  it('keeps a dated history through move, transfer out (links freed) and transfer in', async () => {
    const groups = await t.db
      .selectFrom('party_org as o')
      .innerJoin('party_member as m', (j) =>
        j.onRef('m.county_code', '=', 'o.county_code').onRef('m.org_id', '=', 'o.id'),
      )
      .select(['o.id', 'm.id as member_id'])
      .where('o.county_code', '=', COUNTY)
      .where('o.kind', '=', 'grid_group')
      .where('m.left_on', 'is', null)
      .where('o.region_code', 'like', `${townshipCode}%`)
      .orderBy('o.id', 'desc')
      .execute();
    const grpA = { id: groups[0]?.id as number };
    const grpB = { id: groups.find((g) => g.id !== grpA.id)?.id as number };
    const m = { id: groups[0]?.member_id as number };
    const links = await t.db
      .selectFrom('party_member_household')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('county_code', '=', COUNTY)
      .where('member_id', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(
      (await call('POST', `/party/members/${m.id}/move`, twp, { orgId: grpA.id, on: '2026-01-10' })).json()
        .error.code,
    ).toBe('PARTY_SAME_ORG');
    expect(
      (await call('POST', `/party/members/${m.id}/move`, twp, { orgId: grpB.id, on: '2026-13-10' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await call('POST', `/party/members/${m.id}/move`, twp, { orgId: grpB.id, on: '2026-01-10' }))
        .statusCode,
    ).toBe(204);
    // a second move before the first: out of order
    expect(
      (await call('POST', `/party/members/${m.id}/move`, twp, { orgId: grpA.id, on: '2026-01-09' })).json()
        .error.code,
    ).toBe('PARTY_DATE_INVALID');
    const out = await call('POST', `/party/members/${m.id}/transfer-out`, twp, {
      on: '2026-02-15',
      to: '中共沈阳市某街道工委',
    });
    expect(out.json()).toEqual({ id: m.id, householdsUnlinked: links.n });
    expect(
      (await call('POST', `/party/members/${m.id}/transfer-out`, twp, { on: '2026-02-16', to: '别处' }))
        .statusCode,
    ).toBe(409);
    expect(
      (await call('POST', `/party/members/${m.id}/move`, twp, { orgId: grpA.id, on: '2026-02-16' }))
        .statusCode,
    ).toBe(409);
    // left: no longer counted in the group
    expect((await membersOfOrg(grpB.id)).some((x) => x.id === m.id)).toBe(false);
    const person = await t.db
      .selectFrom('party_member')
      .select('resident_id')
      .where('county_code', '=', COUNTY)
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow();
    const back = await call('POST', '/party/members/transfer-in', twp, {
      residentId: person.resident_id,
      orgId: grpA.id,
      on: '2026-02-01',
      from: '中共沈阳市某街道工委',
    });
    expect(back.json().error.code).toBe('PARTY_DATE_INVALID');
    const again = await call('POST', '/party/members/transfer-in', twp, {
      residentId: person.resident_id,
      orgId: grpA.id,
      on: '2026-03-20',
      from: '中共沈阳市某街道工委',
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(m.id);
    expect(
      (
        await call('POST', '/party/members/transfer-in', twp, {
          residentId: person.resident_id,
          orgId: grpA.id,
          on: '2026-03-21',
          from: '某单位',
        })
      ).json().error.code,
    ).toBe('PARTY_MEMBER_ACTIVE');
    const h = (await call('GET', `/party/members/${m.id}/history`, twp)).json();
    expect(h.leftOn).toBeNull();
    expect(
      h.items.map((s: Record<string, unknown>) => [
        s.orgId,
        s.startReason,
        s.startedOn,
        s.endReason,
        s.endedOn,
        s.cameFrom ?? s.wentTo,
      ]),
    ).toEqual([
      [grpA.id, 'enrolled', null, 'moved', '2026-01-10', null],
      [grpB.id, 'moved', '2026-01-10', 'transfer_out', '2026-02-15', '中共沈阳市某街道工委'],
      [grpA.id, 'transfer_in', '2026-03-20', null, null, '中共沈阳市某街道工委'],
    ]);
    // a resident of another township cannot be transferred in by the township organiser
    const far = await t.db
      .selectFrom('resident')
      .select('id')
      .where('county_code', '=', COUNTY)
      .where(sql<boolean>`grid_path <@ ${`21.2112.${COUNTY}.${otherTownship}`}::ltree`)
      .executeTakeFirstOrThrow();
    expect(
      (
        await call('POST', '/party/members/transfer-in', twp, {
          residentId: far.id,
          orgId: grpA.id,
          on: '2026-03-20',
          from: '某单位',
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('党员联系户 in bulk', () => {
  it('is atomic, idempotent by clientRequestId, refuses households outside the scope, and keeps the counts true', async () => {
    const village = await firstVillage(townshipCode);
    const grid = (await gridsOf(village.code))[0]?.code as string;
    const member = await t.db
      .selectFrom('party_member')
      .select('id')
      .where('county_code', '=', COUNTY)
      .where('left_on', 'is', null)
      .where(sql<boolean>`region_path <@ ${`21.2112.${COUNTY}.${townshipCode}`}::ltree`)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    // free some households first (a demo household has one member at most)
    const hh = await t.db
      .selectFrom('household')
      .select('id')
      .where('county_code', '=', COUNTY)
      .where('grid_code', 'like', `${village.code}%`)
      .orderBy('grid_code')
      .orderBy('id')
      .limit(4)
      .execute();
    const ids = hh.map((h) => h.id);
    await t.db
      .deleteFrom('party_member_household')
      .where('county_code', '=', COUNTY)
      .where('household_id', 'in', ids.slice(0, 2))
      .execute();
    const board = async () => (await call('GET', `/party/links/grids?within=${village.code}`, twp)).json();
    const b0 = await board();
    expect(b0.unlinked).toBeGreaterThanOrEqual(2);
    expect(b0.items.find((g: { code: string }) => g.code === grid).unlinked).toBeGreaterThanOrEqual(1);
    const unl = (
      await call('GET', `/party/links/households?within=${village.code}&unlinked=true&limit=500`, twp)
    ).json();
    expect(unl.items.map((x: { id: number }) => x.id)).toEqual(expect.arrayContaining(ids.slice(0, 2)));
    const far = await t.db
      .selectFrom('household')
      .select('id')
      .where('county_code', '=', COUNTY)
      .where(sql<boolean>`grid_path <@ ${`21.2112.${COUNTY}.${otherTownship}`}::ltree`)
      .executeTakeFirstOrThrow();
    const linksBefore = await t.db
      .selectFrom('party_member_household')
      .select(['member_id', 'household_id'])
      .where('county_code', '=', COUNTY)
      .orderBy('household_id')
      .execute();
    const refused = await call('POST', '/party/links', twp, {
      memberId: member.id,
      householdIds: [...ids, far.id],
      clientRequestId: randomUUID(),
    });
    expect(refused.statusCode).toBe(404);
    expect(
      await t.db
        .selectFrom('party_member_household')
        .select(['member_id', 'household_id'])
        .where('county_code', '=', COUNTY)
        .orderBy('household_id')
        .execute(),
    ).toEqual(linksBefore);
    expect(
      (
        await call('POST', '/party/links', twp, {
          memberId: member.id,
          householdIds: [ids[0], ids[0]],
          clientRequestId: randomUUID(),
        })
      ).statusCode,
    ).toBe(400);

    const freeAmongIds = unl.items.filter((x: { id: number }) => ids.includes(x.id)).length;
    const rid = randomUUID();
    const first = await call('POST', '/party/links', twp, {
      memberId: member.id,
      householdIds: ids,
      clientRequestId: rid,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ memberId: member.id, linked: 4, relinked: expect.any(Number) });
    const second = await call('POST', '/party/links', twp, {
      memberId: member.id,
      householdIds: ids,
      clientRequestId: rid,
    });
    expect(second.json()).toEqual(first.json());
    expect(await audits('party_link.assign')).toBe(1);
    expect(
      (
        await call('POST', '/party/links', twp, {
          memberId: member.id,
          householdIds: ids.slice(0, 1),
          clientRequestId: rid,
        })
      ).statusCode,
    ).toBeGreaterThanOrEqual(400);
    const owners = await t.db
      .selectFrom('party_member_household')
      .select('member_id')
      .where('county_code', '=', COUNTY)
      .where('household_id', 'in', ids)
      .execute();
    expect(owners.map((o) => o.member_id)).toEqual(ids.map(() => member.id));
    // the board and the indicator's rule agree with the table
    const b1 = await board();
    expect(b1.unlinked).toBe(b0.unlinked - freeAmongIds);
    const truth = await sql<{
      n: number;
    }>`SELECT count(*)::int n FROM household h WHERE h.county_code = ${COUNTY}
      AND h.grid_path <@ ${`21.2112.${COUNTY}.${townshipCode}.${village.code}`}::ltree
      AND NOT EXISTS (SELECT 1 FROM party_member_household l WHERE l.county_code = h.county_code AND l.household_id = h.id)`.execute(
      t.db,
    );
    expect(b1.unlinked).toBe(truth.rows[0]?.n);
    // the list exports (audited)
    const x = await call('GET', `/party/links/households/export.xlsx?within=${village.code}`, twp);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect(await audits('party_link.export')).toBe(1);
  });
});
