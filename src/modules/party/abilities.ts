import { definePolicy, type Role } from '../accounts/index.js';

export const PARTY_ABILITIES = {
  'party.read': ['village_staff', 'township_centre', 'county_centre', 'party_organiser', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(PARTY_ABILITIES);
