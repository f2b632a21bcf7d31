import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, TEST_DEMO_PASSWORD, type TestApp } from '../../../test/helpers.js';
import { COUNTY, openPartyWorld, partyKit, type Headers } from '../../../test/kits/party.js';
import { seedAccount } from '../accounts/index.js';

/**
 * A member moved to an organisation outside their home grid belongs to that organisation: its member
 * list and counts show them, its organisers may act on them — but where they live and their phone
 * stay visible only to those whose subtree holds their home.
 */
let t: TestApp;
let county: Headers;
let townshipCode: string;
const { call, orgAt, gridsOf } = partyKit(() => t);

beforeAll(async () => {
  ({ t, county, townshipCode } = await openPartyWorld());
});
afterAll(() => t.close());

type Member = { id: number; name: string; gridName: string | null; gridCode: string | null };

describe('a member moved to an organisation outside their home grid', () => {
  it('stays in that organisation’s list and counts; home and phone follow the viewer’s rights', async () => {
    // two villages of the demo township with a branch each
    const villages = await t.db
      .selectFrom('party_org')
      .select(['id', 'region_code'])
      .where('county_code', '=', COUNTY)
      .where('kind', '=', 'branch')
      .where('closed_on', 'is', null)
      .where('region_code', 'like', `${townshipCode}%`)
      .orderBy('region_code')
      .execute();
    const [home, away] = villages.filter(
      (v, i, all) => all.findIndex((w) => w.region_code === v.region_code) === i,
    );
    expect(home && away).toBeTruthy();
    const homeGrids = await gridsOf(home!.region_code);
    // a member who lives in the home village
    const m = await t.db
      .selectFrom('party_member')
      .select(['id', 'org_id'])
      .where('county_code', '=', COUNTY)
      .where('left_on', 'is', null)
      .where(sql<boolean>`region_path <@ (SELECT path FROM region WHERE code = ${home!.region_code})`)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(homeGrids.length).toBeGreaterThan(0);

    // an organiser of the other village only
    await seedAccount(t.db, {
      username: 'away-party',
      displayName: '村党支部组织委员',
      role: 'party_organiser',
      scopeCode: away!.region_code,
      password: TEST_DEMO_PASSWORD,
    });
    const awayOrganiser = await signIn(t.app, 'away-party');
    const awayBranch = await orgAt(away!.region_code, 'branch');
    const listOf = async (who: Headers, orgId: number) => {
      const r = await call('GET', `/party/orgs/${orgId}?members=direct&limit=200`, who);
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as { memberCount: number; members: Member[]; membersTotal: number };
    };
    const before = await listOf(county, awayBranch.id);
    const summaryOf = async (code: string) => {
      const r = await call('GET', `/party/summary?within=${code}`, county);
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as { members: number };
    };
    const summaries = [await summaryOf(home!.region_code), await summaryOf(away!.region_code)];

    // the county organiser moves the member into the other village's branch
    const moved = await call('POST', `/party/members/${m.id}/move`, county, {
      orgId: awayBranch.id,
      on: '2026-01-10',
    });
    expect(moved.statusCode, moved.body).toBe(204);

    // the county organiser sees the member in the branch's list, home included; counts follow
    const after = await listOf(county, awayBranch.id);
    expect(after.membersTotal).toBe(before.membersTotal + 1);
    expect(after.memberCount).toBe(before.memberCount + 1);
    const seen = after.members.find((x) => x.id === m.id);
    expect(seen?.gridCode).toMatch(new RegExp(`^${home!.region_code}`));
    // the tree of the county shows the new count too
    const tree = (await call('GET', '/party/orgs', county)).json() as {
      items?: { id: number; memberCount: number }[];
    };
    const orgs = Array.isArray(tree) ? (tree as { id: number; memberCount: number }[]) : (tree.items ?? []);
    expect(orgs.find((o) => o.id === awayBranch.id)?.memberCount).toBe(after.memberCount);
    // the summaries count members by organisation as the lists do: one fewer at home, one more away
    expect((await summaryOf(home!.region_code)).members).toBe(summaries[0]!.members - 1);
    expect((await summaryOf(away!.region_code)).members).toBe(summaries[1]!.members + 1);

    // the other village's organiser sees them as their branch's member, but not where they live
    const theirs = await listOf(awayOrganiser, awayBranch.id);
    const x = theirs.members.find((y) => y.id === m.id);
    expect(x).toMatchObject({ id: m.id, gridCode: null, gridName: null });
    const detail = await call('GET', `/party/members/${m.id}`, awayOrganiser);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({ gridName: null, phone: null });
    // the households they look after are in their home village: none shown there
    expect(detail.json().households).toEqual([]);
    // and the organiser of the branch may act on its member (history readable)
    expect((await call('GET', `/party/members/${m.id}/history`, awayOrganiser)).statusCode).toBe(200);

    // a member neither living in nor belonging to the other village is still 404 there
    const stranger = await t.db
      .selectFrom('party_member')
      .select('id')
      .where('county_code', '=', COUNTY)
      .where('left_on', 'is', null)
      .where('org_id', '=', m.org_id)
      .where('id', '<>', m.id)
      .executeTakeFirst();
    if (stranger)
      expect((await call('GET', `/party/members/${stranger.id}`, awayOrganiser)).statusCode).toBe(404);
  });
});
