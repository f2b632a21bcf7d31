import { randomBytes } from 'node:crypto';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { hashPassword } from './password.js';
import * as repo from './repository.js';

/** The password rule of every account (schemas.ts): 10 to 200 characters. */
export const PASSWORD_MIN = 10;

/**
 * A resident's own account, made by the resident from an invitation (no administrator): the
 * `resident` role on their grid. The caller (people/invitations.ts) checks the invitation and
 * writes the audit row in the same transaction.
 */
export async function createResidentAccount(
  tx: Tx,
  a: { username: string; displayName: string; password: string; gridCode: string; countyCode: string },
): Promise<number> {
  const row = await repo.insertAccount(tx, {
    username: a.username.toLowerCase(),
    displayName: a.displayName,
    passwordHash: await hashPassword(a.password),
    role: 'resident',
    scopeCode: a.gridCode,
    countyCode: a.countyCode,
  });
  if (!row) throw new AppError('USERNAME_TAKEN');
  return Number(row.id);
}

/**
 * An in-service party member's own account (在职党员报到), made by the member at sign-up: the
 * `in_service_member` role on their home village or community, disabled until its staff approve
 * the registration (enableAccount). The caller writes the registration and the audit row.
 */
export async function createInServiceAccount(
  tx: Tx,
  a: {
    username: string;
    displayName: string;
    password: string;
    villageCode: string;
    countyCode: string;
    now: Date;
  },
): Promise<number> {
  const row = await repo.insertAccount(tx, {
    username: a.username.toLowerCase(),
    displayName: a.displayName,
    passwordHash: await hashPassword(a.password),
    role: 'in_service_member',
    scopeCode: a.villageCode,
    countyCode: a.countyCode,
  });
  if (!row) throw new AppError('USERNAME_TAKEN');
  await repo.updateAccount(tx, Number(row.id), { disabled: true }, a.now);
  return Number(row.id);
}

/** Opens (or keeps closed) an account that waited for approval; every instance forgets its sessions. */
export async function setAccountEnabled(
  tx: Tx,
  accountId: number,
  enabled: boolean,
  now: Date,
): Promise<void> {
  await repo.updateAccount(tx, accountId, { disabled: !enabled }, now);
}

/** The name a closed account and every copy of its name carry. */
export const CLOSED_ACCOUNT_NAME = '已注销用户';

/**
 * Closes an account for good (PIPL 删除): its sessions end, its name and username are replaced,
 * its password can never match, and it is disabled. The row stays only so that what the person
 * reported keeps its public record (the reports point at an account that no longer says who). Every
 * copy of the name in other rows (step logs, claims, contact names) is replaced in the same
 * transaction; answers how many rows of each table changed, for the caller's audit row.
 */
export async function closeAccount(tx: Tx, accountId: number, now: Date): Promise<Record<string, number>> {
  await repo.revokeAccountSessions(tx, accountId, now);
  const namesReplaced = await repo.forgetAccountName(tx, accountId, CLOSED_ACCOUNT_NAME);
  await repo.updateAccount(
    tx,
    accountId,
    {
      username: `closed-${accountId}-${randomBytes(3).toString('hex')}`,
      display_name: CLOSED_ACCOUNT_NAME,
      password_hash: '!closed',
      disabled: true,
    },
    now,
  );
  return namesReplaced;
}
