import type { Tx } from '../../platform/db/database.js';
import { createOnce } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import { inScope, type Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { deadlineAt } from '../cases/index.js';
import { notify } from '../notify/index.js';
import type { DisputeDeps } from './context.js';
import './errors.js'; // registers this module's codes (ADR 0005)
import { holderAccounts, insertStep, nextDisputeNumber } from './repository.js';
import type { DisputeInput } from './schemas.js';

const notFound = (what: string, en: string) =>
  new AppError('NOT_FOUND', {
    detail: `${what}不存在或不在您的管辖范围内`,
    detailEn: `no such ${en} in your scope`,
  });

/** The grid a dispute belongs to: the one named, the household's, or a grid worker's own. */
async function gridOf(tx: Tx, actor: Actor, input: DisputeInput, village?: string) {
  let grid = input.gridCode;
  let householdId: number | null = null;
  if (input.householdId !== undefined) {
    const h = await tx
      .selectFrom('household')
      .select(['id', 'grid_code', 'grid_path'])
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', input.householdId)
      .executeTakeFirst();
    if (!h || !inScope(actor, h.grid_path)) throw notFound('户', 'household');
    if (grid !== undefined && grid !== h.grid_code) throw notFound('户', 'household');
    grid = h.grid_code;
    householdId = h.id;
  }
  if (grid === undefined && actor.scopeCode.length === 15) grid = actor.scopeCode;
  if (grid === undefined) throw new AppError('DISPUTE_GRID_REQUIRED');
  const g = await tx
    .selectFrom('region')
    .select(['code', 'path'])
    .where('code', '=', grid)
    .where('level', '=', 'grid')
    .where('county_code', '=', actor.countyCode)
    .executeTakeFirst();
  if (!g || !inScope(actor, g.path) || (village && !grid.startsWith(village))) throw notFound('网格', 'grid');
  return { gridCode: g.code, gridPath: g.path, householdId };
}

/**
 * Inserts one dispute held at the village with the same-day deadline (the three-tier rules of
 * cases/deadlines.ts), its parties (archive residents of the caller's scope, or outsiders with
 * their phone encrypted), the first step, the audit row and a notice to the village.
 */
export async function insertDispute(
  tx: Tx,
  deps: Pick<DisputeDeps, 'pii' | 'calendar'>,
  actor: Actor,
  input: DisputeInput,
  now: Date,
  opts: { screeningId?: number; village?: string; clientRequestId?: string; requestId?: string } = {},
) {
  const { gridCode, gridPath, householdId } = await gridOf(tx, actor, input, opts.village);
  let caseId: number | null = null;
  if (input.caseId !== undefined) {
    const c = await tx
      .selectFrom('cases')
      .select(['id', 'grid_path'])
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', input.caseId)
      .executeTakeFirst();
    if (!c || !inScope(actor, c.grid_path)) throw notFound('事件', 'case');
    caseId = c.id;
  }
  const village = gridCode.slice(0, 12);
  const due = deadlineAt(deps.calendar(actor.countyCode), {}, 'village', 'normal', now);
  const number = await nextDisputeNumber(tx, now);
  const row = await tx
    .insertInto('dispute')
    .values({
      county_code: actor.countyCode,
      number,
      grid_code: gridCode,
      grid_path: gridPath,
      household_id: householdId,
      screening_id: opts.screeningId ?? null,
      type: input.type,
      summary: input.summary,
      amount_yuan: input.amountYuan === undefined ? null : input.amountYuan.toFixed(2),
      risk_level: input.riskLevel,
      risk_signs: input.riskSigns,
      tier: 'village',
      holder_code: village,
      state: 'open',
      case_id: caseId,
      tier_entered_at: now,
      deadline_at: due.deadlineAt,
      reported_by: actor.accountId,
      client_request_id: opts.clientRequestId ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning(['id', 'number', 'state'])
    .executeTakeFirstOrThrow();
  for (const p of input.parties) {
    if ('residentId' in p) {
      const r = await tx
        .selectFrom('resident')
        .select(['id', 'name', 'grid_path'])
        .where('county_code', '=', actor.countyCode)
        .where('id', '=', p.residentId)
        .executeTakeFirst();
      if (!r || !inScope(actor, r.grid_path)) throw notFound('居民', 'resident');
      await tx
        .insertInto('dispute_party')
        .values({
          county_code: actor.countyCode,
          dispute_id: row.id,
          side: p.side,
          resident_id: r.id,
          name: r.name,
        })
        .execute();
    } else {
      await tx
        .insertInto('dispute_party')
        .values({
          county_code: actor.countyCode,
          dispute_id: row.id,
          side: p.side,
          name: p.name,
          phone_enc: p.phone ? deps.pii.encrypt(p.phone) : null,
          phone_masked: p.phone ? `${p.phone.slice(0, 3)}****${p.phone.slice(7)}` : null,
        })
        .execute();
    }
  }
  await insertStep(tx, {
    countyCode: actor.countyCode,
    disputeId: row.id,
    at: now,
    action: 'report',
    fromState: null,
    toState: 'open',
    tier: 'village',
    actorAccountId: actor.accountId,
    actorName: actor.displayName,
    note: null,
  });
  await recordAudit(tx, {
    actor,
    countyCode: actor.countyCode,
    action: 'dispute.report',
    entityType: 'dispute',
    entityId: row.id,
    before: null,
    after: { state: 'open', tier: 'village', riskLevel: input.riskLevel },
    requestId: opts.requestId,
  });
  await notify(tx, {
    countyCode: actor.countyCode,
    accountIds: (await holderAccounts(tx, village, ['village_staff'])).filter((id) => id !== actor.accountId),
    kind: 'dispute.report',
    about: { type: 'dispute', id: row.id },
    title: `新排查矛盾纠纷 ${row.number}，须当日化解或上报`,
    event: { number: row.number, state: 'open' },
  });
  return { id: row.id, number: row.number, state: 'open' as const };
}

/** One dispute from a household (or a grid), outside the daily screening; idempotent. */
export async function createDispute(
  deps: DisputeDeps,
  actor: Actor,
  input: DisputeInput & { clientRequestId?: string },
  requestId?: string,
) {
  const find = (rid: string) =>
    deps.db
      .selectFrom('dispute')
      .select(['id', 'number', 'state'])
      .where('county_code', '=', actor.countyCode)
      .where('reported_by', '=', actor.accountId)
      .where('client_request_id', '=', rid)
      .executeTakeFirst();
  return createOnce({
    requestId: input.clientRequestId,
    find,
    constraint: 'dispute_client_request_idx',
    replay: (earlier) => ({ ...earlier, state: earlier.state as 'open', replayed: true }),
    create: async () => {
      const now = deps.now();
      const made = await deps.db
        .transaction()
        .execute((tx) =>
          insertDispute(tx, deps, actor, input, now, { clientRequestId: input.clientRequestId, requestId }),
        );
      return { ...made, replayed: false };
    },
  });
}
