import type { DbOrTx } from '../../platform/db/database.js';
import { bulkInsert, reserveIds } from '../../platform/db/bulk.js';
import type { Pii } from '../../platform/crypto.js';
import { maskIdNumber, maskPhone } from '../../platform/crypto.js';
import { largestRemainder, shortVillageName } from '../grids/index.js';
import { pathOf } from '../regions/index.js';
import {
  generateGridHouseholds,
  uniqueFakeIdNumber,
  PART_TIME_DUTIES,
  PEOPLE_PER_SCALE,
  type DemoGrid,
  type DemoResident,
} from './population.js';

export type Progress = (stage: string, done: number, total: number) => void;

/** Part-time grid workers in the seed's ratios (000): 3,233 rural, 1,195 community for 1,159 + 156 grids. */
export const PART_TIME_PER_GRID = { rural: 3233 / 1159, community: 1195 / 156 };

type Counts = {
  households: number;
  residents: number;
  gridWorkers: number;
  partyMembers: number;
  partyOrgs: number;
};

/**
 * Loads households, residents, grid workers and the party organisation of one
 * county, grid by grid in batches, with reserved ids so no RETURNING is needed.
 */
/**
 * The population's ids drawn as blocks (`reserveIds`): only the demo load writes these tables while
 * it holds its lock, and in its first part it draws their ids one reservation after another.
 */
const BLOCK = { block: true };

export async function loadPeople(
  tx: DbOrTx,
  pii: Pii,
  countyCode: string,
  scale: number,
  progress: Progress,
): Promise<Counts> {
  const grids = await tx
    .selectFrom('region as g')
    .innerJoin('region as v', 'v.code', 'g.parent_code')
    .select(['g.code', 'g.name', 'g.kind', 'v.name as village_name'])
    .where('g.level', '=', 'grid')
    .where('g.county_code', '=', countyCode)
    .orderBy('g.code')
    .execute();
  const demoGrids: DemoGrid[] = grids.map((g) => ({
    code: g.code,
    kind: g.kind === 'community' ? 'community' : 'rural',
    villageName: shortVillageName(g.village_name),
    gridName: g.name,
    countyCode,
  }));
  const perGrid = (PEOPLE_PER_SCALE * scale) / Math.max(1, demoGrids.length);
  const counts: Counts = { households: 0, residents: 0, gridWorkers: 0, partyMembers: 0, partyOrgs: 0 };
  const partTime = partTimeQuota(demoGrids);
  const orgs = await loadPartyOrgs(tx, countyCode, demoGrids);
  counts.partyOrgs = orgs.total;

  // Every grid's households first (cheap, no cryptography), the ID numbers made unique in order, so
  // all ids are reserved in three round trips. Then batch by batch the rows are built (encryption and
  // blind index per resident: most of the CPU) while the batch before is being inserted: the
  // database works on one core while Node works on the other.
  const takenIds = new Set<string>(); // one person, one record: ID numbers unique across the county
  const generated = demoGrids.map((grid) => {
    const households = generateGridHouseholds(grid, perGrid);
    for (const h of households)
      for (const r of h.members) r.idNumber = uniqueFakeIdNumber(r.idNumber, takenIds);
    return { grid, households };
  });
  const all = generated.flatMap((g) => g.households);
  const hIds = await reserveIds(tx, 'household', all.length, BLOCK);
  const rIds = await reserveIds(
    tx,
    'resident',
    sumOf(all, (h) => h.members.length),
    BLOCK,
  );
  const mIds = await reserveIds(
    tx,
    'party_member',
    sumOf(all, (h) => h.members.filter((m) => m.isPartyMember).length),
    BLOCK,
  );
  const BATCH = 60;
  let hi = 0;
  let ri = 0;
  let mi = 0;
  let inserting: Promise<void> = Promise.resolve();
  for (let i = 0; i < generated.length; i += BATCH) {
    const hRows: unknown[][] = [];
    const rRows: unknown[][] = [];
    const workers: unknown[][] = [];
    const members: unknown[][] = [];
    const links: unknown[][] = [];
    for (const { grid, households } of generated.slice(i, i + BATCH)) {
      const gridPath = pathOf(grid.code);
      const gridResidents: Array<{ id: number; hid: number; r: DemoResident }> = [];
      const gridHouseholds: number[] = [];
      for (const h of households) {
        const hid = hIds[hi++] as number;
        gridHouseholds.push(hid);
        hRows.push([
          countyCode,
          hid,
          grid.code,
          gridPath,
          h.address,
          h.members.length,
          h.careTags.join(','),
          ARCHIVE_OPENED,
        ]);
        for (const r of h.members) {
          const id = rIds[ri++] as number;
          gridResidents.push({ id, hid, r });
          rRows.push(residentRow(pii, countyCode, id, hid, grid.code, gridPath, r));
        }
      }
      // one full-time worker (an adult of working age) and the part-time quota, ids in order of residence
      const adults = gridResidents.filter((x) => ageOf(x.r) >= 22 && ageOf(x.r) <= 60);
      const nPart = partTime.get(grid.code) ?? 0;
      const duties = PART_TIME_DUTIES[grid.kind];
      adults.slice(0, 1 + nPart).forEach((x, k) => {
        const duty = k === 0 ? 'grid_worker' : (duties[(k - 1) % duties.length] as string);
        workers.push([countyCode, grid.code, gridPath, x.id, k === 0 ? 'fullTime' : 'partTime', duty]);
      });
      const groupId = orgs.gridGroup.get(grid.code) as number;
      const partyMembers = gridResidents.filter((x) => x.r.isPartyMember);
      partyMembers.forEach((m, k) => {
        const memberId = mIds[mi++] as number;
        members.push([countyCode, memberId, m.id, groupId, gridPath]);
        // 党员联系户: each member is linked to up to 8 neighbouring households
        for (let j = 0; j < Math.min(8, gridHouseholds.length); j++) {
          links.push([countyCode, memberId, gridHouseholds[(k * 8 + j) % gridHouseholds.length]]);
        }
      });
      // let the batch before go on to its next statement
      await new Promise((resolve) => setImmediate(resolve));
    }
    await inserting;
    inserting = insertBatch(tx, hRows, rRows, workers, members, dedupe(links));
    inserting.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
    counts.households += hRows.length;
    counts.residents += rRows.length;
    counts.gridWorkers += workers.length;
    counts.partyMembers += members.length;
    progress('people', Math.min(i + BATCH, demoGrids.length), demoGrids.length);
  }
  await inserting;
  return counts;
}

