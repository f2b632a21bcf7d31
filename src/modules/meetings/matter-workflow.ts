import type { Updateable } from 'kysely';
import type { MajorMatter } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { publishMajorMatter } from '../disclosures/index.js';
import { villageBranch } from '../party/index.js';
import { electorsAmong, villageElectorate } from '../people/index.js';
import type { Workflow } from '../workflow/index.js';
import { can } from './abilities.js';
import * as repo from './matter-repository.js';
import { attendanceOf, meetingForStep } from './participant-repository.js';
import type { MatterInput } from './matter-schemas.js';
import {
  partyMeetingPasses,
  representativesMeetingPasses,
  STEP,
  villagersMeetingPasses,
  type MatterAction,
} from './rules.js';
import { beijingDate, scopeOf } from './scope.js';
import './errors.js'; // registers this module's codes (ADR 0005)

type Row = repo.MatterRow;
type Result = Awaited<ReturnType<typeof repo.updateMatter>>;
type Outcome = { set: Updateable<MajorMatter>; note: string | null; after: Record<string, unknown> };

/** The kinds of meeting that take each step (党支部提议 and the publications take none). */
const STEP_MEETING: Partial<Record<MatterAction, (input: MatterInput) => string>> = {
  discuss: () => 'two_committees',
  review: () => 'party_members',
  decide: (i) => (i.action === 'decide' ? i.assembly : ''),
};

type Attendance = Awaited<ReturnType<typeof attendanceOf>>;
type StepMeeting = { id: number; heldOn: string; attendance: Attendance };

/**
 * The meeting that took a step: 两委会议商议, 党员大会审议 and 村民(代表)会议决议 must name one (400
 * MATTER_MEETING_REQUIRED) of the matter's village itself, of the step's kind, not before the proposal
 * (400 MATTER_MEETING_INVALID), held — not a future day — with its attendance recorded (409
 * MATTER_MEETING_NOT_RECORDED).
 */
async function stepMeeting(tx: Tx, m: Row, input: MatterInput, now: Date): Promise<StepMeeting | null> {
  const kind = STEP_MEETING[input.action];
  const id = 'meetingId' in input ? input.meetingId : undefined;
  if (!kind) {
    if (id !== undefined) throw new AppError('MATTER_MEETING_INVALID');
    return null;
  }
  if (id === undefined) throw new AppError('MATTER_MEETING_REQUIRED');
  const meeting = await meetingForStep(tx, m.county_code, m.village_code, id);
  if (!meeting || meeting.kind !== kind(input) || meeting.held_on < beijingDate(new Date(m.created_at)))
    throw new AppError('MATTER_MEETING_INVALID');
  const attendance = await attendanceOf(tx, m.county_code, id);
  if (meeting.state !== 'held' || !attendance.recorded || meeting.held_on > beijingDate(now))
    throw new AppError('MATTER_MEETING_NOT_RECORDED');
  return { id, heldOn: meeting.held_on, attendance };
}

/** A figure the client sent must be the one the meeting's attendance gives (old clients send them). */
function sameAs(sent: number | undefined, counted: number, what: string, whatEn: string) {
  if (sent !== undefined && sent !== counted)
    throw new AppError('MATTER_FIGURES_INVALID', {
      detail: `${what}须与会议出席登记一致（${counted}）`,
      detailEn: `${whatEn} must be the meeting's recorded attendance (${counted})`,
    });
}

const votes = (present: number, inFavour: number) => `到会${present}人，赞成${inFavour}人`;

/**
 * What a step does. The votes' quorum is counted from the meeting's attendance on its day: the
 * branch's members then and those of them who came; the village's adults and households then and
 * those who came; a representatives' meeting's members are the residents it invited.
 */
