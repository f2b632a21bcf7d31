import type { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import { createOnce } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { runStep, type Workflow } from '../workflow/index.js';
import './errors.js';
import { ITEM_KINDS, type ItemKind } from './kinds.js';
import { lockLoan, loanByRequest, recordLoanStep } from './loans-repository.js';
import { lockStation } from './repository.js';
import { accountsOf, residentInScope } from './residents.js';
import type { LendBody } from './schemas.js';
import { scopeOf } from './scope.js';

const DAY = 86_400_000;

/**
 * Lends one item of a kind to a resident of the caller's scope. The item is taken from stock by one
 * conditional UPDATE (`on_hand > 0`; the CHECK keeps 0 ≤ on_hand ≤ total): two staff lending the
 * last wheelchair at once get one loan and one 409 STOCK_OUT, never a negative stock. A retry with the
 * same `clientRequestId` answers the loan already made. Audited (`station_loan.lend`).
 */
export async function lendItem(
  db: Db,
  actor: Actor,
  b: z.infer<typeof LendBody>,
  o: { now: Date; requestId?: string },
) {
  return createOnce({
    requestId: b.clientRequestId,
    constraint: 'station_loan_request',
    find: (rid) => loanByRequest(db, actor.countyCode, actor.accountId, rid),
    replay: (e) => {
      if (
        Number(e.station_id) !== b.stationId ||
        e.item_kind !== b.itemKind ||
        Number(e.resident_id) !== b.residentId
      )
        throw new AppError('LOAN_REQUEST_REUSED');
      return Number(e.id);
    },
    create: () =>
      db.transaction().execute(async (tx) => {
        const st = await lockStation(tx, scopeOf(actor, actor.scopePath), b.stationId);
        if (!st) throw new AppError('NOT_FOUND');
        await residentInScope(tx, actor, b.residentId);
        const kept = await tx
          .selectFrom('station_stock')
          .select('on_hand')
          .where('county_code', '=', actor.countyCode)
          .where('station_id', '=', b.stationId)
          .where('item_kind', '=', b.itemKind)
          .executeTakeFirst();
        if (!kept) throw new AppError('STOCK_NOT_KEPT');
        const taken = await tx
          .updateTable('station_stock')
          .set((eb) => ({ on_hand: eb('on_hand', '-', 1) }))
          .where('county_code', '=', actor.countyCode)
          .where('station_id', '=', b.stationId)
          .where('item_kind', '=', b.itemKind)
          .where('on_hand', '>', 0)
          .returning('on_hand')
          .executeTakeFirst();
        if (!taken) throw new AppError('STOCK_OUT');
        const { id } = await tx
          .insertInto('station_loan')
          .values({
            county_code: actor.countyCode,
            station_id: b.stationId,
            region_path: st.region_path,
            item_kind: b.itemKind,
            resident_id: b.residentId,
            lent_at: o.now,
            due_at: new Date(o.now.getTime() + b.days * DAY),
            lent_by: actor.accountId,
            note: b.note ?? null,
            client_request_id: b.clientRequestId ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(tx, {
          actor,
          countyCode: actor.countyCode,
          action: 'station_loan.lend',
          entityType: 'station_loan',
          entityId: id,
          after: { stationId: b.stationId, itemKind: b.itemKind, residentId: b.residentId, days: b.days },
          requestId: o.requestId,
        });
        return Number(id);
      }),
  });
}

export type LoanAction = 'return' | 'lose';
type LoanInput = { version?: number; note?: string };
type LoanRow = NonNullable<Awaited<ReturnType<typeof lockLoan>>>;
type Result = { id: number; state: string; version: number; returnedLate: boolean | null };

const loanWorkflow: Workflow<LoanRow, LoanAction, LoanInput, Result, null> = {
  subject: 'station_loan',
  versionConflict: 'LOAN_VERSION_CONFLICT',
  lock: (tx, actor, id) => lockLoan(tx, scopeOf(actor, actor.scopePath), id),
  stateOf: (l) => l.state,
  // who may: the route's ability (village and station staff of the station's area); nothing more per row
  forbidden: () => null,
  illegal: ({ row }) => (row.state === 'lent' ? null : new AppError('LOAN_NOT_LENT')),
  async apply({ tx, row, action, input, now }) {
    const late = action === 'return' ? now.getTime() > row.due_at.getTime() : null;
    const to = action === 'return' ? 'returned' : 'lost';
    const updated = await tx
      .updateTable('station_loan')
      .set({
        state: to,
        returned_at: action === 'return' ? now : null,
        lost_at: action === 'lose' ? now : null,
        returned_late: late,
        version: row.version + 1,
      })
      .where('county_code', '=', row.county_code)
      .where('id', '=', row.id)
      .returning(['id', 'state', 'version', 'returned_late'])
      .executeTakeFirstOrThrow();
    // a return puts the item back on the shelf; a lost item leaves the stock for good
    await tx
      .updateTable('station_stock')
      .set((eb) =>
        action === 'return' ? { on_hand: eb('on_hand', '+', 1) } : { total: eb('total', '-', 1) },
      )
      .where('county_code', '=', row.county_code)
      .where('station_id', '=', row.station_id)
      .where('item_kind', '=', row.item_kind)
      .execute();
    const item = ITEM_KINDS[row.item_kind as ItemKind]?.[0] ?? row.item_kind;
    return {
      toState: to,
      note: input.note ?? null,
      extra: null,
      auditAfter: { itemKind: row.item_kind, ...(late !== null ? { late } : {}) },
      notice: {
        accountIds: await accountsOf(tx, row.county_code, Number(row.resident_id)),
        kind: `station_loan.${action}`,
        about: { type: 'station_loan', id: row.id },
        title:
          action === 'return'
            ? `借用的${item}已归还${late ? '（逾期归还，已记录）' : ''}`
            : `借用的${item}已登记遗失`,
      },
      result: {
        id: updated.id,
        state: updated.state,
        version: updated.version,
        returnedLate: updated.returned_late,
      },
    };
  },
  log: (tx, s) =>
    recordLoanStep(tx, {
      countyCode: s.row.county_code,
      loanId: s.row.id,
      action: s.action,
      from: s.fromState,
      to: s.toState,
      actorId: s.actor.accountId,
      note: s.note,
      at: s.at,
    }),
};

/**
 * Takes an item back (`return`; a return after the due time is recorded as late) or records it lost
 * (`lose`; the stock's total drops by one) through the workflow runner: 404 unless the loan's station
 * lies in the caller's scope, 409 unless it is still out or on a stale version; step log, audit
 * and the villager's notice in the same transaction.
 */
export function actOnLoan(
  db: Db,
  actor: Actor,
  id: number,
  action: LoanAction,
  input: LoanInput,
  o: { now: Date; requestId?: string },
) {
  return runStep(db, loanWorkflow, actor, id, action, input, o);
}