function ageOf(r: DemoResident): number {
  return 2026 - Number(r.birthDate.slice(0, 4));
}

function partTimeQuota(grids: DemoGrid[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const kind of ['rural', 'community'] as const) {
    const these = grids.filter((g) => g.kind === kind);
    const total = Math.round(these.length * PART_TIME_PER_GRID[kind]);
    const n = largestRemainder(
      total,
      these.map(() => 1),
    );
    these.forEach((g, i) => out.set(g.code, n[i] ?? 0));
  }
  return out;
}

function residentRow(
  pii: Pii,
  county: string,
  id: number,
  hid: number,
  grid: string,
  path: string,
  r: DemoResident,
): unknown[] {
  return [
    county,
    id,
    hid,
    grid,
    path,
    r.name,
    r.gender,
    r.birthDate,
    r.relation,
    pii.encrypt(r.idNumber),
    pii.blindIndex('idNumber', r.idNumber),
    maskIdNumber(r.idNumber),
    r.phone ? pii.encrypt(r.phone) : null,
    r.phone ? pii.blindIndex('phone', r.phone) : null,
    r.phone ? maskPhone(r.phone) : null,
    r.careTags.join(','),
    r.isPartyMember,
    // in the archive since it was built, or since birth
    r.birthDate > ARCHIVE_OPENED ? r.birthDate : ARCHIVE_OPENED,
  ];
}

/** When the county built its household archive (一户一档): the demo records date from then, so the archive reads true on past dates. */
export const ARCHIVE_OPENED = '2019-07-01';

const TAGS = { name: 'care_tags', type: 'text', expr: "string_to_array(coalesce($, ''), ',')" };

function insertHouseholds(tx: DbOrTx, rows: unknown[][]) {
  return bulkInsert(
    tx,
    'household',
    [
      { name: 'county_code', type: 'text' },
      { name: 'id', type: 'bigint' },
      { name: 'grid_code', type: 'text' },
      { name: 'grid_path', type: 'text', expr: '$::ltree' },
      { name: 'address', type: 'text' },
      { name: 'member_count', type: 'int' },
      TAGS,
      { name: 'created_at', type: 'text', expr: "$::date::timestamp AT TIME ZONE 'Asia/Shanghai'" },
    ],
    rows,
    { overridingSystemValue: true },
  );
}

function insertResidents(tx: DbOrTx, rows: unknown[][]) {
  const text = (name: string) => ({ name, type: 'text' });
  const bytea = (name: string) => ({ name, type: 'bytea' });
  return bulkInsert(
    tx,
    'resident',
    [
      text('county_code'),
      { name: 'id', type: 'bigint' },
      { name: 'household_id', type: 'bigint' },
      text('grid_code'),
      { name: 'grid_path', type: 'text', expr: '$::ltree' },
      text('name'),
      text('gender'),
      { name: 'birth_date', type: 'date' },
      text('relation'),
      bytea('id_number_enc'),
      bytea('id_number_hash'),
      text('id_number_masked'),
      bytea('phone_enc'),
      bytea('phone_hash'),
      text('phone_masked'),
      TAGS,
      { name: 'is_party_member', type: 'boolean' },
      { name: 'created_at', type: 'text', expr: "$::date::timestamp AT TIME ZONE 'Asia/Shanghai'" },
    ],
    rows,
    { overridingSystemValue: true, chunk: 10_000 },
  );
}

