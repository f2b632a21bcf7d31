import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type TestApp } from '../../../test/helpers.js';
import { COUNTY, openPartyWorld, partyKit, type Headers } from '../../../test/kits/party.js';

let t: TestApp;
let county: Headers;
let township: Headers;
let townshipCode: string;
let otherTownship: string;

beforeAll(async () => {
  ({ t, county, townshipCode, otherTownship } = await openPartyWorld());
  township = await signIn(t.app, 'township');
});
afterAll(() => t.close());

const { get, orgAt: orgOf } = partyKit(() => t);

describe('party routes: access', () => {
  it('401 without a session, 403 for roles without party.read, 400 on bad input', async () => {
    expect((await get('/party/summary')).statusCode).toBe(401);
    const worker = await signIn(t.app, 'gridworker');
    expect((await get('/party/orgs', worker)).statusCode).toBe(403);
    const dept = await signIn(t.app, 'department');
    expect((await get('/party/summary', dept)).json().error.code).toBe('FORBIDDEN');
    expect((await get('/party/orgs/abc', county)).statusCode).toBe(400);
    const bad = await get('/party/summary?within=2112211', county);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect((await get('/party/orgs/1?members=some', county)).statusCode).toBe(400);
  });
});

describe('party routes: counts', () => {
  it('the county summary matches the tables', async () => {
    const res = await get('/party/summary', county);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    const kinds = await t.db
      .selectFrom('party_org')
      .select(['kind', sql<number>`count(*)::int`.as('n')])
      .where('county_code', '=', COUNTY)
      .groupBy('kind')
      .execute();
    const n = (k: string) => kinds.find((r) => r.kind === k)?.n ?? 0;
    const members = await sql<{ n: number; linked: number; households: number }>`
      select count(distinct m.id)::int n, count(distinct l.member_id)::int linked, count(distinct l.household_id)::int households
      from party_member m left join party_member_household l on l.county_code = m.county_code and l.member_id = m.id
      where m.county_code = ${COUNTY}`.execute(t.db);
    const grids = await t.db
      .selectFrom('region')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('county_code', '=', COUNTY)
      .where('level', '=', 'grid')
      .executeTakeFirstOrThrow();
    const row = members.rows[0];
    expect(s).toMatchObject({
      regionCode: COUNTY,
      countyCommittees: 1,
      townshipCommittees: n('township_committee'),
      branches: n('branch'),
      gridGroups: n('grid_group'),
      members: row?.n,
      membersWithLinkedHouseholds: row?.linked,
      linkedHouseholds: row?.households,
      grids: grids.n,
      gridsWithGroup: grids.n,
    });
    expect(s.members).toBeGreaterThan(0);
    expect(s.townshipCommittees).toBeGreaterThan(1);
  });

  it('a grid without a party group is counted as uncovered', async () => {
    const before = (await get(`/party/summary?within=${townshipCode}`, township)).json();
    const grid = await t.db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 'grid')
      .where('code', 'like', `${townshipCode}%`)
      .orderBy('code', 'desc')
      .executeTakeFirstOrThrow();
    // the grid's group turned into something else: the grid is left without one
    await t.db
      .updateTable('party_org')
      .set({ kind: 'branch' })
      .where('county_code', '=', COUNTY)
      .where('region_code', '=', grid.code)
      .execute();
    const after = (await get(`/party/summary?within=${townshipCode}`, township)).json();
    expect(after.grids).toBe(before.grids);
    expect(after.gridsWithGroup).toBe(before.gridsWithGroup - 1);
    expect(after.gridGroups).toBe(before.gridGroups - 1);
    await t.db
      .updateTable('party_org')
      .set({ kind: 'grid_group' })
      .where('county_code', '=', COUNTY)
      .where('region_code', '=', grid.code)
      .execute();
  });

  it('lists every organisation of the county with totals summed up the tree', async () => {
    const res = await get('/party/orgs', county);
    const items = res.json().items as Array<{
      id: number;
      parentId: number | null;
      kind: string;
      memberCount: number;
      totalMemberCount: number;
      childCount: number;
    }>;
    const total = await t.db
      .selectFrom('party_org')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('county_code', '=', COUNTY)
      .executeTakeFirstOrThrow();
    expect(items).toHaveLength(total.n);
    const roots = items.filter((o) => o.parentId === null);
    expect(roots).toHaveLength(1);
    expect(roots[0]?.kind).toBe('county_committee');
    const members = await t.db
      .selectFrom('party_member')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('county_code', '=', COUNTY)
      .executeTakeFirstOrThrow();
    expect(roots[0]?.totalMemberCount).toBe(members.n);
    // a township committee's total is the members in its township
    const tw = await orgOf(townshipCode);
    const inTownship = await t.db
      .selectFrom('party_member')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('county_code', '=', COUNTY)
      .where(sql<boolean>`region_path <@ ${`21.2112.${COUNTY}.${townshipCode}`}::ltree`)
      .executeTakeFirstOrThrow();
    const twItem = items.find((o) => o.id === tw.id);
    expect(twItem?.totalMemberCount).toBe(inTownship.n);
    expect(twItem?.childCount).toBe(items.filter((o) => o.parentId === tw.id).length);
  });
});

