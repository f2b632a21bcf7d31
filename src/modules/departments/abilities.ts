import { definePolicy, type Role } from '../accounts/index.js';

export const DEPARTMENT_ABILITIES = {
  /** add, rename, deactivate the county's bureaus and the townships' offices in scope */
  'departments.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(DEPARTMENT_ABILITIES);
