import type { z } from 'zod';
import { phoneColumns } from '../../platform/crypto.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import { createInServiceAccount, setAccountEnabled, type Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import type { InServiceDeps } from './context.js';
import * as repo from './repository.js';
import type { Registration, SignUpBody } from './schemas.js';
import './errors.js'; // registers this module's codes (ADR 0005)

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toRegistration(r: repo.RegistrationRow): z.infer<typeof Registration> {
  return {
    id: r.id,
    accountId: r.account_id,
    name: r.name,
    phone: r.phone_masked,
    homeCode: r.home_code,
    homeName: r.home_name,
    employerUnit: r.employer_unit,
    employerOrgId: r.employer_org_id,
    employerOrgName: r.employer_org_name,
    status: r.status as z.infer<typeof Registration>['status'],
    rejectReason: r.reject_reason,
    reviewedAt: iso(r.reviewed_at),
    createdAt: r.created_at.toISOString(),
    hours: Number(r.hours),
    wishes: r.wishes,
    duplicatePhone: r.duplicate_phone,
  };
}

/**
 * 报到: an in-service party member signs up with the community or village where they live. Their
 * account (role in_service_member, scoped to that village) stays disabled until the village's staff
 * approve. The phone is stored encrypted with a blind index and a masked copy (as people/ does); one
 * approved registration per phone in a county (checked on approval, not here). Audited in the same
 * transaction.
 */
export async function signUp(deps: InServiceDeps, input: z.infer<typeof SignUpBody>, requestId?: string) {
  const now = deps.now();
  return deps.db.transaction().execute(async (tx) => {
    const home = await tx
      .selectFrom('region')
      .select(['code', 'path', 'level', 'county_code'])
      .where('code', '=', input.homeCode)
      .executeTakeFirst();
    if (!home || home.level !== 'village' || !home.county_code) throw new AppError('IN_SERVICE_HOME_INVALID');
    const countyCode = home.county_code;
    if (input.employerOrgId !== undefined) {
      const org = await tx
        .selectFrom('party_org')
        .select('id')
        .where('county_code', '=', countyCode)
        .where('id', '=', input.employerOrgId)
        .executeTakeFirst();
      if (!org) throw new AppError('IN_SERVICE_EMPLOYER_INVALID');
    }
    // A phone already registered is not refused here: that answer would tell anyone whether a phone
    // belongs to a party member of the county. The staff see the duplicate when they review it.
    const phone = phoneColumns(deps.pii, input.phone);
    const accountId = await createInServiceAccount(tx, {
      username: input.username,
      displayName: input.displayName,
      password: input.password,
      villageCode: home.code,
      countyCode,
      now,
    });
    const row = await tx
      .insertInto('in_service_member')
      .values({
        county_code: countyCode,
        account_id: accountId,
        home_code: home.code,
        home_path: home.path,
        ...phone,
        employer_unit: input.employerUnit,
        employer_org_id: input.employerOrgId ?? null,
        status: 'pending',
        created_at: now,
      })
      .returning(['id', 'status'])
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      actor: { accountId, role: 'in_service_member' },
      countyCode,
      action: 'in_service.sign_up',
      entityType: 'in_service_member',
      entityId: row.id,
      after: { homeCode: home.code, employerOrgId: input.employerOrgId ?? null },
      requestId,
    });
    return { id: row.id, status: 'pending' as const };
  });
}

/**
 * The village's (or township's) staff approve or reject a registration in their scope: 404 out of
 * scope, 409 once reviewed. Approval opens the account; the audit row is in the same transaction.
 */
export async function reviewRegistration(
  deps: InServiceDeps,
  actor: Actor,
  id: number,
  decision: 'approve' | 'reject',
  body: { reason?: string; version?: number },
  requestId?: string,
) {
  if (decision === 'reject' && !body.reason) throw new AppError('REASON_REQUIRED');
  const now = deps.now();
  return deps.db.transaction().execute(async (tx) => {
    const m = await repo.lockVisible(tx, actor, id);
    if (!m) throw new AppError('NOT_FOUND');
    if (m.status !== 'pending') throw new AppError('IN_SERVICE_NOT_PENDING');
    const status = decision === 'approve' ? 'approved' : 'rejected';
    if (decision === 'approve' && (await repo.phoneApprovedElsewhere(tx, m))) {
      throw new AppError('IN_SERVICE_PHONE_TAKEN');
    }
    await tx
      .updateTable('in_service_member')
      .set({
        status,
        reject_reason: decision === 'reject' ? (body.reason ?? null) : null,
        reviewed_by: actor.accountId,
        reviewed_at: now,
        version: m.version + 1,
      })
      .where('county_code', '=', m.county_code)
      .where('id', '=', m.id)
      .execute()
      .catch((err: unknown) => {
        // two duplicates approved at the same moment: the second meets the index
        if (isUniqueViolation(err, 'in_service_member_phone_idx'))
          throw new AppError('IN_SERVICE_PHONE_TAKEN');
        throw err;
      });
    if (decision === 'approve') await setAccountEnabled(tx, m.account_id, true, now);
    await recordAudit(tx, {
      actor,
      countyCode: m.county_code,
      action: `in_service.${decision}`,
      entityType: 'in_service_member',
      entityId: m.id,
      before: { status: m.status },
      after: { status },
      reason: body.reason ?? null,
      requestId,
    });
    const row = await repo
      .selectRegistrations(tx)
      .where('m.county_code', '=', m.county_code)
      .where('m.id', '=', m.id)
      .executeTakeFirstOrThrow();
    return toRegistration(row);
  });
}

/**
 * Records the hours an in-service party member served on a wish they fulfilled (called by the wish
 * workflow's fulfil step, in its transaction). Answers false for an account that is no approved
 * in-service member (nothing recorded).
 */
export async function recordServiceHours(
  tx: DbOrTx,
  s: { countyCode: string; accountId: number; wishId: number; hours: number; at: Date },
): Promise<boolean> {
  const m = await tx
    .selectFrom('in_service_member')
    .select('id')
    .where('county_code', '=', s.countyCode)
    .where('account_id', '=', s.accountId)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  if (!m) return false;
  const servedOn = new Date(s.at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  await tx
    .insertInto('service_hours')
    .values({
      county_code: s.countyCode,
      member_id: m.id,
      wish_id: s.wishId,
      hours: String(s.hours),
      served_on: servedOn,
      recorded_at: s.at,
    })
    .onConflict((oc) =>
      oc.columns(['county_code', 'wish_id', 'member_id']).doUpdateSet({ hours: String(s.hours) }),
    )
    .execute();
  return true;
}
