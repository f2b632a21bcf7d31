import { definePolicy, type Role } from '../accounts/index.js';

export const VISIT_ABILITIES = {
  'visits.record': ['grid_worker', 'village_staff'],
  'visits.read': ['grid_worker', 'village_staff', 'township_centre', 'county_centre', 'admin'],
  'visits.configure': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(VISIT_ABILITIES);
