import type { Role } from '../accounts/roles.js';

export const DEPARTMENT_ABILITIES = {
  /** add, rename, deactivate the county's bureaus and the townships' offices in scope */
  'departments.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;
