import { definePolicy, type Role } from '../accounts/index.js';

export const CASE_ABILITIES = {
  'cases.configure': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(CASE_ABILITIES);
