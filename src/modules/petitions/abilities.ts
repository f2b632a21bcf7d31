import { definePolicy, type Role } from '../accounts/index.js';

export const PETITION_ABILITIES = {
  /** the petition register and the windows board of one's scope */
  'petitions.read': ['village_staff', 'township_centre', 'county_centre'],
  /** receive a visitor at a window of the centre (信访超市) and record what became of the matter */
  'petitions.receive': ['township_centre', 'county_centre'],
  /** register a villager's matter on their behalf at the village convenience window (信访代理) */
  'petitions.agency': ['village_staff'],
  /** decide, answer, extend, review: the petition office's statutory steps */
  'petitions.handle': ['township_centre', 'county_centre'],
  /** the visitor's full name, ID number and phone (reason required, audited) */
  'petitions.reveal': ['village_staff', 'township_centre', 'county_centre'],
  /** the filtered register as Excel (issue 11), masked and audited */
  'petitions.export': ['village_staff', 'township_centre', 'county_centre'],
  /** the windows and their schedules */
  'petitions.windows': ['admin', 'county_centre'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(PETITION_ABILITIES);
