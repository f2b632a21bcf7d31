import { createOnce } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import type { MeetingDeps } from './context.js';
import * as repo from './repository.js';
import { stepTakenAt } from './participant-repository.js';
import { linkParticipants } from './participants.js';
import type { ConveneBody } from './schemas.js';
import { beijingDate, placeOf, scopeOf } from './scope.js';
import './errors.js'; // registers this module's codes (ADR 0005)

const audit = (
  actor: Actor,
  action: string,
  type: string,
  id: number,
  after: Record<string, unknown>,
  requestId?: string,
) => ({
  actor,
  countyCode: actor.countyCode,
  action,
  entityType: type,
  entityId: id,
  after,
  requestId: requestId ?? null,
});

/** Convene a meeting: agenda, invited participants and the matters it takes up, in one transaction. */
export async function conveneMeeting(deps: MeetingDeps, actor: Actor, b: ConveneBody, requestId?: string) {
  const place = await placeOf(deps.db, actor, b.regionCode);
  for (const m of b.matters)
    if (m.link && !(await repo.linkVisible(deps.db, actor.countyCode, place.path, m.link.type, m.link.id)))
      throw new AppError('MEETING_LINK_INVALID');
  const participants = await linkParticipants(deps.db, actor, place.path, b.participants);
  const now = deps.now();
  return createOnce({
    requestId: b.clientRequestId,
    find: (rid) => repo.findByRequest(deps.db, actor.countyCode, actor.accountId, rid),
    constraint: 'meeting_client_request_idx',
    replay: (e) => {
      if (e.title !== b.title) throw new AppError('MEETING_REQUEST_REUSED');
      return { id: Number(e.id), state: e.state, version: e.version, replayed: true };
    },
    create: () =>
      deps.db.transaction().execute(async (tx) => {
        const made = await repo.insertMeeting(tx, {
          countyCode: actor.countyCode,
          regionCode: place.code,
          regionPath: place.path,
          convenerKind: b.convenerKind,
          kind: b.kind,
          convenerName: b.convenerName,
          title: b.title,
          heldOn: b.heldOn,
          place: b.place,
          agenda: b.agenda,
          createdBy: actor.accountId,
          clientRequestId: b.clientRequestId ?? null,
          now,
        });
        const id = Number(made.id);
        await repo.insertParticipants(tx, actor.countyCode, id, participants);
        await repo.insertMatters(
          tx,
          actor.countyCode,
          id,
          b.matters.map((m) => ({
            title: m.title,
            linkType: m.link?.type ?? null,
            linkId: m.link?.id ?? null,
          })),
        );
        await recordAudit(
          tx,
          audit(
            actor,
            'meeting.convene',
            'meeting',
            id,
            {
              region: place.code,
              kind: b.kind,
              participants: b.participants.length,
              linked: participants.filter((p) => p.refId !== null).length,
              matters: b.matters.length,
            },
            requestId,
          ),
        );
        return { id, state: made.state, version: made.version, replayed: false };
      }),
  });
}

/** Record a meeting as held: who came (the others invited did not) and its minutes. */
export async function recordMeeting(
  deps: MeetingDeps,
  actor: Actor,
  id: number,
  b: { attended: number[]; minutes?: string; version?: number },
  requestId?: string,
) {
  const now = deps.now();
  return deps.db.transaction().execute(async (tx) => {
    const m = await repo.lockMeeting(tx, scopeOf(actor), id);
    if (!m) throw new AppError('NOT_FOUND');
    if (b.version !== undefined && b.version !== m.version) throw new AppError('MEETING_VERSION_CONFLICT');
    // who came is known once the meeting's day has come (China's calendar day)
    if (m.held_day > beijingDate(now)) throw new AppError('MEETING_NOT_YET');
    // a step of 四议两公开 counted its quorum on this attendance: it stays as it was
    if (await stepTakenAt(tx, m.county_code, id)) throw new AppError('MEETING_STEP_TAKEN');
    const invited = new Set((await repo.participantsOf(tx, m.county_code, id)).map((p) => Number(p.id)));
    if (b.attended.some((p) => !invited.has(p))) throw new AppError('MEETING_PARTICIPANT_INVALID');
    await repo.setAttendance(tx, m.county_code, id, b.attended);
    const row = await repo.updateMeeting(
      tx,
      m.county_code,
      id,
      { state: 'held', ...(b.minutes !== undefined ? { minutes: b.minutes } : {}) },
      now,
    );
    await recordAudit(tx, {
      ...audit(
        actor,
        'meeting.record',
        'meeting',
        id,
        { state: 'held', attended: b.attended.length },
        requestId,
      ),
      before: { state: m.state },
    });
    return { id, state: row.state, version: row.version };
  });
}

