import { definePolicy, type Role } from '../accounts/index.js';

/**
 * 两新组织: the party organisers (两新工委, township party committees) keep the register and the
 * cadres assigned; the centres also keep the help ledger; an enterprise's need becomes a case
 * through the centres, who file cases at their tier (cases' source `enterprise`).
 */
export const ENTERPRISE_ABILITIES = {
  'enterprises.read': ['village_staff', 'township_centre', 'county_centre', 'party_organiser', 'admin'],
  /** the filtered list as Excel (issue 11): the centres and the organisers who keep the register */
  'enterprises.export': ['village_staff', 'township_centre', 'county_centre', 'party_organiser'],
  'enterprises.manage': ['party_organiser'],
  'enterprises.help': ['township_centre', 'county_centre', 'party_organiser'],
  'enterprises.raise_case': ['township_centre', 'county_centre'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(ENTERPRISE_ABILITIES);
