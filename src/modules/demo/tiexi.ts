import type { DbOrTx } from '../../platform/db/database.js';
import { bulkInsert, reserveIds } from '../../platform/db/bulk.js';
import { maskIdNumber, type Pii } from '../../platform/crypto.js';
import { pathOf } from '../regions/index.js';
import { GIVEN_FEMALE, GIVEN_MALE, SURNAMES } from './names.js';
import { ARCHIVE_OPENED } from './people.js';
import { fakeIdNumber } from './population.js';

/**
 * 鞍山铁西区's party organisation on its grids (seed 004): "细化为23个二级网格、224个三级网格，在二级网格上
 * 设置网格党支部14个、党小组17个，确定党员中心户71户，并将654名党员全部纳入对应网格党组织".
 *
 * The territory has no level between the community and the grid, so a second-level grid is a run of
 * neighbouring third-level grids (the 224 in code order, cut in 23 runs) held by the organisation set
 * on it: 14 runs hold a grid party branch, 9 a party group, and 8 of the branches have a party group
 * under them as well (14 + 9 + 8 = 31 organisations; 14 branches, 17 groups). Each organisation sits
 * on the first grid of its run, under the party committee of that grid's community, under the
 * street's working committee, under the district committee. The 654 members live in the grids of
 * their run, one household each (the smallest population that holds them); 71 of those households
 * are party-member central households (党员中心户).
 */
export const TIEXI = {
  countyCode: '210303',
  secondLevelGrids: 23,
  thirdLevelGrids: 224,
  gridBranches: 14,
  gridGroups: 17,
  centralHouseholds: 71,
  members: 654,
} as const;

const ORG_COLUMNS = [
  { name: 'county_code', type: 'text' },
  { name: 'id', type: 'bigint' },
  { name: 'parent_id', type: 'bigint' },
  { name: 'kind', type: 'text' },
  { name: 'name', type: 'text' },
  { name: 'region_code', type: 'text' },
  { name: 'region_path', type: 'text', expr: '$::ltree' },
];

type Org = { id: number; kind: string; name: string; region: string; parent: number | null };

