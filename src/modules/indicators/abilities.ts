import { definePolicy, type Role } from '../accounts/index.js';

/**
 * Who reads the indicators: the centres and offices that assess the work of a territory.
 * Grid workers and residents do not (no one is ranked; 国办函〔2026〕12号), nor departments.
 */
export const INDICATOR_ABILITIES = {
  'indicators.read': ['village_staff', 'township_centre', 'county_centre', 'party_organiser', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(INDICATOR_ABILITIES);
