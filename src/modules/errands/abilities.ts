import { definePolicy, type Role } from '../accounts/index.js';

export const ERRAND_ABILITIES = {
  'errands.request': ['resident'],
  'errands.read': ['grid_worker', 'village_staff', 'township_centre', 'county_centre', 'admin'],
  'errands.handle': ['grid_worker', 'village_staff', 'township_centre'],
  /** export the filtered errand list to Excel (masked, audited) */
  'errands.export': ['village_staff', 'township_centre', 'county_centre', 'admin'],
  'errands.configure': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(ERRAND_ABILITIES);
