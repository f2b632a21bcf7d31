import { definePolicy, type Role } from '../accounts/index.js';

export const ERRAND_ABILITIES = {
  'errands.request': ['resident'],
  'errands.read': [
    'grid_worker',
    'village_staff',
    'township_centre',
    'county_centre',
    'admin',
    // 在职党员: the micro-errands near home (repository.visibleTo)
    'in_service_member',
  ],
  /** county_centre: the county approval centre's tier of the 全程代办 relay */
  'errands.handle': ['grid_worker', 'village_staff', 'township_centre', 'county_centre', 'in_service_member'],
  /** a walk-in request at the village proxy point for a villager without a phone */
  'errands.register': ['village_staff'],
  /** export the filtered errand list to Excel (masked, audited) */
  'errands.export': ['village_staff', 'township_centre', 'county_centre', 'admin'],
  'errands.configure': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(ERRAND_ABILITIES);
