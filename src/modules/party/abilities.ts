import { definePolicy, type Role } from '../accounts/index.js';

/**
 * The party organisation: read by the centres, village staff and party organisers; kept by party
 * organisers (组织部 at the county, 党(工)委 at a township: `party_organiser` accounts scoped there);
 * 党员联系户 assigned by party organisers and village staff (the branch's two committees).
 */
export const PARTY_ABILITIES = {
  'party.read': ['village_staff', 'township_centre', 'county_centre', 'party_organiser', 'admin'],
  'party.manage': ['party_organiser'],
  'party.links': ['party_organiser', 'village_staff'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(PARTY_ABILITIES);
