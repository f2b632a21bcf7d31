import type { Pii } from '../../platform/crypto.js';
import type { Tx } from '../../platform/db/database.js';

// SKELETON(helper): a county's default configuration of this module (inserted when missing).
export async function seedErrandConfig(_tx: Tx, _countyCode: string): Promise<void> {}

// SKELETON(helper): demo data of this module, after the demo's people and accounts are loaded.
export async function seedErrandDemo(_tx: Tx, _countyCode: string, _pii: Pii): Promise<void> {}
