import { definePolicy, type Role } from '../accounts/index.js';

export const DISCLOSURE_ABILITIES = {
  'disclosures.read': [
    'resident',
    'grid_worker',
    'village_staff',
    'township_centre',
    'county_centre',
    'party_organiser',
    'admin',
  ],
  /** draft, publish, withdraw and answer questions: the village two committees */
  'disclosures.publish': ['village_staff'],
  /** the filtered list as Excel (issue 11): staff who read the villages' disclosures, not villagers */
  'disclosures.export': ['village_staff', 'township_centre', 'county_centre', 'party_organiser'],
  /** which villages are behind on §30's rhythm */
  'disclosures.monitor': ['township_centre', 'county_centre', 'party_organiser', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(DISCLOSURE_ABILITIES);
