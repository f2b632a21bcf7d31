import { definePolicy, type Role } from '../accounts/index.js';

export const CALL_ABILITIES = {
  /** place a call: staff call down their subtree; field staff call their centre (rules in place.ts) */
  'calls.place': ['grid_worker', 'village_staff', 'township_centre', 'county_centre'],
  /** the call log of one's subtree (and one's own calls) */
  'calls.read': ['grid_worker', 'village_staff', 'township_centre', 'county_centre'],
  /** search the log by a party's phone: a reveal (reason, audit, 10 a minute); not grid workers */
  'calls.phone_search': ['village_staff', 'township_centre', 'county_centre'],
  /** the filtered call log as .xlsx (phones masked; audited as `call.export`) */
  'calls.export': ['village_staff', 'township_centre', 'county_centre'],
  /** how long a call rings before it counts as missed, per county */
  'calls.settings': ['county_centre', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(CALL_ABILITIES);
