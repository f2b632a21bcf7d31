import { definePolicy, type Role } from '../accounts/index.js';

export const POINTS_ABILITIES = {
  /** the roster of grid workers (full- and part-time) in scope */
  'workers.read': ['village_staff', 'township_centre', 'county_centre', 'party_organiser', 'admin'],
  'points.read': ['grid_worker', 'village_staff', 'township_centre', 'county_centre', 'admin'],
  /** the points ledger of the scope, every worker's entries (issue 11) */
  'points.ledger': ['village_staff', 'township_centre', 'county_centre', 'admin'],
  /** the filtered ledger as .xlsx (audited as `points.export`) */
  'points.export': ['village_staff', 'township_centre', 'county_centre'],
  /** recognise work by hand, or correct a balance, with a reason */
  'points.award': ['village_staff', 'township_centre'],
  'points.redeem': ['grid_worker'],
  /** stock goods and hand them over */
  'goods.manage': ['village_staff', 'township_centre'],
  'points.configure': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(POINTS_ABILITIES);
