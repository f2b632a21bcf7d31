import { definePolicy, type Role } from '../accounts/index.js';

const STAFF = ['village_staff', 'township_centre', 'county_centre', 'party_organiser', 'admin'] as const;

export const ORGLIFE_ABILITIES = {
  /** see 三会一课 and 主题党日 of the organisations in one's scope, and the rhythm board */
  'orglife.read': STAFF,
  /** record a meeting of organisational life with its attendance (the branch's village, party organisers) */
  'orglife.record': ['village_staff', 'party_organiser'],
  /** set the county's required rhythm per kind (county-scoped only) */
  'orglife.configure': ['party_organiser', 'admin'],
  /** the lesson catalogue, and an online lesson's media (in-service party members: their home community's) */
  'lessons.read': ['resident', 'in_service_member', 'grid_worker', ...STAFF],
  /** offer lessons in the catalogue and upload their media */
  'lessons.manage': ['party_organiser', 'admin'],
  /** a branch orders a lesson from the menu (点单) */
  'lessons.order': ['village_staff', 'party_organiser'],
  /** the county or township schedules and delivers ordered lessons (配送) */
  'lessons.deliver': ['township_centre', 'county_centre', 'party_organiser'],
  /**
   * watch an online lesson (云党课): staff, residents who are party members, and in-service party
   * members (在职党员, registered with the community where they live; the watch counts there)
   */
  'lessons.watch': [
    'resident',
    'in_service_member',
    'grid_worker',
    'village_staff',
    'township_centre',
    'county_centre',
    'party_organiser',
  ],
  /** orders and who watched, in one's scope */
  'lessons.follow': STAFF,
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(ORGLIFE_ABILITIES);
