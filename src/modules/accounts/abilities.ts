import { definePolicy } from './policy.js';
import type { Role } from './roles.js';

export const ACCOUNT_ABILITIES = {
  'accounts.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(ACCOUNT_ABILITIES);
