import { definePolicy, type Role } from '../accounts/index.js';

export const PEOPLE_ABILITIES = {
  'people.read': [
    'grid_worker',
    'village_staff',
    'township_centre',
    'county_centre',
    'party_organiser',
    'admin',
  ],
  'people.reveal': ['grid_worker', 'village_staff', 'township_centre', 'county_centre', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(PEOPLE_ABILITIES);
