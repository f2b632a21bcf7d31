import type { z } from 'zod';
import type { Db, Tx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import { createOnce } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { awardPoints } from '../points/index.js';
import * as repo from './repository.js';
import { claimPhotos } from '../photos/index.js';
import type { RecordVisitBody } from './schemas.js';
import './errors.js'; // registers this module's codes (ADR 0005)

export type RecordInput = z.infer<typeof RecordVisitBody>;
type Deps = { db: Db; now: () => Date };

/** A phone's clock may run a little ahead; beyond this a time "in the future" is refused. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** A visit kept offline arrives later, but not months later (that is a wrong date). */
const OLDEST_MS = 90 * 86_400_000;

const scopeOf = (actor: Actor) => ({ countyCode: actor.countyCode, path: actor.scopePath });

/**
 * 入户走访: records a visit to a household in the caller's scope. In one
 * transaction: the visit, its photos, the household's last visit and next due
 * date, points for a part-time worker, the audit row. Resent with the same
 * clientRequestId it answers the visit already made (`replayed`).
 */
/** A resent request answers its visit; the same request id with another household is a client bug, refused. */
function replay(
  earlier: { id: number; household_id: number },
  input: RecordInput,
): { id: number; replayed: boolean } {
  if (earlier.household_id !== input.householdId) throw new AppError('VISIT_REQUEST_REUSED');
  return { id: earlier.id, replayed: true };
}

export async function recordVisit(
  deps: Deps,
  actor: Actor,
  input: RecordInput,
  requestId?: string,
): Promise<{ id: number; replayed: boolean }> {
  return createOnce({
    requestId: input.clientRequestId,
    find: (rid) => repo.findByClientRequest(deps.db, actor.countyCode, actor.accountId, rid),
    constraint: 'visit_client_request_idx',
    replay: (earlier) => replay(earlier, input),
    create: () => saveVisit(deps, actor, input, requestId),
  });
}

async function saveVisit(deps: Deps, actor: Actor, input: RecordInput, requestId?: string) {
  const now = deps.now();
  const visitedAt = new Date(input.visitedAt);
  if (visitedAt.getTime() > now.getTime() + CLOCK_SKEW_MS || visitedAt.getTime() < now.getTime() - OLDEST_MS)
    throw new AppError('VISIT_TIME_INVALID');
  const photoIds = [...new Set(input.photoIds)];
  const scope = scopeOf(actor);

  return deps.db.transaction().execute(async (tx) => {
    // the household's row lock orders two visits to it (last visit and due date stay consistent)
    const h = await repo.findHousehold(tx, scope, input.householdId, true);
    if (!h) throw new AppError('NOT_FOUND');
    if (input.caseId !== undefined && !(await repo.findCase(tx, scope, input.caseId)))
      throw new AppError('VISIT_CASE_NOT_FOUND');
    const id = await repo.insertVisit(tx, {
      countyCode: actor.countyCode,
      householdId: h.id,
      gridCode: h.grid_code,
      gridPath: h.grid_path,
      workerAccountId: actor.accountId,
      visitedAt,
      kind: input.kind,
      outcome: input.outcome,
      needs: [...new Set(input.needs)],
      notes: input.notes,
      lng: input.lng ?? null,
      lat: input.lat ?? null,
      caseId: input.caseId ?? null,
      clientRequestId: input.clientRequestId ?? null,
      receivedAt: now,
    });
    await claimPhotos(tx, actor.countyCode, { column: 'visit_id', id }, photoIds, actor.accountId);
    // nobody at home: the visit is on record, but the household has not been seen, so it stays due
    const after =
      input.outcome === 'not_home' ? h : await repo.markVisited(tx, actor.countyCode, h.id, visitedAt);
    // full-time workers are paid: awardPoints credits part-time workers only; a door nobody
    // opened is no visit to recognise; the day that counts (daily cap) is the day of the visit
    const award =
      input.outcome === 'not_home'
        ? null
        : await awardPoints(tx, {
            countyCode: actor.countyCode,
            workerAccountId: actor.accountId,
            rule: 'visit',
            refType: 'visit',
            refId: id,
            at: visitedAt,
          });
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'visit.record',
      entityType: 'visit',
      entityId: id,
      before: { householdId: h.id, lastVisitAt: h.last_visit_at?.toISOString() ?? null },
      after: {
        householdId: h.id,
        outcome: input.outcome,
        caseId: input.caseId ?? null,
        photos: photoIds.length,
        visitDueAt: after.visit_due_at?.toISOString() ?? null,
        points: award?.points ?? 0,
      },
      requestId,
    });
    return { id, replayed: false };
  });
}

/**
 * A case reported from a visit after the visit was saved (the worker tapped
 * "report a problem" on the doorstep): links the two. The same link again is a no-op.
 */
export async function linkCase(
  db: Db,
  actor: Actor,
  visitId: number,
  caseId: number,
  requestId?: string,
): Promise<void> {
  const scope = scopeOf(actor);
  await db.transaction().execute(async (tx: Tx) => {
    const visit = await tx
      .selectFrom('visit')
      .select(['id', 'case_id'])
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', visitId)
      .where(inSubtree('grid_path', scope.path))
      .forUpdate()
      .executeTakeFirst();
    if (!visit) throw new AppError('NOT_FOUND');
    if (!(await repo.findCase(tx, scope, caseId))) throw new AppError('VISIT_CASE_NOT_FOUND');
    if (visit.case_id === caseId) return;
    if (visit.case_id !== null) throw new AppError('VISIT_CASE_ALREADY_LINKED');
    await repo.setCase(tx, actor.countyCode, visitId, caseId);
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'visit.link_case',
      entityType: 'visit',
      entityId: visitId,
      after: { caseId },
      requestId,
    });
  });
}
