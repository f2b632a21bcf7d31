import { definePolicy, type Role } from '../accounts/index.js';

export const MEETING_ABILITIES = {
  /** see the deliberation hall of one's scope: meetings, resolutions, major matters, counts */
  'meetings.read': [
    'grid_worker',
    'village_staff',
    'township_centre',
    'county_centre',
    'party_organiser',
    'admin',
  ],
  /** export the filtered meeting list to Excel (audited): the centres, party organisers, administrators */
  'meetings.export': ['village_staff', 'township_centre', 'county_centre', 'party_organiser', 'admin'],
  /** convene a meeting (village two committees, grid party organisations through the party organiser),
   * record its attendance and minutes, its resolutions and their follow-through */
  'meetings.convene': ['village_staff', 'party_organiser'],
  /** 四议两公开: the village's own two committees take a major matter through its six steps */
  'meetings.decide': ['village_staff'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(MEETING_ABILITIES);
