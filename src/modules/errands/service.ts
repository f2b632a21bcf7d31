import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { maskPhone } from '../../platform/crypto.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { createOnce } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { notify } from '../notify/index.js';
import { pathOf } from '../regions/index.js';
import { findServiceItem } from './items.js';
import type { ErrandRouteDeps } from './context.js';
import * as repo from './repository.js';
import './errors.js'; // registers this module's codes (ADR 0005)

export type ErrandDeps = Omit<ErrandRouteDeps, 'media'>;

export type CreateErrandInput = {
  serviceCode: string;
  detail: string;
  contactName?: string;
  contactPhone?: string;
  clientRequestId?: string;
};

/** The promise in working days: 0 is "the same working day" (马上办). */
export function errandDueAt(calendar: WorkCalendar, from: Date, promiseDays: number): Date {
  return calendar.addDuration(
    from,
    promiseDays === 0 ? { amount: 1, unit: 'sameday' } : { amount: promiseDays, unit: 'workday' },
  );
}

/** One step of an errand's life in the shared service history (same transaction as the change). */
export async function recordErrandStep(
  tx: DbOrTx,
  s: {
    countyCode: string;
    errandId: number;
    at: Date;
    action: string;
    from: string | null;
    to: string;
    actor: Pick<Actor, 'accountId' | 'displayName'> | null;
    note: string | null;
  },
): Promise<void> {
  await tx
    .insertInto('service_history')
    .values({
      county_code: s.countyCode,
      entity_type: 'errand',
      entity_id: s.errandId,
      at: s.at,
      action: s.action,
      from_status: s.from,
      to_status: s.to,
      actor_account_id: s.actor?.accountId ?? null,
      actor_name: s.actor?.displayName ?? null,
      note: s.note,
    })
    .execute();
}

/**
 * A resident asks for an errand or a proxy service. The grid is the resident's
 * own (their account's scope); the promised date counts working days from now.
 * The contact phone is stored encrypted with a masked copy for every answer.
 * A retry with the same clientRequestId answers the errand already made.
 */
export async function createErrand(deps: ErrandDeps, actor: Actor, input: CreateErrandInput) {
  const grid = await deps.db
    .selectFrom('region')
    .select(['code', 'level'])
    .where('code', '=', actor.scopeCode)
    .executeTakeFirst();
  if (!grid || grid.level !== 'grid') throw new AppError('ERRAND_NO_GRID');
  const item = await findServiceItem(deps.db, actor.countyCode, input.serviceCode);
  if (!item || !item.active) throw new AppError('SERVICE_ITEM_NOT_FOUND');
  const now = deps.now();
  const phone = input.contactPhone ?? null;
  return createOnce({
    requestId: input.clientRequestId,
    find: (rid) => repo.findByClientRequest(deps.db, actor.countyCode, actor.accountId, rid),
    constraint: 'errand_client_request_idx',
    // the same request id for another service is a client's mistake, not a retry
    replay: ({ service_code, ...earlier }) => {
      if (service_code !== item.code) throw new AppError('REQUEST_ID_REUSED');
      return { ...earlier, replayed: true };
    },
    create: () =>
      deps.db.transaction().execute(async (tx) => {
        const number = await repo.nextErrandNumber(tx, now);
        const row = await tx
          .insertInto('errand')
          .values({
            county_code: actor.countyCode,
            number,
            grid_code: grid.code,
            grid_path: pathOf(grid.code),
            service_code: item.code,
            detail: input.detail,
            requester_account_id: actor.accountId,
            contact_name: input.contactName ?? null,
            contact_phone_enc: phone ? deps.pii.encrypt(phone) : null,
            contact_phone_hash: phone ? deps.pii.blindIndex('phone', phone) : null,
            contact_phone_masked: phone ? maskPhone(phone) : null,
            status: 'requested',
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
          action: 'request',
          from: null,
          to: 'requested',
          actor,
          note: null,
        });
        const handlers = await repo.handlersOf(tx, actor.countyCode, grid.code);
        await notify(tx, {
          countyCode: actor.countyCode,
          accountIds: handlers.filter((id) => id !== actor.accountId),
          kind: 'errand.requested',
          about: { type: 'errand', id: row.id },
          title: `新代办 ${row.number}：${item.nameZh}`,
          event: { number: row.number, state: row.status },
        });
        return { ...row, replayed: false };
      }),
  });
}

/**
 * The full contact phone, for the assignee or the village's staff only (PIPL):
 * the reason is required and the view is audited in the same transaction.
 */
export async function revealErrandPhone(
  deps: ErrandDeps,
  actor: Actor,
  id: number,
  reason: string,
  requestId: string,
  mayReveal: (e: repo.ErrandRow) => boolean,
) {
  return deps.db.transaction().execute(async (tx) => {
    const e = await repo.findErrand(tx, actor, id, deps.now());
    if (!e) throw new AppError('NOT_FOUND');
    if (!mayReveal(e)) throw new AppError('FORBIDDEN');
    const row = await tx
      .selectFrom('errand')
      .select('contact_phone_enc')
      .where('county_code', '=', e.county_code)
      .where('id', '=', e.id)
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      actor,
      countyCode: e.county_code,
      action: 'errand.reveal_phone',
      entityType: 'errand',
      entityId: e.id,
      after: { fields: ['contactPhone'] },
      reason,
      requestId,
    });
    return { id: e.id, contactPhone: row.contact_phone_enc ? deps.pii.decrypt(row.contact_phone_enc) : null };
  });
}
