import { definePolicy, type Role } from '../accounts/index.js';

/**
 * 基层请求、部门必应. Villages and townships raise whistles to county departments; a grid worker
 * raises an enterprise's need from its grid (its helping cadre may too, whatever their role: see
 * raise.ts). Departments answer or hand on; the county centre directs an escalated whistle.
 */
export const WHISTLE_ABILITIES = {
  'whistles.raise': ['grid_worker', 'village_staff', 'township_centre'],
  'whistles.read': [
    'grid_worker',
    'village_staff',
    'township_centre',
    'county_centre',
    'department_staff',
    'party_organiser',
    'admin',
  ],
  'whistles.answer': ['department_staff'],
  /** export the filtered whistle list to Excel (free text masked, audited) */
  'whistles.export': ['village_staff', 'township_centre', 'county_centre', 'admin'],
  'whistles.direct': ['county_centre'],
  /** the county sets each county department's answer limit (a county-level scope only: limit-routes.ts) */
  'whistles.limits': ['county_centre', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(WHISTLE_ABILITIES);
