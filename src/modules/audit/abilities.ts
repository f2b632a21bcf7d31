import { definePolicy } from '../accounts/policy.js';
import type { Role } from '../accounts/roles.js';

export const AUDIT_ABILITIES = {
  'audit.read': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(AUDIT_ABILITIES);
