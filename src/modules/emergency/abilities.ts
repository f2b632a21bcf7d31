import { definePolicy, type Role } from '../accounts/index.js';

export const EMERGENCY_ABILITIES = {
  /** see the events over one's scope, their checks, map, teams and supplies */
  'emergency.read': ['grid_worker', 'village_staff', 'township_centre', 'county_centre', 'admin'],
  /** export an event's filtered check list (heads' names, masked addresses) to Excel, audited: the centres */
  'emergency.export': ['village_staff', 'township_centre', 'county_centre'],
  /** 应急: a county or township declares (and closes) an event over grids of its subtree */
  'emergency.declare': ['township_centre', 'county_centre'],
  /** check the vulnerable households of one's grid, ask for help, share one's location */
  'emergency.respond': ['grid_worker', 'village_staff'],
  /** keep the teams and the supplies' ledger of one's township or village */
  'emergency.resources': ['village_staff', 'township_centre', 'county_centre'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(EMERGENCY_ABILITIES);
