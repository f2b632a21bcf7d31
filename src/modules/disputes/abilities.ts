import { definePolicy, type Role } from '../accounts/index.js';

const STAFF = [
  'grid_worker',
  'village_staff',
  'township_centre',
  'county_centre',
  'department_staff',
  'admin',
] as const satisfies readonly Role[];

export const DISPUTE_ABILITIES = {
  /** 日排查、日报告: the village's daily screening, a dispute from a household */
  'disputes.screen': ['grid_worker', 'village_staff'],
  /** see disputes, reports and the rhythm board of one's scope (departments: those they lead or assist) */
  'disputes.read': STAFF,
  /** export the filtered dispute list to Excel (masked, audited) */
  'disputes.export': ['village_staff', 'township_centre', 'county_centre', 'admin'],
  /** act on a dispute held at one's own tier (escalate, assign, settle, fail, follow up) */
  'disputes.handle': ['grid_worker', 'village_staff', 'township_centre', 'county_centre', 'department_staff'],
  /** issue the township's weekly and the county's monthly report */
  'disputes.report': ['township_centre', 'county_centre'],
  /** see the mediation places, mediators, record sheets and rewards of one's scope */
  'mediation.read': STAFF,
  /** keep the registry of mediation places and mediators */
  'mediation.manage': ['village_staff', 'township_centre', 'county_centre', 'admin'],
  /** write a mediation record sheet (评理记录表 / 调解笔录) */
  'mediation.record': [
    'grid_worker',
    'village_staff',
    'township_centre',
    'county_centre',
    'department_staff',
  ],
  /** award the township fund's rewards for settled petition-related disputes */
  'mediation.reward': ['township_centre'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(DISPUTE_ABILITIES);