/** A resolution of a held meeting, optionally settling one of its matters. */
export async function addResolution(
  deps: MeetingDeps,
  actor: Actor,
  meetingId: number,
  b: { text: string; responsible: string; dueOn?: string; matterId?: number },
  requestId?: string,
) {
  const now = deps.now();
  return deps.db.transaction().execute(async (tx) => {
    const m = await repo.lockMeeting(tx, scopeOf(actor), meetingId);
    if (!m) throw new AppError('NOT_FOUND');
    if (b.matterId !== undefined) {
      const matters = await repo.mattersOf(tx, m.county_code, meetingId);
      if (!matters.some((x) => Number(x.id) === b.matterId)) throw new AppError('MEETING_MATTER_INVALID');
    }
    if (m.state !== 'held') throw new AppError('MEETING_NOT_HELD');
    const r = await repo.insertResolution(tx, {
      countyCode: m.county_code,
      meetingId,
      matterId: b.matterId ?? null,
      text: b.text,
      responsible: b.responsible,
      dueOn: b.dueOn ?? null,
      now,
    });
    await recordAudit(
      tx,
      audit(
        actor,
        'meeting_resolution.create',
        'meeting_resolution',
        Number(r.id),
        { meeting: meetingId },
        requestId,
      ),
    );
    return { id: Number(r.id), status: r.status, progress: r.progress, version: r.version };
  });
}

/** Follow-through: a dated update of status and progress; done is 100 % and closes it. */
export async function updateResolution(
  deps: MeetingDeps,
  actor: Actor,
  id: number,
  b: {
    status: 'not_started' | 'in_progress' | 'done' | 'dropped';
    progress: number;
    note: string;
    onDate?: string;
    version?: number;
  },
  requestId?: string,
) {
  const now = deps.now();
  const onDate = b.onDate ?? beijingDate(now);
  return deps.db.transaction().execute(async (tx) => {
    const r = await repo.lockResolution(tx, scopeOf(actor), id);
    if (!r) throw new AppError('NOT_FOUND');
    if (b.version !== undefined && b.version !== r.version) throw new AppError('MEETING_VERSION_CONFLICT');
    if (r.status === 'done' || r.status === 'dropped') throw new AppError('RESOLUTION_CLOSED');
    const progress = b.status === 'done' ? 100 : b.progress;
    const row = await repo.updateResolution(
      tx,
      r.county_code,
      id,
      { status: b.status, progress, done_on: b.status === 'done' ? onDate : null },
      now,
    );
    await repo.insertUpdate(tx, {
      countyCode: r.county_code,
      resolutionId: id,
      onDate,
      status: b.status,
      progress,
      note: b.note,
      actorId: actor.accountId,
      actorName: actor.displayName,
      at: now,
    });
    await recordAudit(tx, {
      ...audit(
        actor,
        'meeting_resolution.update',
        'meeting_resolution',
        id,
        { status: b.status, progress },
        requestId,
      ),
      before: { status: r.status, progress: r.progress },
    });
    return { id, status: row.status, progress: row.progress, version: row.version };
  });
}