/** Loads the organisations, households, residents and members; returns how many of each. */
export async function loadTiexiParty(
  tx: DbOrTx,
  pii: Pii,
): Promise<{ orgs: number; households: number; members: number }> {
  const county = TIEXI.countyCode;
  const regions = await tx
    .selectFrom('region')
    .select(['code', 'name', 'level'])
    .where('county_code', '=', county)
    .orderBy('code')
    .execute();
  const grids = regions.filter((r) => r.level === 'grid');
  if (grids.length !== TIEXI.thirdLevelGrids) throw new Error(`铁西区: ${grids.length} grids, not 224`);
  const nameOf = new Map(regions.map((r) => [r.code, r.name]));
  const runs = Array.from({ length: TIEXI.secondLevelGrids }, (_, k) =>
    grids.slice(
      Math.floor((k * grids.length) / TIEXI.secondLevelGrids),
      Math.floor(((k + 1) * grids.length) / TIEXI.secondLevelGrids),
    ),
  );
  const lead = runs.map((run) => run[0]!.code);

  // the chain above the runs: district, the streets and the communities holding a run's first grid
  const upper = [
    county,
    ...new Set(lead.map((g) => g.slice(0, 9))),
    ...new Set(lead.map((g) => g.slice(0, 12))),
  ];
  const upperIds = await reserveIds(tx, 'party_org', upper.length + 31);
  const idOf = new Map(upper.map((code, i) => [code, upperIds[i]!]));
  const orgs: Org[] = upper.map((code) => {
    const name = nameOf.get(code) ?? code;
    if (code.length === 6)
      return {
        id: idOf.get(code)!,
        kind: 'county_committee',
        name: `中共鞍山市${name}委员会`,
        region: code,
        parent: null,
      };
    if (code.length === 9)
      return {
        id: idOf.get(code)!,
        kind: 'township_committee',
        name: `中共${name}工作委员会`,
        region: code,
        parent: idOf.get(county)!,
      };
    return {
      id: idOf.get(code)!,
      kind: 'community_committee',
      name: `中共${name}委员会`,
      region: code,
      parent: idOf.get(code.slice(0, 9))!,
    };
  });
  let next = upper.length;
  // the organisation holding each run (branch or group), then the 8 groups under branches
  const holder = runs.map((_, k) => {
    const branch = k < TIEXI.gridBranches;
    const org: Org = {
      id: upperIds[next++]!,
      kind: branch ? 'grid_branch' : 'grid_group',
      name: `第${k + 1}二级网格${branch ? '党支部' : '党小组'}`,
      region: lead[k]!,
      parent: idOf.get(lead[k]!.slice(0, 12))!,
    };
    orgs.push(org);
    return org;
  });
  const extraGroups = TIEXI.gridGroups - (TIEXI.secondLevelGrids - TIEXI.gridBranches);
  const orgsOfRun: Org[][] = holder.map((h) => [h]);
  for (let k = 0; k < extraGroups; k++) {
    const run = runs[k]!;
    const g: Org = {
      id: upperIds[next++]!,
      kind: 'grid_group',
      name: `第${k + 1}二级网格第1党小组`,
      region: run[Math.floor(run.length / 2)]!.code,
      parent: holder[k]!.id,
    };
    orgs.push(g);
    orgsOfRun[k]!.push(g);
  }
  await bulkInsert(
    tx,
    'party_org',
    ORG_COLUMNS,
    orgs.map((o) => [county, o.id, o.parent, o.kind, o.name, o.region, pathOf(o.region)]),
    { overridingSystemValue: true },
  );

  // 654 members over the 23 runs in proportion to their grids, each in one household of their run
  const n = TIEXI.members;
  const [hIds, rIds, mIds] = await Promise.all([
    reserveIds(tx, 'household', n),
    reserveIds(tx, 'resident', n),
    reserveIds(tx, 'party_member', n),
  ]);
  const households: unknown[][] = [];
  const residents: unknown[][] = [];
  const members: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const gi = Math.floor((i * grids.length) / n);
    const grid = grids[gi]!.code;
    const k = runs.findIndex((run) => run.some((g) => g.code === grid));
    const org = orgsOfRun[k]![i % orgsOfRun[k]!.length]!;
    const path = pathOf(grid);
    const female = i % 3 === 0;
    const given = female ? GIVEN_FEMALE : GIVEN_MALE;
    const name = `${SURNAMES[(i * 7) % SURNAMES.length]}${[...given][(i * 13) % [...given].length]}${[...given][(i * 5 + 3) % [...given].length]}`;
    const birth = `${1950 + (i % 45)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const idNumber = fakeIdNumber(county, birth, 2 * i + (female ? 0 : 1));
    const central =
      Math.floor(((i + 1) * TIEXI.centralHouseholds) / n) > Math.floor((i * TIEXI.centralHouseholds) / n);
    households.push([
      county,
      hIds[i],
      grid,
      path,
      `${nameOf.get(grid) ?? ''}${1 + (i % 40)}号楼${1 + (i % 6)}单元${101 + (i % 18)}室`,
    ]);
    residents.push([
      county,
      rIds[i],
      hIds[i],
      grid,
      path,
      name,
      female ? 'female' : 'male',
      birth,
      pii.encrypt(idNumber),
      pii.blindIndex('idNumber', idNumber),
      maskIdNumber(idNumber),
    ]);
    const joined = `${Math.min(2024, Number(birth.slice(0, 4)) + 25 + (i % 10))}-07-01`;
    members.push([county, mIds[i], rIds[i], org.id, joined, path, central]);
  }
  const text = (name: string) => ({ name, type: 'text' });
  const id = (name: string) => ({ name, type: 'bigint' });
  const at = { name: 'grid_path', type: 'text', expr: '$::ltree' };
  const since = { name: 'created_at', type: 'text', expr: "$::date::timestamp AT TIME ZONE 'Asia/Shanghai'" };
  await bulkInsert(
    tx,
    'household',
    [
      text('county_code'),
      id('id'),
      text('grid_code'),
      at,
      text('address'),
      { name: 'member_count', type: 'int' },
      since,
    ],
    households.map((h) => [...h, 1, ARCHIVE_OPENED]),
    { overridingSystemValue: true },
  );
  await bulkInsert(
    tx,
    'resident',
    [
      text('county_code'),
      id('id'),
      id('household_id'),
      text('grid_code'),
      at,
      text('name'),
      text('gender'),
      { name: 'birth_date', type: 'date' },
      text('relation'),
      { name: 'id_number_enc', type: 'bytea' },
      { name: 'id_number_hash', type: 'bytea' },
      text('id_number_masked'),
      { name: 'is_party_member', type: 'boolean' },
      since,
    ],
    residents.map((r) => [...r.slice(0, 8), 'head', ...r.slice(8), true, ARCHIVE_OPENED]),
    { overridingSystemValue: true },
  );
  await bulkInsert(
    tx,
    'party_member',
    [
      text('county_code'),
      { name: 'id', type: 'bigint' },
      { name: 'resident_id', type: 'bigint' },
      { name: 'org_id', type: 'bigint' },
      { name: 'joined_on', type: 'date' },
      { name: 'region_path', type: 'text', expr: '$::ltree' },
      { name: 'central_household', type: 'boolean' },
    ],
    members,
    { overridingSystemValue: true },
  );
  return { orgs: orgs.length, households: n, members: n };
}
