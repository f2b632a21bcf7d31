import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/helpers.js';
import { COUNTY, openPartyWorld, partyKit, type Headers } from '../../../test/kits/party.js';

/**
 * The party indicators count members by the organisation they belong to (party_org.region_path),
 * never by where they live: a member of one village's branch who lives in another village counts for
 * the branch's village — in the indicators, their drill-down and the party summary alike.
 */
let t: TestApp;
let county: Headers;
let townshipCode: string;
const { call } = partyKit(() => t);

beforeAll(async () => {
  ({ t, county, townshipCode } = await openPartyWorld());
});
afterAll(() => t.close());

const CODES = 'party.members,party.members_per_grid';
async function figures(region: string) {
  const v = await call('GET', `/indicators/values?region=${region}&codes=${CODES}`, county);
  expect(v.statusCode, v.body).toBe(200);
  const items = v.json().items as { code: string; value: number | null }[];
  const value = (code: string) => items.find((i) => i.code === code)?.value ?? null;
  const s = await call('GET', `/party/summary?within=${region}`, county);
  expect(s.statusCode, s.body).toBe(200);
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM region
    WHERE county_code = ${COUNTY} AND level = 'grid' AND code LIKE ${`${region}%`}`.execute(t.db);
  return {
    members: value('party.members'),
    perGrid: value('party.members_per_grid'),
    summary: (s.json() as { members: number }).members,
    grids: rows[0]!.n,
  };
}
const records = async (region: string) => {
  const r = await call('GET', `/indicators/records?region=${region}&code=party.members&limit=500`, county);
  expect(r.statusCode, r.body).toBe(200);
  return (r.json().items as { id: number }[]).map((i) => i.id);
};

describe('party indicators count members where their organisation is', () => {
  it('a member of one village’s branch living in another village counts for the branch’s village', async () => {
    const branches = await t.db
      .selectFrom('party_org')
      .select(['id', 'region_code'])
      .where('county_code', '=', COUNTY)
      .where('kind', '=', 'branch')
      .where('closed_on', 'is', null)
      .where('region_code', 'like', `${townshipCode}%`)
      .orderBy('region_code')
      .orderBy('id')
      .execute();
    const villages = [...new Set(branches.map((b) => b.region_code))];
    expect(villages.length).toBeGreaterThanOrEqual(2);
    const [home, away] = villages as [string, string];
    const awayBranch = branches.find((b) => b.region_code === away)!;
    // a member living in the home village and belonging to an organisation there
    const m = await t.db
      .selectFrom('party_member as m')
      .innerJoin('party_org as o', (j) =>
        j.onRef('o.county_code', '=', 'm.county_code').onRef('o.id', '=', 'm.org_id'),
      )
      .select('m.id')
      .where('m.county_code', '=', COUNTY)
      .where('m.left_on', 'is', null)
      .where(sql<boolean>`m.region_path <@ (SELECT path FROM region WHERE code = ${home})`)
      .where(sql<boolean>`o.region_path <@ (SELECT path FROM region WHERE code = ${home})`)
      .orderBy('m.id')
      .executeTakeFirstOrThrow();

    const before = {
      home: await figures(home),
      away: await figures(away),
      township: await figures(townshipCode),
    };
    // the indicator and the summary agree before the move (both by organisation)
    for (const f of Object.values(before)) expect(f.members).toBe(f.summary);
    expect(await records(home)).toContain(Number(m.id));

    // the county organiser moves the member into the other village's branch; they still live at home
    const moved = await call('POST', `/party/members/${m.id}/move`, county, {
      orgId: awayBranch.id,
      on: '2026-01-10',
    });
    expect(moved.statusCode, moved.body).toBe(204);
    const row = await t.db
      .selectFrom('party_member')
      .select(sql<boolean>`region_path <@ (SELECT path FROM region WHERE code = ${home})`.as('at_home'))
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(row.at_home).toBe(true);

    const after = {
      home: await figures(home),
      away: await figures(away),
      township: await figures(townshipCode),
    };
    expect(after.home.members).toBe(before.home.members! - 1);
    expect(after.away.members).toBe(before.away.members! + 1);
    // a move inside the township changes nothing there
    expect(after.township.members).toBe(before.township.members);
    for (const f of Object.values(after)) expect(f.members).toBe(f.summary);
    // members per grid: the organisation's members over the region's grids
    const ratio = (f: { members: number | null; grids: number }) =>
      Math.round((100 * f.members!) / f.grids) / 100;
    expect(after.home.perGrid).toBe(ratio(after.home));
    expect(after.away.perGrid).toBe(ratio(after.away));
    // the drill-down lists them under the branch's village, no longer under their home's
    expect(await records(away)).toContain(Number(m.id));
    expect(await records(home)).not.toContain(Number(m.id));
  });

  it('a member who transferred out leaves the branch’s roster of organisational life and the counts', async () => {
    const m = await t.db
      .selectFrom('party_member')
      .select(['id', 'org_id'])
      .where('county_code', '=', COUNTY)
      .where('left_on', 'is', null)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const roster = async () => {
      const r = await call('GET', `/org-life/org?orgId=${m.org_id}`, county);
      expect(r.statusCode, r.body).toBe(200);
      return (r.json().roster as { id: number }[]).map((x) => x.id);
    };
    expect(await roster()).toContain(Number(m.id));
    const countyMembers = async () =>
      (await call('GET', '/indicators/values?codes=party.members', county)).json().items[0].value as number;
    const before = await countyMembers();
    const out = await call('POST', `/party/members/${m.id}/transfer-out`, county, {
      on: '2026-02-15',
      to: '中共沈阳市某街道工委',
    });
    expect(out.statusCode, out.body).toBe(200);
    expect(await roster()).not.toContain(Number(m.id));
    expect(await countyMembers()).toBe(before - 1);
  });
});
