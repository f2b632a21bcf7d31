import type { z } from 'zod';
import { createOnce } from '../../platform/db/idempotency.js';
import { inSubtree } from '../../platform/db/ltree.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { findServiceItem } from './items.js';
import { tierDeadline } from './relay.js';
import * as repo from './repository.js';
import type { WalkInBody } from './schemas.js';
import { errandDueAt, recordErrandStep, type ErrandDeps } from './service.js';
import './errors.js'; // registers this module's codes (ADR 0005)

/**
 * A walk-in at the village proxy point (全程代办, J13): village staff register a request for a
 * villager who has no phone. The villager is found in the household archive — a present resident of
 * a grid in the staff member's scope (another village's resident, a moved-out or merged record: 404).
 * The staff member is the requester and takes the item in at once (accepted, assignee); a relay item
 * starts its village tier. The resident's name is the contact; the step log and the audit row (ids
 * only) are written in the same transaction. A retry with the same clientRequestId answers the first.
 */
export async function registerWalkIn(
  deps: ErrandDeps,
  actor: Actor,
  input: z.infer<typeof WalkInBody>,
  requestId?: string,
) {
  const resident = await deps.db
    .selectFrom('resident')
    .select(['id', 'name', 'grid_code', 'grid_path'])
    .where('county_code', '=', actor.countyCode)
    .where('id', '=', input.residentId)
    .where('status', '=', 'present')
    .where(inSubtree('grid_path', actor.scopePath))
    .executeTakeFirst();
  if (!resident) throw new AppError('NOT_FOUND');
  const item = await findServiceItem(deps.db, actor.countyCode, input.serviceCode);
  if (!item || !item.active) throw new AppError('SERVICE_ITEM_NOT_FOUND');
  const now = deps.now();
  return createOnce({
    requestId: input.clientRequestId,
    find: (rid) => repo.findByClientRequest(deps.db, actor.countyCode, actor.accountId, rid),
    constraint: 'errand_client_request_idx',
    replay: ({ service_code, ...earlier }) => {
      if (service_code !== item.code) throw new AppError('REQUEST_ID_REUSED');
      return { ...earlier, replayed: true };
    },
    create: () =>
      deps.db.transaction().execute(async (tx) => {
        const number = await repo.nextErrandNumber(tx, now);
        const tier = tierDeadline(deps.calendar(actor.countyCode), now, 'accepted', item);
        const row = await tx
          .insertInto('errand')
          .values({
            county_code: actor.countyCode,
            number,
            grid_code: resident.grid_code,
            grid_path: resident.grid_path,
            service_code: item.code,
            detail: input.detail,
            requester_account_id: actor.accountId,
            contact_name: resident.name,
            status: 'accepted',
            assignee_account_id: actor.accountId,
            accepted_at: now,
            on_behalf_resident_id: resident.id,
            tier: tier?.tier ?? null,
            tier_since: tier ? now : null,
            tier_due_at: tier?.dueAt ?? null,
            due_at: errandDueAt(deps.calendar(actor.countyCode), now, item.promiseDays),
            client_request_id: input.clientRequestId ?? null,
            created_at: now,
            updated_at: now,
          })
          .returning(['id', 'number', 'status'])
          .executeTakeFirstOrThrow();
        await recordErrandStep(tx, {
          countyCode: actor.countyCode,
          errandId: row.id,
          at: now,
          action: 'walk_in',
          from: null,
          to: 'accepted',
          actor,
          note: '代办点代为登记（无手机群众）',
        });
        await recordAudit(tx, {
          actor,
          countyCode: actor.countyCode,
          action: 'errand.walk_in',
          entityType: 'errand',
          entityId: row.id,
          after: { residentId: resident.id, serviceCode: item.code, status: 'accepted' },
          requestId,
        });
        return { ...row, replayed: false };
      }),
  });
}
