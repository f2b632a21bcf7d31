import { definePolicy, type Role } from '../accounts/index.js';

export const STATION_ABILITIES = {
  /** stations, their staff, activities and stock; the 500 m coverage of a scope */
  'stations.read': [
    'grid_worker',
    'village_staff',
    'township_centre',
    'county_centre',
    'party_organiser',
    'admin',
  ],
  /** add and edit stations, staff and volunteers, activities and stock */
  'stations.manage': ['village_staff', 'township_centre', 'county_centre'],
  /** book residents into activities and take attendance */
  'stations.book': ['grid_worker', 'village_staff', 'township_centre'],
  /** lend items, take them back, record them lost (village and station staff) */
  'stations.lend': ['village_staff', 'township_centre'],
  /** the list of households outside the circle, and the filtered loan list, as .xlsx (audited) */
  'stations.export': ['village_staff', 'township_centre', 'county_centre'],
  /** a resident's own loans and bookings */
  'stations.mine': ['resident'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(STATION_ABILITIES);