describe('party routes: scope', () => {
  it('a township account sees only its township: its committee is the root', async () => {
    const items = (await get('/party/orgs', township)).json().items as Array<{
      regionCode: string;
      parentId: number | null;
      kind: string;
    }>;
    expect(items.length).toBeGreaterThan(1);
    expect(items.every((o) => o.regionCode.startsWith(townshipCode))).toBe(true);
    expect(items.filter((o) => o.parentId === null).map((o) => o.kind)).toEqual(['township_committee']);
    const s = (await get('/party/summary', township)).json();
    expect(s).toMatchObject({ regionCode: townshipCode, countyCommittees: 0, townshipCommittees: 1 });
  });

  it("another township's organisation, member or region is not found", async () => {
    const other = await orgOf(otherTownship);
    expect((await get(`/party/orgs/${other.id}`, township)).statusCode).toBe(404);
    expect((await get(`/party/orgs/${other.id}`, county)).statusCode).toBe(200);
    expect((await get(`/party/summary?within=${otherTownship}`, township)).statusCode).toBe(404);
    const m = await t.db
      .selectFrom('party_member')
      .select('id')
      .where('county_code', '=', COUNTY)
      .where(sql<boolean>`region_path <@ ${`21.2112.${COUNTY}.${otherTownship}`}::ltree`)
      .executeTakeFirstOrThrow();
    expect((await get(`/party/members/${m.id}`, township)).statusCode).toBe(404);
    expect((await get(`/party/members/${m.id}`, county)).statusCode).toBe(200);
    // the county committee, above the township, is invisible to it
    const top = await orgOf(COUNTY);
    expect((await get(`/party/orgs/${top.id}`, township)).statusCode).toBe(404);
  });
});

describe('party routes: organisation and member detail', () => {
  it('a grid party group lists its members with linked-household counts, never ID numbers or phones', async () => {
    const grp = await t.db
      .selectFrom('party_org as o')
      .innerJoin('party_member as m', (j) =>
        j.onRef('m.county_code', '=', 'o.county_code').onRef('m.org_id', '=', 'o.id'),
      )
      .select(['o.id', 'o.parent_id'])
      .where('o.county_code', '=', COUNTY)
      .where('o.kind', '=', 'grid_group')
      .where('o.region_code', 'like', `${townshipCode}%`)
      .orderBy('o.id')
      .executeTakeFirstOrThrow();
    const res = await get(`/party/orgs/${grp.id}`, township);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.kind).toBe('grid_group');
    expect(d.parentId).toBe(grp.parent_id);
    expect(d.parentName).toMatch(/支部委员会$/);
    const expected = await t.db
      .selectFrom('party_member')
      .select(['id', 'resident_id'])
      .where('county_code', '=', COUNTY)
      .where('org_id', '=', grp.id)
      .orderBy('id')
      .execute();
    expect(d.membersTotal).toBe(expected.length);
    expect(d.members.map((m: { id: number }) => m.id)).toEqual(expected.map((m) => m.id));
    const first = d.members[0];
    const links = await t.db
      .selectFrom('party_member_household')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('county_code', '=', COUNTY)
      .where('member_id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(first.linkedHouseholds).toBe(links.n);
    expect(Object.keys(first).sort()).toEqual([
      'gender',
      'gridCode',
      'gridName',
      'id',
      'joinedOn',
      'linkedHouseholds',
      'name',
      'orgId',
      'orgName',
    ]);
    const person = await t.db
      .selectFrom('resident')
      .select(['id_number_enc', 'id_number_masked', 'phone_enc'])
      .where('county_code', '=', COUNTY)
      .where('id', '=', expected[0]?.resident_id ?? 0)
      .executeTakeFirstOrThrow();
    expect(res.body).not.toContain(t.ctx.pii.decrypt(person.id_number_enc));
    expect(res.body).not.toContain(person.id_number_masked);
    if (person.phone_enc) expect(res.body).not.toContain(t.ctx.pii.decrypt(person.phone_enc));

    const branch = (await get(`/party/orgs/${grp.parent_id}?members=all&limit=500`, township)).json();
    expect(branch.kind).toBe('branch');
    expect(branch.children.some((c: { id: number }) => c.id === grp.id)).toBe(true);
    expect(branch.membersTotal).toBe(branch.totalMemberCount);
    const direct = (await get(`/party/orgs/${grp.parent_id}`, township)).json();
    expect(direct.membersTotal).toBe(direct.memberCount);
  });

  it('a member answers their linked households with addresses and care tags, phone masked', async () => {
    const link = await t.db
      .selectFrom('party_member_household as l')
      .innerJoin('party_member as m', (j) =>
        j.onRef('m.county_code', '=', 'l.county_code').onRef('m.id', '=', 'l.member_id'),
      )
      .select('l.member_id')
      .where('l.county_code', '=', COUNTY)
      .where(sql<boolean>`m.region_path <@ ${`21.2112.${COUNTY}.${townshipCode}`}::ltree`)
      .orderBy('l.member_id')
      .executeTakeFirstOrThrow();
    const res = await get(`/party/members/${link.member_id}`, township);
    expect(res.statusCode).toBe(200);
    const m = res.json();
    const hh = await t.db
      .selectFrom('party_member_household as l')
      .innerJoin('household as h', (j) =>
        j.onRef('h.county_code', '=', 'l.county_code').onRef('h.id', '=', 'l.household_id'),
      )
      .select(['h.id', 'h.address', 'h.care_tags'])
      .where('l.county_code', '=', COUNTY)
      .where('l.member_id', '=', link.member_id)
      .orderBy('h.id')
      .execute();
    expect(
      m.households.map((h: { id: number; address: string; careTags: string[] }) => [
        h.id,
        h.address,
        h.careTags,
      ]),
    ).toEqual(hh.map((h) => [h.id, h.address, h.care_tags]));
    expect(m.linkedHouseholds).toBe(hh.length);
    if (m.phone) expect(m.phone).toContain('*');
    expect((await get('/party/members/999999999', township)).statusCode).toBe(404);
  });
});
