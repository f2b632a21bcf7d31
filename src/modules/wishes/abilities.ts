import { definePolicy, type Role } from '../accounts/index.js';

export const WISH_ABILITIES = {
  'wishes.request': ['resident', 'grid_worker', 'village_staff'],
  'wishes.read': [
    'grid_worker',
    'village_staff',
    'township_centre',
    'county_centre',
    'department_staff',
    'party_organiser',
    'admin',
    'in_service_member',
  ],
  /** export the filtered wish list to Excel (masked, audited) */
  'wishes.export': ['village_staff', 'township_centre', 'county_centre', 'admin'],
  /** publish or reject a submitted wish, close a fulfilled one */
  'wishes.review': ['village_staff', 'township_centre'],
  /** party organisations, paired units, deputies, in-service members, cadres */
  'wishes.claim': [
    'village_staff',
    'township_centre',
    'county_centre',
    'department_staff',
    'party_organiser',
    // 在职党员 claim the wishes near home themselves (their scope is their home community)
    'in_service_member',
  ],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(WISH_ABILITIES);
