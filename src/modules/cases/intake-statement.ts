import { sql } from 'kysely';
import { PREPARED, type DbOrTx } from '../../platform/db/database.js';
import { auditCte } from '../audit/index.js';
import { noticeCtes } from '../notify/index.js';
import type { CaseActor } from './policy.js';
import { TIER_ROLES } from './repository.js';
import type { Tier } from './states.js';

export type IntakeRow = {
  countyCode: string;
  source: string;
  categoryCode: string;
  categoryName: string;
  state: 'reported' | 'filed';
  tier: Tier;
  holderCode: string;
  urgency: string;
  description: string;
  address: string | null;
  lng: number | null;
  lat: number | null;
  gridCode: string;
  gridPath: string;
  attributes: unknown;
  actor: Pick<CaseActor, 'accountId' | 'role' | 'displayName'> | null;
  reporterName: string | null;
  contact: { enc: Buffer; hash: Buffer; masked: string } | null;
  due: { deadlineAt: Date | null; yellowAt: Date | null; redAt: Date | null };
  now: Date;
  /** the Beijing day of `now`, YYYYMMDD, for the case number */
  day: string;
  photoIds: string[];
  clientRequestId: string | null;
  requestId?: string;
};

/**
 * The whole intake write in one statement (so one round trip, atomic on its own): the case
 * row with its number, its first history row, the audit row, and for the grid's workers
 * and the holder's staff (not the reporter) an inbox row — which is also their live
 * event — and an outbox row. Written with data-modifying CTEs: they all run, once,
 * and all or none of them commit.
 */
export async function insertReportedCase(db: DbOrTx, r: IntakeRow): Promise<{ id: number; number: string }> {
  const actorId = r.actor?.accountId ?? null;
  // prepared once per connection: planning this statement costs about what running it does
  const { rows } = await sql<{ id: number; number: string }>`${PREPARED}
    WITH case_number AS (SELECT nextval('case_number_seq')::text AS n),
    new_case AS (
      INSERT INTO cases (county_code, number, source, category_code, state, tier, holder_code, urgency,
        description, address, lng, lat, grid_code, grid_path, attributes, reporter_account_id, reporter_name,
        reporter_contact_enc, reporter_contact_hash, reporter_contact_masked, deadline_at, yellow_at, red_at,
        tier_entered_at, reported_at, filed_at, updated_at, client_request_id)
      SELECT ${r.countyCode}, ${`${r.countyCode}-${r.day}-`} || lpad(n, greatest(6, length(n)), '0'),
        ${r.source}, ${r.categoryCode}, ${r.state}, ${r.tier}, ${r.holderCode}, ${r.urgency},
        ${r.description}, ${r.address}, ${r.lng}::float8, ${r.lat}::float8, ${r.gridCode}, ${r.gridPath}::ltree,
        ${JSON.stringify(r.attributes)}::jsonb, ${actorId}::bigint, ${r.reporterName}::text,
        ${r.contact?.enc ?? null}::bytea, ${r.contact?.hash ?? null}::bytea, ${r.contact?.masked ?? null}::text,
        ${r.due.deadlineAt}::timestamptz, ${r.due.yellowAt}::timestamptz, ${r.due.redAt}::timestamptz,
        ${r.now}, ${r.now}, ${r.state === 'filed' ? r.now : null}::timestamptz, ${r.now},
        ${r.clientRequestId}::uuid
      FROM case_number
      RETURNING id, number
    ),
    first_history AS (
      INSERT INTO case_history (county_code, case_id, at, action, from_state, to_state, tier, actor_account_id,
        actor_role, actor_name, department_id, note, photo_ids, deadline_at, on_time)
      SELECT ${r.countyCode}, new_case.id, ${r.now}, 'report', NULL, ${r.state}, ${r.tier}, ${actorId}::bigint,
        ${r.actor?.role ?? 'system'}, ${r.actor?.displayName ?? '系统'}, NULL, NULL, ${r.photoIds}::uuid[],
        ${r.due.deadlineAt}::timestamptz, ${r.due.deadlineAt ? r.now.getTime() <= r.due.deadlineAt.getTime() : null}::boolean
      FROM new_case
      RETURNING 1
    ),
    ${auditCte({
      actor: r.actor,
      countyCode: r.countyCode,
      action: 'case.report',
      entityType: 'case',
      entityId: sql`(SELECT id FROM new_case)`,
      before: null,
      after: { state: r.state, tier: r.tier, departmentId: null, photos: r.photoIds.length },
      requestId: r.requestId,
    })},
    ${noticeCtes({
      countyCode: r.countyCode,
      recipients: sql`SELECT DISTINCT a.id FROM account a
        WHERE a.disabled = false AND a.id IS DISTINCT FROM ${actorId}::bigint
          AND ((a.scope_code = ${r.gridCode} AND a.role = 'grid_worker')
            OR (a.scope_code = ${r.holderCode} AND a.role = ANY(${[...TIER_ROLES[r.tier]]}::text[])))`,
      caseId: sql`(SELECT id FROM new_case)`,
      kind: 'case.reported',
      title: sql`'新事件 ' || (SELECT number FROM new_case) || ${`：${r.categoryName}`}`,
      event: sql`jsonb_build_object('number', (SELECT number FROM new_case), 'state', ${r.state}::text)`,
    })}
    SELECT id, number FROM new_case`.execute(db);
  return rows[0]!;
}
