import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import { createOnce } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { moveHouseholdIn } from '../people/index.js';
import { claimPhotos } from '../photos/index.js';
import { runStep, type Applied, type Workflow } from '../workflow/index.js';
import { can } from './abilities.js';
import { checkAnswers } from './checklist.js';
import type { CampaignDeps } from './context.js';
import type { TargetAction, TargetActionInput } from './schemas.js';
import * as repo from './target-repository.js';
import './errors.js'; // registers this module's codes (ADR 0005)

type TargetState = 'open' | 'done' | 'not_applicable' | 'missed';
type Result = { id: number; state: TargetState; gridCode: string; version: number; replayed: boolean };
type Row = repo.TargetRow;

/** A phone's clock may run a little ahead; a report kept offline arrives later, not before the start. */
const CLOCK_SKEW_MS = 5 * 60_000;

function doneAtOf(row: Row, input: { doneAt?: string }, now: Date): Date {
  const at = input.doneAt ? new Date(input.doneAt) : now;
  const start = new Date(`${row.starts_on}T00:00:00+08:00`);
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS || at.getTime() < start.getTime())
    throw new AppError('CAMPAIGN_TIME_INVALID');
  return at;
}

/**
 * Settles an open target: the conditional UPDATE (`state = 'open'`) is the last word on "done once":
 * the runner's row lock already orders two workers, and a second settle finds no open row.
 */
async function settle(tx: Tx, row: Row, set: Record<string, unknown>) {
  const r = await tx
    .updateTable('campaign_target')
    .set({ ...set, version: row.version + 1 })
    .where('county_code', '=', row.county_code)
    .where('id', '=', row.id)
    .where('state', '=', 'open')
    .returning(['id', 'state', 'grid_code', 'version'])
    .executeTakeFirst();
  if (!r) throw new AppError('CAMPAIGN_TARGET_SETTLED');
  return r;
}

async function change(
  tx: Tx,
  deps: CampaignDeps,
  actor: Actor,
  row: Row,
  input: TargetActionInput,
  now: Date,
  requestId: string,
): Promise<{ r: { id: number; state: string; grid_code: string; version: number }; note: string | null }> {
  switch (input.action) {
    case 'complete': {
      const checklist = checkAnswers(row.checklist, input.answers);
      if (checklist.photo === 'none' && input.photoIds.length)
        throw new AppError('CAMPAIGN_PHOTO_NOT_ALLOWED');
      const doneAt = doneAtOf(row, input, now);
      await claimPhotos(
        tx,
        row.county_code,
        { column: 'campaign_target_id', id: row.id },
        input.photoIds,
        actor.accountId,
      );
      const r = await settle(tx, row, {
        state: 'done',
        answers: JSON.stringify(input.answers),
        note: input.note ?? null,
        done_by: actor.accountId,
        done_at: doneAt,
        received_at: now,
        client_request_id: input.clientRequestId ?? null,
      });
      return { r, note: input.note ?? null };
    }
    case 'not_applicable': {
      const r = await settle(tx, row, {
        state: 'not_applicable',
        na_reason: input.reason,
        note: input.note ?? null,
        done_by: actor.accountId,
        done_at: doneAtOf(row, input, now),
        received_at: now,
        client_request_id: input.clientRequestId ?? null,
      });
      return { r, note: input.note ?? input.reason };
    }
    case 'relocate': {
      const { version: _v, clientRequestId: _c, ...move } = input;
      const moved = await moveHouseholdIn(tx, { now, requestId }, actor, Number(row.household_id), move);
      const to = await tx
        .selectFrom('region')
        .select(sql<string>`path::text`.as('path'))
        .where('code', '=', moved.gridCode)
        .executeTakeFirstOrThrow();
      // the household's open targets of running campaigns follow it to its grid
      await sql`UPDATE campaign_target t SET grid_code = ${moved.gridCode}, grid_path = ${to.path}::ltree
        FROM campaign c
        WHERE t.county_code = ${row.county_code} AND t.household_id = ${row.household_id} AND t.state = 'open'
          AND c.county_code = t.county_code AND c.id = t.campaign_id AND c.state = 'running'`.execute(tx);
      // a move out of the campaign's region (or out of the regions its rule names): nothing left here
      const named = (row.rule as { regions?: string[] }).regions ?? [];
      const { rows } = await sql<{ inside: boolean }>`SELECT ${to.path}::ltree <@ ${row.region_path}::ltree
          AND (${named.length === 0} OR EXISTS (SELECT 1 FROM region r WHERE r.code = ANY(${named}::text[])
            AND ${to.path}::ltree <@ r.path)) AS inside`.execute(tx);
      const inside = rows[0]?.inside === true;
      if (!inside) {
        const r = await settle(tx, row, {
          state: 'not_applicable',
          na_reason: 'moved_away',
          note: input.reason,
          done_by: actor.accountId,
          done_at: now,
          received_at: now,
          grid_code: moved.gridCode,
          grid_path: to.path,
        });
        return { r, note: input.reason };
      }
      const r = await tx
        .updateTable('campaign_target')
        .set({ version: row.version + 1 })
        .where('county_code', '=', row.county_code)
        .where('id', '=', row.id)
        .returning(['id', 'state', 'grid_code', 'version'])
        .executeTakeFirstOrThrow();
      return { r, note: input.reason };
    }
  }
}

