import { z } from 'zod';

export const ROLES = [
  'resident',
  'grid_worker',
  'village_staff',
  'township_centre',
  'county_centre',
  'city_centre',
  'department_staff',
  'party_organiser',
  'admin',
  /** 在职党员: a party member working elsewhere, registered (报到) with the community they live in */
  'in_service_member',
] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  resident: { zh: '群众', en: 'Resident' },
  grid_worker: { zh: '网格员', en: 'Grid worker' },
  village_staff: { zh: '村(社区)两委', en: 'Village/community staff' },
  township_centre: { zh: '镇街指挥中心', en: 'Township centre' },
  county_centre: { zh: '县综治中心', en: 'County centre' },
  city_centre: { zh: '市级指挥中心', en: 'City centre' },
  department_staff: { zh: '职能部门', en: 'Department staff' },
  party_organiser: { zh: '党组织管理员', en: 'Party organiser' },
  admin: { zh: '系统管理员', en: 'Administrator' },
  in_service_member: { zh: '在职党员', en: 'In-service party member' },
};

/** The signed-in caller, attached to every authenticated request. */
export type Actor = {
  accountId: number;
  username: string;
  displayName: string;
  role: Role;
  scopeCode: string;
  /** ltree path of the scope node; the caller sees `path <@ scopePath` only. */
  scopePath: string;
  /**
   * The county of the scope; a city centre's is its city's 4-digit code, which keys no county's
   * rows, so county-keyed queries find nothing for it (docs/SECURITY.md, "The city role").
   */
  countyCode: string;
  sessionId: number;
};
