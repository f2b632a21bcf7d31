import { definePolicy, type Role } from '../accounts/index.js';

/**
 * Who reads the kept case reports (the offices that read the indicators) and who has one made on
 * demand (the centres that issue them). Grid workers, residents and departments do not.
 */
export const REPORT_ABILITIES = {
  'reports.read': ['village_staff', 'township_centre', 'county_centre', 'party_organiser', 'admin'],
  'reports.generate': ['village_staff', 'township_centre', 'county_centre', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(REPORT_ABILITIES);
