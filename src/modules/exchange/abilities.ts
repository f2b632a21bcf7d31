import { definePolicy, type Role } from '../accounts/index.js';

export const EXCHANGE_ABILITIES = {
  /** system accounts, their keys and subscribers, the dead-letter list, open-data publication */
  'exchange.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(EXCHANGE_ABILITIES);
