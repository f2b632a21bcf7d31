import { definePolicy, type Role } from '../accounts/index.js';

export const CASE_ABILITIES = {
  'cases.configure': ['admin'],
  /** the reporter's full contact number (reason required, audited): staff who hold cases at a tier */
  'cases.reveal_contact': ['grid_worker', 'village_staff', 'township_centre', 'county_centre'],
  /** the filtered case list as Excel (masked, audited): the centres and offices that work the lists */
  'cases.export': ['village_staff', 'township_centre', 'county_centre', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(CASE_ABILITIES);
