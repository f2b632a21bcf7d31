import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, TEST_DEMO_PASSWORD, type TestApp } from '../../../test/helpers.js';
import { seedAccount } from '../accounts/index.js';

/** Seed 004: 鞍山铁西区's grid party organisation as the demo loads it. */
const TIEXI = '210303';
let t: TestApp;
let organiser: { authorization: string };

beforeAll(async () => {
  t = await createTestApp();
  await seedAccount(t.db, {
    username: 'tiexi-party',
    displayName: '铁西区委组织部',
    role: 'party_organiser',
    scopeCode: TIEXI,
    password: TEST_DEMO_PASSWORD,
  });
  organiser = await signIn(t.app, 'tiexi-party');
});
afterAll(() => t.close());

describe('鞍山铁西区 demo party organisation (seed 004)', () => {
  it('has 224 third-level grids in 23 second-level grids, 14 grid branches, 17 groups, 654 members, 71 central households', async () => {
    const q = <T>(query: ReturnType<typeof sql<T>>) => query.execute(t.db).then((r) => r.rows);
    const [grids] = await q(sql<{ n: number }>`
      SELECT count(*)::int AS n FROM region WHERE county_code = ${TIEXI} AND level = 'grid'`);
    expect(grids?.n).toBe(224);
    const kinds = await q(sql<{ kind: string; n: number }>`
      SELECT kind, count(*)::int AS n FROM party_org WHERE county_code = ${TIEXI} AND closed_on IS NULL
       GROUP BY kind ORDER BY kind`);
    const kind = (k: string) => kinds.find((r) => r.kind === k)?.n ?? 0;
    expect(kind('grid_branch')).toBe(14);
    expect(kind('grid_group')).toBe(17);
    expect(kind('county_committee')).toBe(1);
    // a second-level grid is held by a branch, or by a group that no branch stands over
    const [second] = await q(sql<{ n: number }>`
      SELECT count(*)::int AS n FROM party_org o JOIN party_org p ON p.county_code = o.county_code AND p.id = o.parent_id
       WHERE o.county_code = ${TIEXI} AND o.kind IN ('grid_branch', 'grid_group') AND p.kind <> 'grid_branch'`);
    expect(second?.n).toBe(23);
    const [m] = await q(sql<{
      members: number;
      central: number;
      households: number;
      residents: number;
      stray: number;
    }>`
      SELECT count(*)::int AS members,
             (count(*) FILTER (WHERE m.central_household))::int AS central,
             count(DISTINCT r.household_id)::int AS households,
             (count(*) FILTER (WHERE r.is_party_member AND r.grid_path @> m.region_path))::int AS residents,
             (count(*) FILTER (WHERE o.kind NOT IN ('grid_branch', 'grid_group')
                                  OR h.grid_code NOT LIKE ${`${TIEXI}%`}))::int AS stray
        FROM party_member m
        JOIN resident r ON r.county_code = m.county_code AND r.id = m.resident_id
        JOIN household h ON h.county_code = r.county_code AND h.id = r.household_id
        JOIN party_org o ON o.county_code = m.county_code AND o.id = m.org_id
       WHERE m.county_code = ${TIEXI} AND m.left_on IS NULL`);
    expect(m).toEqual({ members: 654, central: 71, households: 654, residents: 654, stray: 0 });
    // every one of the 31 member-holding organisations has members
    const [empty] = await q(sql<{ n: number }>`
      SELECT count(*)::int AS n FROM party_org o WHERE o.county_code = ${TIEXI} AND o.kind IN ('grid_branch', 'grid_group')
         AND NOT EXISTS (SELECT 1 FROM party_member m WHERE m.county_code = o.county_code AND m.org_id = o.id)`);
    expect(empty?.n).toBe(0);
  });

  it('reads the same figures from GET /party/summary for 210303', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/party/summary', headers: organiser });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      regionCode: TIEXI,
      regionName: '铁西区',
      countyCommittees: 1,
      gridBranches: 14,
      gridGroups: 17,
      members: 654,
      centralHouseholds: 71,
      grids: 224,
      gridsWithGroup: 31,
    });
  });
});
