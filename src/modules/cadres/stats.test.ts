import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import { pathOf } from '../regions/index.js';
import { cadreStats } from './stats.js';

/**
 * The statistics on a fixed set, computed by hand. 元宝区 (210602) has territory but no demo
 * cadres, so the set below is all there is.
 */
const COUNTY = '210602';
let t: TestApp;
let villageA: string;
let villageB: string;
let community: string;

beforeAll(async () => {
  t = await createTestApp();
  const units = await t.db
    .selectFrom('region')
    .select(['code', 'kind'])
    .where('county_code', '=', COUNTY)
    .where('level', '=', 'village')
    .orderBy('code')
    .execute();
  const villages = units.filter((u) => u.kind === 'village').map((u) => u.code);
  villageA = villages[0]!;
  villageB = villages[1]!;
  community = units.find((u) => u.kind === 'community')!.code;
  const c = (
    region: string,
    name: string,
    birth: number,
    education: string,
    posts: string[],
    reserve = false,
  ) => ({
    county_code: COUNTY,
    region_code: region,
    region_path: pathOf(region),
    name,
    gender: 'male',
    birth_year: birth,
    education,
    posts,
    reserve,
  });
  const ids = await t.db
    .insertInto('cadre')
    .values([
      c(villageA, 'A书记', 1980, 'bachelor', ['secretary', 'director']), // 46 in 2026
      c(villageA, 'A委员', 1990, 'senior', ['member']), // 36
      c(villageA, 'A副书记', 1970, 'college', ['deputy_secretary']), // 56
      c(villageB, 'B书记', 1975, 'junior', ['secretary']), // 51
      c(villageB, 'B主任', 1985, 'college', ['director']), // 41
      c(community, 'C书记', 1982, 'postgraduate', ['secretary', 'director']), // 44
      c(villageA, 'A后备1', 1998, 'college', [], true),
      c(villageA, 'A后备2', 1999, 'senior', [], true),
      c(COUNTY, '派驻1', 1988, 'bachelor', []),
      c(COUNTY, '派驻2', 1990, 'bachelor', []),
    ])
    .returning('id')
    .execute();
  const id = (i: number) => ids[i]!.id;
  await t.db
    .insertInto('cadre_training')
    .values({ county_code: COUNTY, cadre_id: id(6), title: '后备干部培训', held_on: '2025-04-10', hours: 16 })
    .execute();
  const posting = (cadre: number, village: string, from: string, to: string | null) => ({
    county_code: COUNTY,
    cadre_id: cadre,
    village_code: village,
    village_path: pathOf(village),
    sending_unit: '区委组织部',
    unit_kind: 'party_government',
    started_on: from,
    ended_on: to,
  });
  await t.db
    .insertInto('first_secretary')
    .values([
      posting(id(8), villageB, '2024-01-01', '2025-12-31'),
      posting(id(9), villageA, '2025-06-01', null),
    ])
    .execute();
  await t.db
    .insertInto('cadre_mentor')
    .values({ county_code: COUNTY, mentor_id: id(0), mentee_id: id(3), started_on: '2025-03-01' })
    .execute();
});
afterAll(() => t.close());

describe('cadre statistics on a fixed set', () => {
  it('the county on 2026-01-01', async () => {
    const s = await cadreStats(t.db, { countyCode: COUNTY, path: pathOf(COUNTY) }, '2026-01-01');
    expect(s).toEqual({
      on: '2026-01-01',
      committeeMembers: 6,
      averageAge: 45.7, // (46 + 36 + 56 + 51 + 41 + 44) / 6 = 45.67
      college: { n: 4, of: 6, percent: 66.7 },
      oneShoulderVillages: { n: 1, of: 2, percent: 50 },
      oneShoulderCommunities: { n: 1, of: 1, percent: 100 },
      reserveCadres: 2,
      reserveTrained: 1,
      firstSecretaries: 1, // the first posting ended the day before
      mentorPairs: 1,
    });
  });

  it('first secretaries and mentors on an earlier date', async () => {
    const mid = await cadreStats(t.db, { countyCode: COUNTY, path: pathOf(COUNTY) }, '2025-07-01');
    expect(mid.firstSecretaries).toBe(2);
    expect(mid.averageAge).toBe(44.7); // a year younger
    const early = await cadreStats(t.db, { countyCode: COUNTY, path: pathOf(COUNTY) }, '2025-01-01');
    expect(early).toMatchObject({ firstSecretaries: 1, mentorPairs: 0 });
  });

  it('narrowed to village B', async () => {
    const s = await cadreStats(t.db, { countyCode: COUNTY, path: pathOf(villageB) }, '2025-07-01');
    expect(s).toMatchObject({
      committeeMembers: 2,
      averageAge: 45, // (50 + 40) / 2
      college: { n: 1, of: 2, percent: 50 },
      oneShoulderVillages: { n: 0, of: 1, percent: 0 },
      oneShoulderCommunities: { n: 0, of: 0, percent: null },
      reserveCadres: 0,
      firstSecretaries: 1,
      mentorPairs: 1, // its secretary is the mentee
    });
  });

  it('another county sees none of it', async () => {
    const s = await cadreStats(t.db, { countyCode: '211221', path: pathOf(villageA) }, '2026-01-01');
    expect(s).toMatchObject({ committeeMembers: 0, averageAge: null, reserveCadres: 0, firstSecretaries: 0 });
  });
});
