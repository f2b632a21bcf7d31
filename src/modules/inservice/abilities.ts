import { definePolicy, type Role } from '../accounts/index.js';

export const IN_SERVICE_ABILITIES = {
  /** approve or reject a registration (报到) with the community */
  'inservice.review': ['village_staff', 'township_centre'],
  /** the registrations and hours of the scope (a party organiser: also of the employer units in it) */
  'inservice.read': ['village_staff', 'township_centre', 'county_centre', 'party_organiser', 'admin'],
  /** the filtered registration list as .xlsx (phones masked; audited as `in_service_member.export`) */
  'inservice.export': ['village_staff', 'township_centre', 'county_centre', 'party_organiser'],
  /** one's own registration and hours */
  'inservice.self': ['in_service_member'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(IN_SERVICE_ABILITIES);
