import { definePolicy, type Role } from '../accounts/index.js';

export const TEAM_ABILITIES = {
  'teams.read': [
    'grid_worker',
    'village_staff',
    'township_centre',
    'county_centre',
    'party_organiser',
    'admin',
  ],
  /** the filtered team list as .xlsx (audited as `team.export`) */
  'teams.export': ['village_staff', 'township_centre', 'county_centre', 'party_organiser'],
  /** add local groups, add and remove members: the village's own staff and the township above them */
  'teams.manage': ['village_staff', 'township_centre'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(TEAM_ABILITIES);
