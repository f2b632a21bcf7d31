import { definePolicy, type Role } from '../accounts/index.js';

export const VISIT_ABILITIES = {
  'visits.record': ['grid_worker', 'village_staff'],
  'visits.read': ['grid_worker', 'village_staff', 'township_centre', 'county_centre', 'admin'],
  'visits.configure': ['admin'],
  /** export the filtered visit list (households' addresses, needs): the centres that keep the archive */
  'visits.export': ['village_staff', 'township_centre', 'county_centre'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(VISIT_ABILITIES);
