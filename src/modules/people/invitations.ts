import './errors.js'; // registers this module's codes (ADR 0005)
import { createHash, randomInt } from 'node:crypto';
import type { Db } from '../../platform/db/database.js';
import type { Pii } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { inSubtree } from '../../platform/db/ltree.js';
import { createResidentAccount, type Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import * as arch from './archive-repository.js';

type Ctx = { db: Db; pii: Pii; now: Date; requestId?: string };

/** No 0/O, 1/I/L: a code read aloud or typed from paper. 10 characters ≈ 50 bits. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const normaliseCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');
const hashCode = (code: string) => createHash('sha256').update(normaliseCode(code)).digest();
const newCode = () => {
  const c = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${c.slice(0, 5)}-${c.slice(5)}`;
};

/**
 * A village gives a household an invitation (the code is answered once; only its hash is kept).
 * It lets one member of the household make their own account, until it expires or is withdrawn.
 */
export async function issueInvitation(c: Ctx, actor: Actor, householdId: number, days: number) {
  return c.db.transaction().execute(async (tx) => {
    const h = await arch.lockHousehold(
      tx,
      { countyCode: actor.countyCode, path: actor.scopePath },
      householdId,
    );
    if (!h) throw new AppError('NOT_FOUND');
    const grid = await arch.gridOfCounty(tx, actor.countyCode, h.grid_code);
    const code = newCode();
    const expiresAt = new Date(c.now.getTime() + days * 86_400_000);
    const row = await tx
      .insertInto('household_invitation')
      .values({
        county_code: actor.countyCode,
        household_id: householdId,
        grid_path: grid!.path,
        code_hash: hashCode(code),
        issued_by: actor.accountId,
        issued_at: c.now,
        expires_at: expiresAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'invitation.issue',
      entityType: 'household',
      entityId: householdId,
      after: { invitationId: Number(row.id), days },
      requestId: c.requestId,
    });
    return { id: Number(row.id), code, expiresAt: expiresAt.toISOString() };
  });
}

export async function listInvitations(db: Db, actor: Actor, householdId: number, now: Date) {
  const visible = await db
    .selectFrom('household')
    .select('id')
    .where('county_code', '=', actor.countyCode)
    .where('id', '=', householdId)
    .where(inSubtree('grid_path', actor.scopePath))
    .executeTakeFirst();
  if (!visible) throw new AppError('NOT_FOUND');
  const rows = await db
    .selectFrom('household_invitation')
    .select(['id', 'issued_at', 'expires_at', 'withdrawn_at', 'used_at'])
    .where('county_code', '=', actor.countyCode)
    .where('household_id', '=', householdId)
    .where(inSubtree('grid_path', actor.scopePath))
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    issuedAt: r.issued_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    status: (r.used_at ? 'used' : r.withdrawn_at ? 'withdrawn' : r.expires_at <= now ? 'expired' : 'open') as
      'used' | 'withdrawn' | 'expired' | 'open',
  }));
}

export async function withdrawInvitation(c: Ctx, actor: Actor, id: number) {
  return c.db.transaction().execute(async (tx) => {
    const inv = await tx
      .selectFrom('household_invitation')
      .select(['id', 'household_id', 'used_at', 'withdrawn_at', 'expires_at'])
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', id)
      .where(inSubtree('grid_path', actor.scopePath))
      .forUpdate()
      .executeTakeFirst();
    if (!inv) throw new AppError('NOT_FOUND');
    if (inv.used_at || inv.withdrawn_at || inv.expires_at <= c.now) throw new AppError('INVITATION_CLOSED');
    await tx
      .updateTable('household_invitation')
      .set({ withdrawn_at: c.now })
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'invitation.withdraw',
      entityType: 'household',
      entityId: Number(inv.household_id),
      after: { invitationId: id },
      requestId: c.requestId,
    });
    return { id, status: 'withdrawn' as const };
  });
}

export type JoinInput = {
  code: string;
  idNumber: string;
  username: string;
  displayName: string;
  password: string;
};

/**
 * A resident makes their own account from an invitation: the code and their ID number (a present
 * member of that household, without an account yet). Single use: the invitation row is locked, so
 * of two tries at once one joins and the other is told it was used.
 */
export async function joinWithInvitation(c: Ctx, input: JoinInput) {
  return c.db.transaction().execute(async (tx) => {
    const inv = await tx
      .selectFrom('household_invitation')
      .selectAll()
      .where('code_hash', '=', hashCode(input.code))
      .forUpdate()
      .executeTakeFirst();
    if (!inv || inv.withdrawn_at) throw new AppError('INVITATION_INVALID');
    if (inv.used_at) throw new AppError('INVITATION_USED');
    if (inv.expires_at <= c.now) throw new AppError('INVITATION_EXPIRED');
    const member = await tx
      .selectFrom('resident')
      .select(['id', 'grid_code'])
      .where('county_code', '=', inv.county_code)
      .where('household_id', '=', inv.household_id)
      .where('id_number_hash', '=', c.pii.blindIndex('idNumber', input.idNumber))
      .where('status', '=', 'present')
      .executeTakeFirst();
    if (!member) throw new AppError('INVITATION_INVALID');
    const linked = await tx
      .selectFrom('resident_account')
      .select('account_id')
      .where('county_code', '=', inv.county_code)
      .where('resident_id', '=', member.id)
      .executeTakeFirst();
    if (linked) throw new AppError('RESIDENT_ALREADY_JOINED');
    const accountId = await createResidentAccount(tx, {
      username: input.username,
      displayName: input.displayName,
      password: input.password,
      gridCode: member.grid_code,
      countyCode: inv.county_code,
    });
    await tx
      .insertInto('resident_account')
      .values({
        county_code: inv.county_code,
        resident_id: member.id,
        account_id: accountId,
        linked_at: c.now,
      })
      .execute();
    await tx
      .updateTable('household_invitation')
      .set({ used_at: c.now, used_by: accountId })
      .where('county_code', '=', inv.county_code)
      .where('id', '=', inv.id)
      .execute();
    await recordAudit(tx, {
      actor: { accountId, role: 'resident' },
      countyCode: inv.county_code,
      action: 'invitation.join',
      entityType: 'resident',
      entityId: Number(member.id),
      after: { invitationId: Number(inv.id), accountId },
      requestId: c.requestId,
    });
    return { accountId };
  });
}
