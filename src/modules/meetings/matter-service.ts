import { createOnce } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { villageBranch } from '../party/index.js';
import { villageElectorate } from '../people/index.js';
import { runStep } from '../workflow/index.js';
import { can } from './abilities.js';
import type { MeetingDeps } from './context.js';
import * as repo from './matter-repository.js';
import type { MatterInput } from './matter-schemas.js';
import { matterWorkflow } from './matter-workflow.js';
import type { MatterAction } from './rules.js';
import { beijingDate, ownVillage } from './scope.js';
import './errors.js'; // registers this module's codes (ADR 0005)

/** 党支部提议: the first of the six steps, made by the village's own two committees. */
export async function proposeMatter(
  deps: MeetingDeps,
  actor: Actor,
  b: { title: string; proposal: string; clientRequestId?: string },
  requestId?: string,
) {
  const village = ownVillage(actor);
  if (!village || !can(actor, 'meetings.decide')) throw new AppError('MATTER_NOT_VILLAGE_STAFF');
  const now = deps.now();
  return createOnce({
    requestId: b.clientRequestId,
    find: (rid) => repo.matterByRequest(deps.db, actor.countyCode, actor.accountId, rid),
    constraint: 'major_matter_client_request_idx',
    replay: (e) => {
      if (e.title !== b.title) throw new AppError('MEETING_REQUEST_REUSED');
      return { id: Number(e.id), state: e.state, version: e.version, replayed: true };
    },
    create: () =>
      deps.db.transaction().execute(async (tx) => {
        const made = await repo.insertMatter(tx, {
          countyCode: actor.countyCode,
          villageCode: village.code,
          villagePath: village.path,
          title: b.title,
          proposal: b.proposal,
          createdBy: actor.accountId,
          clientRequestId: b.clientRequestId ?? null,
          now,
        });
        const id = Number(made.id);
        await repo.addStep(tx, {
          countyCode: actor.countyCode,
          matterId: id,
          action: 'propose',
          fromState: '',
          toState: 'proposed',
          actorId: actor.accountId,
          actorName: actor.displayName,
          note: null,
          meetingId: null, // 党支部提议 is the branch's, at no meeting
          at: now,
        });
        await recordAudit(tx, {
          actor,
          countyCode: actor.countyCode,
          action: 'major_matter.propose',
          entityType: 'major_matter',
          entityId: id,
          after: { state: 'proposed', village: village.code },
          requestId: requestId ?? null,
        });
        return { id, state: made.state, version: made.version, replayed: false };
      }),
  });
}

/** One of the five steps after the proposal, through the one workflow runner. */
export async function takeMatterStep(
  deps: MeetingDeps,
  actor: Actor,
  id: number,
  action: MatterAction,
  input: MatterInput,
  requestId?: string,
) {
  const r = await runStep(deps.db, matterWorkflow(requestId), actor, id, action, input, {
    now: deps.now(),
    requestId,
  });
  return {
    id: Number(r.id),
    state: r.state,
    version: r.version,
    resolutionDisclosureId: r.resolution_disclosure_id === null ? null : Number(r.resolution_disclosure_id),
    resultDisclosureId: r.result_disclosure_id === null ? null : Number(r.result_disclosure_id),
  };
}

/** A matter with its steps, and what its next votes are counted against today. */
export async function matterDetail(deps: MeetingDeps, m: repo.MatterRow) {
  const n = (v: number | null) => (v === null ? null : Number(v));
  const [steps, branch, electorate] = await Promise.all([
    repo.stepsOf(deps.db, m.county_code, Number(m.id)),
    villageBranch(deps.db, m.county_code, m.village_code),
    villageElectorate(deps.db, m.county_code, m.village_path, beijingDate(deps.now())),
  ]);
  return {
    ...toMatterItem(m),
    proposal: m.proposal,
    partyVote: { total: m.members_total, present: m.members_present, inFavour: m.members_for },
    assemblyVote: {
      kind: m.assembly_kind,
      total: m.assembly_total,
      present: m.assembly_present,
      householdsTotal: m.households_total,
      householdsPresent: m.households_present,
      inFavour: m.assembly_for,
    },
    resolution: m.resolution_text,
    result: m.result_text,
    resolutionDisclosureId: n(m.resolution_disclosure_id),
    resultDisclosureId: n(m.result_disclosure_id),
    branch: branch ? { name: branch.name, members: branch.members } : null,
    electorate,
    steps: steps.map((s) => ({
      action: s.action,
      fromState: s.from_state,
      toState: s.to_state,
      actorName: s.actor_name,
      note: s.note,
      at: new Date(s.at).toISOString(),
      meeting:
        s.meeting_id === null
          ? null
          : { id: Number(s.meeting_id), title: s.meeting_title ?? '', heldOn: s.meeting_held_on ?? '' },
    })),
  };
}

export const toMatterItem = (m: repo.MatterRow) => ({
  id: Number(m.id),
  villageCode: m.village_code,
  villageName: m.village_name,
  title: m.title,
  state: m.state as (typeof import('./rules.js').MATTER_STATES)[number],
  version: m.version,
  updatedAt: new Date(m.updated_at).toISOString(),
});
