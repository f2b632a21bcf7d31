import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

/**
 * The cadres' and enterprises' indicators (issue 11): rows added to one village move its figures
 * and its township's by exactly what was added, and leave another township's alone.
 */
const C = '211221';
let t: TestApp;
let county: { authorization: string };
let village: { code: string; path: string };
let grid: { code: string; path: string };
let otherTownship: string;

beforeAll(async () => {
  t = await createTestApp();
  county = await signIn(t.app, 'county');
  grid = await t.db
    .selectFrom('region')
    .select(['code', 'path'])
    .where('county_code', '=', C)
    .where('level', '=', 'grid')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  village = await t.db
    .selectFrom('region')
    .select(['code', 'path'])
    .where('code', '=', grid.code.slice(0, 12))
    .executeTakeFirstOrThrow();
  otherTownship = (
    await t.db
      .selectFrom('region')
      .select('code')
      .where('county_code', '=', C)
      .where('level', '=', 'township')
      .where('code', '<>', grid.code.slice(0, 9))
      .orderBy('code')
      .executeTakeFirstOrThrow()
  ).code;
});
afterAll(() => t.close());

const CODES = [
  'cadres.committee_members',
  'cadres.one_shoulder',
  'cadres.reserve',
  'cadres.first_secretaries',
  'cadres.trainings',
  'enterprises.registered',
  'enterprises.with_party_org',
  'enterprises.without_helper',
  'enterprises.visits',
  'enterprises.problems',
  'enterprises.problems_solved',
];

async function values(region: string): Promise<Record<string, number>> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/indicators/values?codes=${CODES.join(',')}&region=${region}&period=month`,
    headers: county,
  });
  expect(res.statusCode, res.body).toBe(200);
  return Object.fromEntries(
    res.json<{ items: { code: string; value: number }[] }>().items.map((i) => [i.code, i.value]),
  );
}

describe('cadre and enterprise indicators', () => {
  it('are in the catalogue with names, formulas and groups', async () => {
    const cat = (await t.app.inject({ method: 'GET', url: '/api/v1/indicators', headers: county })).json<{
      items: { code: string; group: string; nameZh: string; formulaEn: string }[];
    }>().items;
    for (const code of CODES) {
      const i = cat.find((x) => x.code === code);
      expect(i, code).toBeDefined();
      expect(i!.group).toBe(code.split('.')[0]);
      expect(i!.nameZh.length).toBeGreaterThan(0);
      expect(i!.formulaEn.length).toBeGreaterThan(0);
    }
  });

  it('count what was added to the village, at the village and its township, not elsewhere', async () => {
    const township = village.code.slice(0, 9);
    const before = {
      village: await values(village.code),
      township: await values(township),
      other: await values(otherTownship),
    };
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const cadre = (name: string, posts: string[], reserve = false) => ({
      county_code: C,
      region_code: village.code,
      region_path: village.path,
      name,
      gender: 'female',
      birth_year: 1985,
      education: 'bachelor',
      posts,
      reserve,
    });
    const [a, b] = await t.db
      .insertInto('cadre')
      .values([
        cadre('测试甲', ['secretary', 'director']),
        cadre('测试乙', ['member']),
        cadre('测试丙', [], true),
      ])
      .returning('id')
      .execute();
    await t.db
      .insertInto('first_secretary')
      .values([
        {
          county_code: C,
          cadre_id: a!.id,
          village_code: village.code,
          village_path: village.path,
          sending_unit: '县农业农村局',
          unit_kind: 'economic',
          started_on: '2026-01-01',
        },
        // ended last year: not in post
        {
          county_code: C,
          cadre_id: b!.id,
          village_code: village.code,
          village_path: village.path,
          sending_unit: '县司法局',
          unit_kind: 'legal',
          started_on: '2024-01-01',
          ended_on: '2025-01-01',
        },
      ])
      .execute();
    await t.db
      .insertInto('cadre_training')
      .values([
        { county_code: C, cadre_id: b!.id, title: '基层治理培训', held_on: today, hours: 8 },
        { county_code: C, cadre_id: b!.id, title: '去年的培训', held_on: '2025-03-01', hours: 4 },
      ])
      .execute();
    const [e1] = await t.db
      .insertInto('enterprise')
      .values([
        {
          county_code: C,
          grid_code: grid.code,
          grid_path: grid.path,
          kind: 'enterprise',
          name: '测试农机合作社',
          credit_code: '93211221MA0TE7T01X',
          address: '村东',
          size: 'micro',
          sector: '农业',
        },
        {
          county_code: C,
          grid_code: grid.code,
          grid_path: grid.path,
          kind: 'social_org',
          name: '测试志愿者协会',
          credit_code: '51211221MA0TE7T02Y',
          address: '村西',
          size: 'micro',
          sector: '公益',
        },
      ])
      .returning('id')
      .execute();
    await t.db
      .insertInto('enterprise_helper')
      .values({ county_code: C, enterprise_id: e1!.id, cadre_id: a!.id, started_on: '2026-01-01' })
      .execute();
    await t.db
      .insertInto('enterprise_help')
      .values([
        {
          county_code: C,
          enterprise_id: e1!.id,
          cadre_id: a!.id,
          kind: 'visit',
          happened_on: today,
          note: '走访',
          state: 'recorded',
        },
        {
          county_code: C,
          enterprise_id: e1!.id,
          cadre_id: a!.id,
          kind: 'problem',
          happened_on: today,
          note: '用电',
          state: 'solved',
          solution: '协调供电所',
          solved_on: today,
        },
      ])
      .execute();

    const added: Record<string, number> = {
      'cadres.committee_members': 2,
      'cadres.one_shoulder': 1,
      'cadres.reserve': 1,
      'cadres.first_secretaries': 1,
      'cadres.trainings': 1,
      'enterprises.registered': 2,
      'enterprises.with_party_org': 0,
      'enterprises.without_helper': 1,
      'enterprises.visits': 1,
      'enterprises.problems': 1,
      'enterprises.problems_solved': 1,
    };
    const after = {
      village: await values(village.code),
      township: await values(township),
      other: await values(otherTownship),
    };
    for (const code of CODES) {
      expect(after.village[code]! - before.village[code]!, code).toBe(added[code]);
      expect(after.township[code]! - before.township[code]!, code).toBe(added[code]);
      expect(after.other[code], code).toBe(before.other[code]);
    }
    const rec = await t.app.inject({
      method: 'GET',
      url: `/api/v1/indicators/records?code=cadres.reserve&region=${village.code}&period=month`,
      headers: county,
    });
    expect(rec.statusCode, rec.body).toBe(200);
    expect(rec.body).not.toContain('测试丙'); // a cadre is a register number, never a name
  });
});