const targetWorkflow = (
  deps: CampaignDeps,
  requestId: string,
): Workflow<Row, TargetAction, TargetActionInput, Result, null> => ({
  subject: 'campaign_target',
  versionConflict: 'CAMPAIGN_VERSION_CONFLICT',
  lock: (tx, actor, id) => repo.lockTarget(tx, { countyCode: actor.countyCode, path: actor.scopePath }, id),
  stateOf: (t) => t.state,
  forbidden: ({ actor }) => (can(actor, 'campaigns.work') ? null : new AppError('FORBIDDEN')),
  illegal: ({ row }) =>
    row.campaign_state !== 'running'
      ? new AppError('CAMPAIGN_CLOSED')
      : row.state !== 'open'
        ? new AppError('CAMPAIGN_TARGET_SETTLED')
        : null,
  async apply({ tx, actor, row, input, now }): Promise<Applied<Result, null>> {
    const { r, note } = await change(tx, deps, actor, row, input, now, requestId);
    return {
      toState: r.state,
      note,
      extra: null,
      auditAfter: {
        campaignId: Number(row.campaign_id),
        ...(input.action === 'not_applicable' ? { reason: input.reason } : {}),
        ...(input.action === 'relocate' ? { gridCode: r.grid_code } : {}),
        ...(input.action === 'complete' ? { photos: input.photoIds.length } : {}),
      },
      notice: null,
      result: {
        id: Number(r.id),
        state: r.state as TargetState,
        gridCode: r.grid_code,
        version: r.version,
        replayed: false,
      },
    };
  },
  log: (tx, s) =>
    repo.recordStep(tx, {
      countyCode: s.row.county_code,
      campaignId: Number(s.row.campaign_id),
      targetId: s.row.id,
      at: s.at,
      action: s.action,
      from: s.fromState,
      to: s.toState,
      actor: s.actor,
      note: s.note,
    }),
});

/**
 * A grid worker works a target of their grid through the workflow runner: 404 unless in their
 * scope, 403 unless they work campaigns, 409 when the campaign is closed or the target already
 * settled (done once and only once — also when two workers submit at once); then the change, the
 * step log and the audit in one transaction. Resent from the phone's offline queue with the same
 * clientRequestId it answers the first result (`replayed`).
 */
export async function actOnTarget(
  deps: CampaignDeps,
  actor: Actor,
  id: number,
  input: TargetActionInput,
  requestId: string,
): Promise<Result> {
  const run = () =>
    runStep(deps.db, targetWorkflow(deps, requestId), actor, id, input.action, input, {
      now: deps.now(),
      requestId,
    });
  const rid = input.action === 'relocate' ? undefined : input.clientRequestId;
  const find = (r: string) => repo.findByClientRequest(deps.db, actor.countyCode, actor.accountId, r);
  const replay = async (earlier: { id: number | string }): Promise<Result> => {
    if (Number(earlier.id) !== id) throw new AppError('CAMPAIGN_REQUEST_REUSED');
    const t = await deps.db
      .selectFrom('campaign_target')
      .select(['id', 'state', 'grid_code', 'version'])
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return { id, state: t.state as TargetState, gridCode: t.grid_code, version: t.version, replayed: true };
  };
  try {
    return await createOnce({
      requestId: rid,
      find,
      constraint: 'campaign_target_client_request_idx',
      replay,
      create: run,
    });
  } catch (err) {
    // the same queued report sent twice at once: the first settled it, the second waited on its lock
    if (rid && err instanceof AppError && err.code === 'CAMPAIGN_TARGET_SETTLED') {
      const made = await find(rid);
      if (made) return replay(made);
    }
    throw err;
  }
}
