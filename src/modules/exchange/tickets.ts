import './errors.js';
import { createOnce } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import { inScope } from '../accounts/index.js';
import { reportCase } from '../cases/index.js';
import { pathOf } from '../regions/index.js';
import { recordSystemCall, requireOperation, type SystemCaller } from './caller.js';
import type { ExchangeDeps } from './context.js';

export type TicketInput = {
  externalRef: string;
  source: 'hotline' | 'petition';
  categoryCode: string;
  description: string;
  gridCode?: string;
  lng?: number;
  lat?: number;
  address?: string;
  urgency?: 'normal' | 'urgent' | 'emergency';
  reporterName?: string;
  reporterContact?: string;
};

async function existing(deps: ExchangeDeps, caller: SystemCaller, externalRef: string) {
  const r = await deps.db
    .selectFrom('case_external_ref as r')
    .innerJoin('cases as c', (j) =>
      j.onRef('c.county_code', '=', 'r.county_code').onRef('c.id', '=', 'r.case_id'),
    )
    .select(['c.id', 'c.number', 'c.state'])
    .where('r.county_code', '=', caller.countyCode)
    .where('r.system_account_id', '=', caller.id)
    .where('r.external_ref', '=', externalRef)
    .executeTakeFirst();
  return r ? { caseId: r.id, number: r.number, state: r.state } : null;
}

/**
 * Another system's ticket (a 12345 hotline call, a petition) becomes a case of the county, waiting
 * at its village to be filed like any report without an account. The system's own number is kept
 * (unique per system account): the same number again answers the case already made, never a second
 * one. A place outside the account's scope is not visible to it (404). When the case closes, its
 * answer goes back to the system's subscribers as `case.closed` with the external reference.
 */
export async function createTicket(
  deps: ExchangeDeps,
  caller: SystemCaller,
  input: TicketInput,
  requestId?: string,
): Promise<{ caseId: number; number: string; state: string; externalRef: string; replayed: boolean }> {
  requestOperation(caller);
  let gridCode = input.gridCode;
  if (input.lng !== undefined && input.lat !== undefined) {
    gridCode = (await deps.grids.locate(input.lng, input.lat)) ?? undefined;
    if (!gridCode) throw new AppError('NOT_FOUND');
  }
  if (!gridCode)
    throw new AppError('VALIDATION_FAILED', {
      detail: '须提供坐标或网格',
      detailEn: 'coordinates or a grid code are required',
    });
  if (!gridCode.startsWith(caller.countyCode) || !inScope(caller, pathOf(gridCode)))
    throw new AppError('NOT_FOUND');
  const now = deps.now();
  return createOnce({
    requestId: input.externalRef,
    find: (ref) => existing(deps, caller, ref),
    constraint: 'case_external_ref_pkey',
    replay: (earlier) => ({ ...earlier, externalRef: input.externalRef, replayed: true }),
    create: async () => {
      const made = await reportCase(
        deps,
        null,
        caller.countyCode,
        {
          source: input.source,
          categoryCode: input.categoryCode,
          description: input.description,
          ...(input.lng !== undefined && input.lat !== undefined
            ? { lng: input.lng, lat: input.lat }
            : { gridCode }),
          address: input.address,
          urgency: input.urgency,
          reporterName: input.reporterName,
          reporterContact: input.reporterContact,
        },
        requestId,
        async (tx, caseId) => {
          await tx
            .insertInto('case_external_ref')
            .values({
              county_code: caller.countyCode,
              system_account_id: caller.id,
              external_ref: input.externalRef,
              case_id: caseId,
            })
            .execute();
          await recordSystemCall(tx, caller, {
            action: 'exchange.ticket',
            entityType: 'case',
            entityId: caseId,
            after: { source: input.source, gridCode },
            requestId,
            now,
          });
        },
      );
      return {
        caseId: made.id,
        number: made.number,
        state: made.state,
        externalRef: input.externalRef,
        replayed: false as boolean,
      };
    },
  });
}

const requestOperation = (caller: SystemCaller) => requireOperation(caller, 'cases.create');
