import { definePolicy } from '../accounts/policy.js';
import type { Role } from '../accounts/roles.js';

export const CASE_ABILITIES = {
  'cases.configure': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(CASE_ABILITIES);