function insertWorkers(tx: DbOrTx, rows: unknown[][]) {
  return bulkInsert(
    tx,
    'grid_worker',
    [
      { name: 'county_code', type: 'text' },
      { name: 'grid_code', type: 'text' },
      { name: 'grid_path', type: 'text', expr: '$::ltree' },
      { name: 'resident_id', type: 'bigint' },
      { name: 'employment', type: 'text' },
      { name: 'duty', type: 'text' },
    ],
    rows,
  );
}

async function insertBatch(
  tx: DbOrTx,
  households: unknown[][],
  residents: unknown[][],
  workers: unknown[][],
  members: unknown[][],
  links: unknown[][],
): Promise<void> {
  await insertHouseholds(tx, households);
  await insertResidents(tx, residents);
  await insertWorkers(tx, workers);
  await insertMembers(tx, members);
  await insertLinks(tx, links);
}

const sumOf = <T>(xs: T[], f: (x: T) => number) => xs.reduce((n, x) => n + f(x), 0);

async function insertMembers(tx: DbOrTx, rows: unknown[][]): Promise<void> {
  await bulkInsert(
    tx,
    'party_member',
    [
      { name: 'county_code', type: 'text' },
      { name: 'id', type: 'bigint' },
      { name: 'resident_id', type: 'bigint' },
      { name: 'org_id', type: 'bigint' },
      { name: 'region_path', type: 'text', expr: '$::ltree' },
    ],
    rows,
    { overridingSystemValue: true },
  );
}

function dedupe(rows: unknown[][]): unknown[][] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    // 党员联系户: one member per household (the first one linked to it)
    const k = `${r[2]}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function insertLinks(tx: DbOrTx, rows: unknown[][]) {
  return bulkInsert(
    tx,
    'party_member_household',
    [
      { name: 'county_code', type: 'text' },
      { name: 'member_id', type: 'bigint' },
      { name: 'household_id', type: 'bigint' },
    ],
    rows.map((r) => r.slice(0, 3)),
  );
}

/** County committee > township committees > village/community branches > grid party groups. */
async function loadPartyOrgs(tx: DbOrTx, countyCode: string, grids: DemoGrid[]) {
  const regions = await tx
    .selectFrom('region')
    .select(['code', 'name', 'level'])
    .where('county_code', '=', countyCode)
    .where('level', 'in', ['county', 'township', 'village'])
    .orderBy('code')
    .execute();
  const all = [
    ...regions.map((r) => ({ code: r.code, name: r.name, level: r.level })),
    ...grids.map((g) => ({ code: g.code, name: '', level: 'grid' })),
  ];
  const ids = await reserveIds(tx, 'party_org', all.length);
  const idOf = new Map(all.map((r, i) => [r.code, ids[i] as number]));
  const gridName = new Map(grids.map((g) => [g.code, `${g.gridName}党小组`]));
  const rows = all.map((r) => {
    const parent =
      r.level === 'county'
        ? null
        : (idOf.get(r.code.slice(0, r.level === 'township' ? 6 : r.level === 'village' ? 9 : 12)) ?? null);
    const [kind, name] =
      r.level === 'county'
        ? ['county_committee', `中共${r.name}委员会`]
        : r.level === 'township'
          ? [
              'township_committee',
              r.name.endsWith('街道') ? `中共${r.name}工作委员会` : `中共${r.name}委员会`,
            ]
          : r.level === 'village'
            ? ['branch', `中共${shortVillageName(r.name)}支部委员会`]
            : ['grid_group', gridName.get(r.code) ?? ''];
    return [countyCode, idOf.get(r.code), parent, kind, name, r.code, pathOf(r.code)];
  });
  await bulkInsert(
    tx,
    'party_org',
    [
      { name: 'county_code', type: 'text' },
      { name: 'id', type: 'bigint' },
      { name: 'parent_id', type: 'bigint' },
      { name: 'kind', type: 'text' },
      { name: 'name', type: 'text' },
      { name: 'region_code', type: 'text' },
      { name: 'region_path', type: 'text', expr: '$::ltree' },
    ],
    rows,
    { overridingSystemValue: true },
  );
  return { total: rows.length, gridGroup: new Map(grids.map((g) => [g.code, idOf.get(g.code) as number])) };
}
