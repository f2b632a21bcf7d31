import type { DbOrTx } from '../../platform/db/database.js';
import { matterStepsAt } from './participant-repository.js';
import * as repo from './repository.js';
import type { MEETING_KINDS } from './schemas.js';

const day = (d: unknown): string => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d));
const dayOrNull = (d: unknown) => (d === null || d === undefined ? null : day(d));

export function toMeetingItem(m: repo.MeetingRow) {
  return {
    id: Number(m.id),
    regionCode: m.region_code,
    regionName: m.region_name,
    kind: m.kind as (typeof MEETING_KINDS)[number],
    convenerKind: m.convener_kind,
    convenerName: m.convener_name,
    title: m.title,
    heldOn: day(m.held_on),
    place: m.place,
    state: m.state,
    invited: m.invited,
    attended: m.attended,
    matters: m.matters,
    resolutions: m.resolutions,
    resolutionsDone: m.resolutions_done,
    version: m.version,
  };
}

/** A meeting with its participants, matters, resolutions and their follow-through. */
export async function meetingDetail(db: DbOrTx, m: repo.MeetingRow & { minutes: string | null }) {
  const id = Number(m.id);
  const [participants, matters, resolutions, steps] = await Promise.all([
    repo.participantsOf(db, m.county_code, id),
    repo.mattersOf(db, m.county_code, id),
    repo.resolutionsOf(db, m.county_code, id),
    matterStepsAt(db, m.county_code, id),
  ]);
  const updates = await repo.updatesOf(
    db,
    m.county_code,
    resolutions.map((r) => Number(r.id)),
  );
  return {
    ...toMeetingItem(m),
    agenda: m.agenda,
    minutes: m.minutes,
    participants: participants.map((p) => ({
      id: Number(p.id),
      kind: p.kind,
      name: p.name,
      attended: p.attended,
      ref: p.ref_type === null || p.ref_id === null ? null : { type: p.ref_type, id: Number(p.ref_id) },
    })),
    matterSteps: steps.map((x) => ({
      matterId: Number(x.matter_id),
      title: x.title,
      action: x.action,
      at: new Date(x.at).toISOString(),
    })),
    matterList: matters.map((x) => ({
      id: Number(x.id),
      title: x.title,
      linkType: x.link_type,
      linkId: x.link_id === null ? null : Number(x.link_id),
      settled: x.settled,
    })),
    resolutionList: resolutions.map((r) => ({
      id: Number(r.id),
      matterId: r.matter_id === null ? null : Number(r.matter_id),
      text: r.text,
      responsible: r.responsible,
      dueOn: dayOrNull(r.due_on),
      status: r.status,
      progress: r.progress,
      doneOn: dayOrNull(r.done_on),
      version: r.version,
      updates: updates
        .filter((u) => Number(u.resolution_id) === Number(r.id))
        .map((u) => ({
          id: Number(u.id),
          onDate: day(u.on_date),
          status: u.status,
          progress: u.progress,
          note: u.note,
          actorName: u.actor_name,
        })),
    })),
  };
}
