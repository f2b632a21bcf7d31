import { definePolicy, type Role } from '../accounts/index.js';

/**
 * Cadres are the organisation department's register: party organisers (组织部, township party
 * committees) keep it in their scope; the centres and village staff read it; the phone is
 * revealed only to those who keep it, with a reason.
 */
export const CADRE_ABILITIES = {
  'cadres.read': ['village_staff', 'township_centre', 'county_centre', 'party_organiser', 'admin'],
  /** the filtered list as Excel (issue 11): the centres and the organisers who keep the register */
  'cadres.export': ['village_staff', 'township_centre', 'county_centre', 'party_organiser'],
  'cadres.manage': ['party_organiser'],
  'cadres.reveal': ['party_organiser'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(CADRE_ABILITIES);
