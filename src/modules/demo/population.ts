import { hashSeed, mulberry32 } from '../grids/index.js';
import { GIVEN_FEMALE, GIVEN_MALE, SURNAMES } from './names.js';

/**
 * A deterministic synthetic population for the demo county: households and
 * residents per grid, care tags, grid workers and party members. Nothing here
 * is a real person: ID numbers carry a wrong check digit on purpose.
 */
export type DemoGrid = {
  code: string;
  gridName: string;
  kind: 'rural' | 'community';
  villageName: string;
  countyCode: string;
};

export type DemoResident = {
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  relation: 'head' | 'spouse' | 'child' | 'parent' | 'grandchild';
  idNumber: string;
  phone: string | null;
  careTags: string[];
  isPartyMember: boolean;
};

export type DemoHousehold = { address: string; careTags: string[]; members: DemoResident[] };

/** People per grid at scale 1: ≈300k residents over the county's 1,315 grids. */
export const PEOPLE_PER_SCALE = 300_000;
/** The reference date ages are computed against (the demo's "today"). */
export const REFERENCE_YEAR = 2026;

const ISO_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The GB 11643 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ISO_WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '0';
}

/** A visibly fake ID number: real shape, deliberately wrong check character. */
export function fakeIdNumber(countyCode: string, birth: string, seq: number): string {
  const first17 = `${countyCode}${birth.replaceAll('-', '')}${String(seq % 1000).padStart(3, '0')}`;
  const right = idCheckChar(first17);
  const wrong = CHECK_CHARS[(CHECK_CHARS.indexOf(right) + 1) % CHECK_CHARS.length] ?? '0';
  return first17 + wrong;
}

/**
 * The same number made unique across the county (one person, one record): on a clash the
 * sequence steps by two, which keeps its parity (the gender) — `taken` holds the first 17.
 */
export function uniqueFakeIdNumber(idNumber: string, taken: Set<string>): string {
  let first17 = idNumber.slice(0, 17);
  const seq = Number(first17.slice(14));
  for (let k = 1; taken.has(first17) && k < 500; k++)
    first17 = `${first17.slice(0, 14)}${String((seq + 2 * k) % 1000).padStart(3, '0')}`;
  taken.add(first17);
  if (first17 === idNumber.slice(0, 17)) return idNumber;
  return fakeIdNumber(
    first17.slice(0, 6),
    `${first17.slice(6, 10)}-${first17.slice(10, 12)}-${first17.slice(12, 14)}`,
    Number(first17.slice(14)),
  );
}

export function isValidIdNumber(id: string): boolean {
  return /^\d{17}[\dX]$/.test(id) && idCheckChar(id.slice(0, 17)) === id[17];
}

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
const chance = (rng: Rng, p: number) => rng() < p;
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

function birthDate(rng: Rng, age: number): string {
  const year = REFERENCE_YEAR - age;
  const month = int(rng, 1, 12);
  const day = int(rng, 1, 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function givenName(rng: Rng, gender: 'male' | 'female'): string {
  const chars = gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE;
  const one = chars[Math.floor(rng() * chars.length)] ?? '明';
  return chance(rng, 0.7) ? one + (chars[Math.floor(rng() * chars.length)] ?? '') : one;
}

function phone(rng: Rng): string {
  const prefix = pick(rng, [
    '130',
    '131',
    '132',
    '135',
    '136',
    '138',
    '139',
    '150',
    '151',
    '155',
    '158',
    '159',
    '177',
    '186',
    '187',
    '189',
  ]);
  return prefix + String(Math.floor(rng() * 1e8)).padStart(8, '0');
}

/** Number of people a grid holds at this scale (deterministic spread of ±35%). */
export function peopleInGrid(grid: DemoGrid, perGrid: number): number {
  const rng = mulberry32(hashSeed('people', grid.code));
  return Math.max(3, Math.round(perGrid * (0.65 + 0.7 * rng())));
}

/** The households of one grid. `perGrid` is the mean number of people per grid. */
export function generateGridHouseholds(grid: DemoGrid, perGrid: number): DemoHousehold[] {
  const rng = mulberry32(hashSeed('households', grid.code));
  const target = peopleInGrid(grid, perGrid);
  const rural = grid.kind === 'rural';
  const households: DemoHousehold[] = [];
  let people = 0;
  let seq = 0;
  for (let n = 1; people < target; n++) {
    const surname = pick(rng, SURNAMES);
    const members: DemoResident[] = [];
    const person = (
      relation: DemoResident['relation'],
      age: number,
      gender: 'male' | 'female',
      sn = surname,
    ): DemoResident => {
      const birth = birthDate(rng, age);
      seq += 2;
      return {
        name: sn + givenName(rng, gender),
        gender,
        birthDate: birth,
        relation,
        idNumber: fakeIdNumber(grid.countyCode, birth, gender === 'male' ? seq + 1 : seq),
        phone: age >= 16 && age <= 85 && chance(rng, 0.92) ? phone(rng) : null,
        careTags: age >= 60 ? ['pensioner-60'] : [],
        isPartyMember: age >= 18 && chance(rng, 0.055),
      };
    };
    const shape = rng();
    const headAge = int(rng, 25, 88);
    const headGender = chance(rng, 0.78) ? 'male' : 'female';
    members.push(person('head', headAge, headGender));
    const tags = new Set<string>();
    if (shape < 0.12 && headAge >= 65) {
      tags.add('elderly-alone'); // one old person living alone
      if (chance(rng, 0.03)) tags.add('bereaved-parent');
    } else {
      if (shape > 0.2)
        members.push(
          person(
            'spouse',
            Math.max(20, headAge + int(rng, -5, 3)),
            headGender === 'male' ? 'female' : 'male',
            pick(rng, SURNAMES),
          ),
        );
      const kids = headAge < 60 ? int(rng, 0, rural ? 3 : 2) : int(rng, 0, 1);
      for (let k = 0; k < kids; k++)
        members.push(
          person('child', Math.max(0, headAge - int(rng, 22, 34)), chance(rng, 0.5) ? 'male' : 'female'),
        );
      if (headAge < 55 && chance(rng, 0.25))
        members.push(person('parent', headAge + int(rng, 22, 30), chance(rng, 0.5) ? 'male' : 'female'));
      if (headAge >= 55 && chance(rng, rural ? 0.3 : 0.15)) {
        tags.add(rural && chance(rng, 0.5) ? 'left-behind-child' : 'family-with-grandchild');
        members.push(person('grandchild', int(rng, 3, 14), chance(rng, 0.5) ? 'male' : 'female'));
      }
    }
    tags.delete('family-with-grandchild');
    if (chance(rng, rural ? 0.04 : 0.02)) tags.add('poverty');
    if (chance(rng, rural ? 0.05 : 0.03)) tags.add('minimum-living');
    if (chance(rng, 0.05)) {
      tags.add('disabled');
      const m = members[int(rng, 0, members.length - 1)];
      m?.careTags.push('disabled');
    }
    const address = rural
      ? `${grid.villageName}${int(rng, 1, 12)}组${n}号`
      : `${grid.villageName}${Math.ceil(n / 24)}号楼${Math.ceil((((n - 1) % 24) + 1) / 8)}单元${String(((n - 1) % 8) + 1 + 100 * int(rng, 1, 6)).padStart(3, '0')}室`;
    households.push({ address, careTags: [...tags].sort(), members });
    people += members.length;
  }
  return households;
}

export const PART_TIME_DUTIES = {
  rural: ['central_household', 'party_member', 'volunteer'],
  community: ['building_head', 'unit_head', 'party_member', 'volunteer'],
} as const;
