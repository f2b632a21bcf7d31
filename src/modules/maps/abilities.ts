import { definePolicy, type Role } from '../accounts/index.js';

export const MAP_ABILITIES = {
  /** the county's base map (which tiles; no personal data): everyone signed in draws maps */
  'maps.read': [
    'resident',
    'grid_worker',
    'village_staff',
    'township_centre',
    'county_centre',
    'department_staff',
    'party_organiser',
    'admin',
  ],
  /** choose the tiles and whether the public map of reports is published: the county's administrators */
  'maps.configure': ['admin'],
  /** cases clustered and as a heat map, places of grids: staff who see the cases of a territory */
  'maps.cases': [
    'grid_worker',
    'village_staff',
    'township_centre',
    'county_centre',
    'party_organiser',
    'admin',
  ],
  /** county-wide live events of reports and closures on the dashboard (the indicators' readers) */
  'maps.live': ['village_staff', 'township_centre', 'county_centre', 'party_organiser', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(MAP_ABILITIES);
