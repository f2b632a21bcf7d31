import { definePolicy, type Role } from '../accounts/index.js';

export const REGION_ABILITIES = {
  'regions.read': [
    'grid_worker',
    'village_staff',
    'township_centre',
    'county_centre',
    'department_staff',
    'party_organiser',
    'admin',
  ],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(REGION_ABILITIES);