async function outcome(
  tx: Tx,
  actor: Actor,
  m: Row,
  input: MatterInput,
  meeting: StepMeeting | null,
  now: Date,
  requestId?: string,
): Promise<Outcome> {
  switch (input.action) {
    case 'discuss':
      return { set: { state: 'discussed' }, note: input.note, after: {} };
    case 'review': {
      const a = meeting!.attendance;
      const branch = await villageBranch(tx, m.county_code, m.village_code, meeting!.heldOn, a.partyMembers);
      if (!branch) throw new AppError('MATTER_NO_BRANCH');
      sameAs(input.present, branch.present, '到会党员人数', 'members present');
      const vote = { total: branch.members, present: branch.present, inFavour: input.inFavour };
      const passed = partyMeetingPasses(vote);
      return {
        set: {
          state: passed ? 'reviewed' : 'rejected',
          members_total: vote.total,
          members_present: vote.present,
          members_for: vote.inFavour,
        },
        note: [`党员${vote.total}人，${votes(vote.present, vote.inFavour)}`, input.note]
          .filter(Boolean)
          .join('；'),
        after: { passed, ...vote },
      };
    }
    case 'decide': {
      const a = meeting!.attendance;
      const day = meeting!.heldOn;
      const people = await villageElectorate(tx, m.county_code, m.village_path, day);
      let passed: boolean;
      let total: number;
      let present: number;
      let householdsPresent: number | null = null;
      if (input.assembly === 'villagers') {
        const came = await electorsAmong(tx, m.county_code, m.village_path, day, a.residents);
        sameAs(input.present, came.adults, '到会村民人数', 'villagers present');
        sameAs(input.householdsPresent, came.households, '到会户数', 'households present');
        total = people.adults;
        present = came.adults;
        householdsPresent = came.households;
        passed = villagersMeetingPasses({
          total,
          present,
          inFavour: input.inFavour,
          households: people.households,
          householdsPresent,
        });
      } else {
        sameAs(input.representativesTotal, a.residentsInvited, '村民代表总人数', 'the representatives');
        sameAs(input.present, a.residentsCame, '到会代表人数', 'representatives present');
        total = a.residentsInvited;
        present = a.residentsCame;
        passed = representativesMeetingPasses({ total, present, inFavour: input.inFavour });
      }
      return {
        set: {
          state: passed ? 'decided' : 'rejected',
          assembly_kind: input.assembly,
          assembly_total: total,
          assembly_present: present,
          households_total: input.assembly === 'villagers' ? people.households : null,
          households_present: householdsPresent,
          assembly_for: input.inFavour,
          resolution_text: input.resolution,
        },
        note: `${input.assembly === 'villagers' ? '村民会议' : '村民代表会议'}应到${total}人，${votes(present, input.inFavour)}`,
        after: { passed, assembly: input.assembly, total, present, inFavour: input.inFavour },
      };
    }
    case 'publish_resolution': {
      const body = [
        `事项：${m.title}`,
        `党支部提议：${m.proposal}`,
        `党员大会审议：党员${m.members_total}人，${votes(m.members_present ?? 0, m.members_for ?? 0)}。`,
        `${m.assembly_kind === 'villagers' ? '村民会议' : '村民代表会议'}决议：应到${m.assembly_total}人，${votes(m.assembly_present ?? 0, m.assembly_for ?? 0)}。`,
        `决议内容：${m.resolution_text ?? ''}`,
      ].join('\n');
      const id = await publishMajorMatter(tx, {
        actor,
        countyCode: m.county_code,
        villageCode: m.village_code,
        villagePath: m.village_path,
        title: `四议两公开·决议公开：${m.title}`,
        body,
        now,
        requestId,
      });
      return {
        set: { state: 'resolution_published', resolution_disclosure_id: id },
        note: null,
        after: { disclosure: id },
      };
    }
    case 'publish_result': {
      const body = [
        `事项：${m.title}`,
        `决议内容：${m.resolution_text ?? ''}`,
        `实施结果：${input.result}`,
      ].join('\n');
      const id = await publishMajorMatter(tx, {
        actor,
        countyCode: m.county_code,
        villageCode: m.village_code,
        villagePath: m.village_path,
        title: `四议两公开·结果公开：${m.title}`,
        body,
        now,
        requestId,
      });
      return {
        set: { state: 'result_published', result_text: input.result, result_disclosure_id: id },
        note: null,
        after: { disclosure: id },
      };
    }
  }
}

/**
 * 四议两公开 on the one runner: the caller sees the matter (404), is its village's own two
 * committees (403), the step is the next one (409 MATTER_OUT_OF_ORDER), then the step's own
 * rules (quorum 409, figures 400) — a refusal anywhere changes nothing.
 */
export const matterWorkflow = (
  requestId?: string,
): Workflow<Row, MatterAction, MatterInput, Result, number | null> => ({
  subject: 'major_matter',
  versionConflict: 'MATTER_VERSION_CONFLICT',
  lock: (tx, actor, id) => repo.lockMatter(tx, scopeOf(actor), id),
  stateOf: (m) => m.state,
  forbidden: ({ actor, row }) =>
    can(actor, 'meetings.decide') && actor.scopePath === row.village_path
      ? null
      : new AppError('MATTER_NOT_VILLAGE_STAFF'),
  illegal: ({ row, action }) =>
    row.state === STEP[action].from ? null : new AppError('MATTER_OUT_OF_ORDER'),
  async apply({ tx, actor, row, input, now }) {
    const meeting = await stepMeeting(tx, row, input, now);
    const meetingId = meeting?.id ?? null;
    const o = await outcome(tx, actor, row, input, meeting, now, requestId);
    const result = await repo.updateMatter(tx, row.county_code, Number(row.id), o.set, now);
    return {
      toState: result.state,
      note: o.note,
      extra: meetingId,
      auditAfter: meetingId === null ? o.after : { ...o.after, meeting: meetingId },
      notice: null,
      result,
    };
  },
  log: (tx, s) =>
    repo.addStep(tx, {
      countyCode: s.row.county_code,
      matterId: Number(s.row.id),
      action: s.action,
      fromState: s.fromState,
      toState: s.toState,
      actorId: s.actor.accountId,
      actorName: s.actor.displayName,
      note: s.note,
      meetingId: s.extra,
      at: s.at,
    }),
});
