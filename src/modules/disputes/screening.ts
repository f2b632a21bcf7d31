import { createOnce } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import { inScope, type Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { pathOf } from '../regions/index.js';
import type { DisputeDeps } from './context.js';
import { insertDispute } from './create.js';
import './errors.js'; // registers this module's codes (ADR 0005)
import { beijingDay } from './repository.js';
import type { ScreeningBody } from './schemas.js';

type Made = { id: number; day: string; villageCode: string; found: number; disputeIds: number[] };

/**
 * 日排查、日报告: a village's screening of today — each dispute found becomes a dispute record,
 * or "nothing found today", which is a report too. One per village per day (a unique index);
 * a retry with the same clientRequestId answers the screening already filed (200).
 */
export async function fileScreening(
  deps: DisputeDeps,
  actor: Actor,
  input: ScreeningBody,
  requestId?: string,
) {
  if (input.nothingFound !== (input.disputes.length === 0)) throw new AppError('DISPUTE_SCREENING_EMPTY');
  const village = input.villageCode ?? actor.scopeCode.slice(0, 12);
  // a village staff's own village, or the village of a grid worker's grid
  const mine =
    village.length === 12 && (inScope(actor, pathOf(village)) || actor.scopeCode.startsWith(village));
  if (!mine) throw new AppError('NOT_FOUND');
  const find = async (rid: string) => {
    const s = await deps.db
      .selectFrom('dispute_screening')
      .select(['id', 'day', 'village_code', 'found'])
      .where('county_code', '=', actor.countyCode)
      .where('filed_by', '=', actor.accountId)
      .where('client_request_id', '=', rid)
      .executeTakeFirst();
    if (!s) return undefined;
    const ids = await deps.db
      .selectFrom('dispute')
      .select('id')
      .where('county_code', '=', actor.countyCode)
      .where('screening_id', '=', s.id)
      .orderBy('id')
      .execute();
    return {
      id: s.id,
      day: s.day,
      villageCode: s.village_code,
      found: s.found,
      disputeIds: ids.map((r) => r.id),
    };
  };
  return createOnce<Made, Made & { replayed: boolean }>({
    requestId: input.clientRequestId,
    find,
    constraint: 'dispute_screening_client_request_idx',
    replay: (earlier) => ({ ...earlier, replayed: true }),
    create: () => makeScreening(deps, actor, village, input, requestId),
  });
}

async function makeScreening(
  deps: DisputeDeps,
  actor: Actor,
  village: string,
  input: ScreeningBody,
  requestId?: string,
): Promise<Made & { replayed: boolean }> {
  const now = deps.now();
  const day = beijingDay(now);
  return deps.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('dispute_screening')
      .values({
        county_code: actor.countyCode,
        village_code: village,
        village_path: pathOf(village),
        day,
        nothing_found: input.nothingFound,
        found: input.disputes.length,
        note: input.note ?? null,
        filed_by: actor.accountId,
        client_request_id: input.clientRequestId ?? null,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['county_code', 'village_code', 'day']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new AppError('DISPUTE_SCREENING_EXISTS');
    const disputeIds: number[] = [];
    for (const d of input.disputes)
      disputeIds.push(
        (await insertDispute(tx, deps, actor, d, now, { screeningId: row.id, village, requestId })).id,
      );
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'dispute.screening',
      entityType: 'dispute_screening',
      entityId: row.id,
      before: null,
      after: { village, day, found: disputeIds.length },
      requestId,
    });
    return { id: row.id, day, villageCode: village, found: disputeIds.length, disputeIds, replayed: false };
  });
}
