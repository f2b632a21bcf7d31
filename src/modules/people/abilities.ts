import { definePolicy, type Role } from '../accounts/index.js';

export const PEOPLE_ABILITIES = {
  'people.read': [
    'grid_worker',
    'village_staff',
    'township_centre',
    'county_centre',
    'party_organiser',
    'admin',
  ],
  'people.reveal': ['grid_worker', 'village_staff', 'township_centre', 'county_centre', 'admin'],
  /** 一户一档: create and edit households and residents, record births, moves, deaths, care tags */
  'people.edit': ['grid_worker', 'village_staff'],
  /** fold duplicate records of one person (same ID number) into one */
  'people.merge': ['village_staff', 'township_centre', 'county_centre'],
  /** Excel import and export of a village's or township's archive */
  'people.import': ['village_staff', 'township_centre'],
  'people.export': ['village_staff', 'township_centre', 'county_centre'],
  /** a village or community gives a household an invitation; handles its residents' corrections */
  'people.invite': ['village_staff'],
  'people.correct': ['village_staff'],
  /** a resident's own record (PIPL 查阅、复制、更正、删除) */
  'people.self': ['resident'],
  /** grid units (楼栋、单元、自然屯、村民小组) are added by those who keep the archive */
  'people.units': ['grid_worker', 'village_staff'],
  /** the complaint and suggestion channel about the platform (国办函〔2026〕12号): anyone signed in */
  'feedback.submit': [
    'resident',
    'grid_worker',
    'village_staff',
    'township_centre',
    'county_centre',
    'department_staff',
    'party_organiser',
    'admin',
  ],
  /** the county centre answers it */
  'feedback.answer': ['county_centre'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(PEOPLE_ABILITIES);
