import type { DbOrTx } from '../../platform/db/database.js';
import { hashPassword } from './password.js';
import { insertAccount } from './repository.js';
import type { Role } from './roles.js';

/**
 * Creates an account for seeded data (the demo county) unless the username is
 * taken; returns its id, or undefined when it already existed.
 */
export async function seedAccount(
  tx: DbOrTx,
  a: {
    username: string;
    displayName: string;
    role: Role;
    scopeCode: string;
    password: string;
    /** the password's hash made already (the demo's accounts share one password: one argon2 run) */
    passwordHash?: string;
  },
): Promise<{ id: number } | undefined> {
  return insertAccount(tx, {
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    scopeCode: a.scopeCode,
    countyCode: a.scopeCode.slice(0, 6),
    passwordHash: a.passwordHash ?? (await hashPassword(a.password)),
  });
}
