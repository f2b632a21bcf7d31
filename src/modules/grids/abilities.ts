import { definePolicy, ROLES, type Role } from '../accounts/index.js';

export const GRID_ABILITIES = {
  'grids.locate': ROLES,
  'grids.import': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(GRID_ABILITIES);
