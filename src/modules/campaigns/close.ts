import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { runStep, type Workflow } from '../workflow/index.js';
import { mayClose } from './policy.js';
import type { CampaignDeps } from './context.js';
import * as repo from './repository.js';
import type { CampaignRow } from './repository.js';
import { listTargets, recordStep } from './target-repository.js';
import { toCounts, toTargetItem } from './view.js';
import './errors.js'; // registers this module's codes (ADR 0005)

type CloseInput = { reason?: string; version?: number };
type Result = {
  id: number;
  state: 'closed';
  version: number;
  counts: ReturnType<typeof toCounts>;
  missed: ReturnType<typeof toTargetItem>[];
};

async function openCount(tx: Tx, c: CampaignRow) {
  const r = await tx
    .selectFrom('campaign_target')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('county_code', '=', c.county_code)
    .where('campaign_id', '=', c.id)
    .where('state', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const closeWorkflow: Workflow<CampaignRow, 'close', CloseInput, Result, null> = {
  subject: 'campaign',
  versionConflict: 'CAMPAIGN_VERSION_CONFLICT',
  lock: (tx, actor, id) => repo.lockCampaign(tx, actor, id),
  stateOf: (c) => c.state,
  forbidden: ({ actor, row }) => (mayClose(actor, row) ? null : new AppError('FORBIDDEN')),
  async illegal({ tx, row, input }) {
    if (row.state !== 'running') return new AppError('CAMPAIGN_CLOSED');
    if (input.reason) return null;
    const open = await openCount(tx, row);
    return open > 0
      ? new AppError('CAMPAIGN_UNEXPLAINED_MISSES', { detail: `未完成 ${open} 个`, detailEn: `${open} open` })
      : null;
  },
  async apply({ tx, actor, row, input, now }) {
    // every target still open is missed: on the record, listed, explained by the launcher's reason
    const { numAffectedRows } = await sql`UPDATE campaign_target SET state = 'missed', version = version + 1
      WHERE county_code = ${row.county_code} AND campaign_id = ${row.id} AND state = 'open'`.execute(tx);
    const missed = Number(numAffectedRows ?? 0);
    const updated = await tx
      .updateTable('campaign')
      .set({
        state: 'closed',
        closed_at: now,
        closed_by: actor.accountId,
        close_reason: input.reason ?? null,
        missed_count: missed,
        version: row.version + 1,
        updated_at: now,
      })
      .where('county_code', '=', row.county_code)
      .where('id', '=', row.id)
      .returning('version')
      .executeTakeFirstOrThrow();
    const counts = await repo.countsOf(tx, row.county_code, [Number(row.id)], row.region_path);
    const list = await listTargets(
      tx,
      { countyCode: row.county_code, path: row.region_path },
      { campaignId: Number(row.id), state: 'missed', limit: 500, offset: 0 },
    );
    return {
      toState: 'closed',
      note: input.reason ?? null,
      extra: null,
      auditAfter: { missed },
      auditReason: input.reason ?? null,
      notice: null,
      result: {
        id: Number(row.id),
        state: 'closed',
        version: updated.version,
        counts: toCounts(counts.get(Number(row.id))),
        missed: list.items.map(toTargetItem),
      },
    };
  },
  log: (tx, s) =>
    recordStep(tx, {
      countyCode: s.row.county_code,
      campaignId: Number(s.row.id),
      targetId: null,
      at: s.at,
      action: s.action,
      from: s.fromState,
      to: s.toState,
      actor: s.actor,
      note: s.note,
    }),
};

/**
 * Closes a campaign through the workflow runner: 404 unless visible, 403 unless on the launcher's
 * side, 409 when closed already or when targets are still open and no reason is given ("none
 * missed" unless the launcher says why); the open targets become missed and are listed.
 */
export function closeCampaign(
  deps: CampaignDeps,
  actor: Actor,
  id: number,
  input: CloseInput,
  requestId: string,
) {
  return runStep(deps.db, closeWorkflow, actor, id, 'close', input, { now: deps.now(), requestId });
}
