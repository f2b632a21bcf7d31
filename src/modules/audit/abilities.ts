import { definePolicy, type Role } from '../accounts/index.js';

export const AUDIT_ABILITIES = {
  'audit.read': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(AUDIT_ABILITIES);
