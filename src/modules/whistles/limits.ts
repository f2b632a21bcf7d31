import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import type { WhistleDeps } from './context.js';
import { countyDepartment } from './repository.js';
import './errors.js'; // registers this module's codes (ADR 0005)

/** The default answer limit in working days of a department the county has set none for. */
export const DEFAULT_LIMIT = { days: 3, urgentDays: 1 } as const;

export type DepartmentLimit = { days: number; urgentDays: number };

/** A county department's own answer limit (working days), the default when the county set none. */
export async function limitOf(
  db: DbOrTx,
  countyCode: string,
  departmentId: number,
): Promise<DepartmentLimit> {
  const row = await db
    .selectFrom('whistle_limit')
    .select(['days', 'urgent_days'])
    .where('county_code', '=', countyCode)
    .where('department_id', '=', departmentId)
    .executeTakeFirst();
  return row ? { days: row.days, urgentDays: row.urgent_days } : { ...DEFAULT_LIMIT };
}

/** The working days a request has with its department: the department's own limit, urgent or not. */
export const daysFor = (limit: DepartmentLimit, urgent: boolean) => (urgent ? limit.urgentDays : limit.days);

/** Every active county department of a county with its limit (set or default). */
export async function listLimits(db: DbOrTx, countyCode: string) {
  const { rows } = await sql<{
    id: number;
    name: string;
    days: number | null;
    urgent_days: number | null;
    updated_at: Date | null;
  }>`SELECT d.id, d.name, l.days, l.urgent_days, l.updated_at
    FROM department d
    LEFT JOIN whistle_limit l ON l.county_code = d.county_code AND l.department_id = d.id
    WHERE d.county_code = ${countyCode} AND d.tier = 'county' AND d.active
    ORDER BY d.id`.execute(db);
  return rows.map((r) => ({
    departmentId: Number(r.id),
    departmentName: r.name,
    days: r.days ?? DEFAULT_LIMIT.days,
    urgentDays: r.urgent_days ?? DEFAULT_LIMIT.urgentDays,
    isDefault: r.days === null,
    updatedAt: r.updated_at?.toISOString() ?? null,
  }));
}

/**
 * The county sets a department's answer limit: an active county department of the caller's own
 * county (else 404), urgent ≤ normal (400). Upserted with the audit row (before → after) in one
 * transaction. Requests already raised keep the limit they were given; the next raise, direction or
 * reopening uses the new one.
 */
export async function setLimit(
  deps: Pick<WhistleDeps, 'db' | 'now'>,
  actor: Actor,
  departmentId: number,
  limit: DepartmentLimit,
  requestId?: string,
): Promise<DepartmentLimit> {
  if (limit.urgentDays > limit.days)
    throw new AppError('VALIDATION_FAILED', {
      detail: '紧急时限不能长于一般时限',
      detailEn: 'the urgent limit cannot be longer than the normal one',
    });
  return deps.db.transaction().execute(async (tx) => {
    const dept = await countyDepartment(tx, actor.countyCode, departmentId);
    if (!dept) throw new AppError('NOT_FOUND');
    const before = await limitOf(tx, actor.countyCode, departmentId);
    const now = deps.now();
    await tx
      .insertInto('whistle_limit')
      .values({
        county_code: actor.countyCode,
        department_id: departmentId,
        days: limit.days,
        urgent_days: limit.urgentDays,
        updated_by: actor.accountId,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['county_code', 'department_id']).doUpdateSet({
          days: limit.days,
          urgent_days: limit.urgentDays,
          updated_by: actor.accountId,
          updated_at: now,
        }),
      )
      .execute();
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'whistle_limit.set',
      entityType: 'whistle_limit',
      entityId: departmentId,
      before,
      after: limit,
      requestId,
    });
    return limit;
  });
}
