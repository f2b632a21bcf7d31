import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { inScope, type Actor } from '../accounts/index.js';
import { refsIn } from './participant-repository.js';
import { PARTICIPANT_REF, type ConveneBody, type ParticipantRefType } from './schemas.js';
import './errors.js'; // registers this module's codes (ADR 0005)

/** Labels of a village's path: province.city.county.township.village. */
const VILLAGE_DEPTH = 5;

/** The village a meeting's place belongs to (itself when it is a village). */
export const villageOf = (placePath: string) => placePath.split('.').slice(0, VILLAGE_DEPTH).join('.');

/**
 * Where a meeting's invitees may come from: the meeting's village — but never beyond the convener's
 * scope (a convener scoped to a grid invites from that grid only).
 */
export function inviteePath(actor: Actor, placePath: string) {
  const village = villageOf(placePath);
  return inScope(actor, village) ? village : actor.scopePath;
}

export type LinkedParticipant = { kind: string; name: string; refType: string | null; refId: number | null };

/**
 * Invited participants linked to who they are: each id must be a resident, party member,
 * enterprise, station, 5+5+N team member or cadre (by the participant's kind) of the meeting's
 * village within the convener's scope (`inviteePath`) — a grid's meeting may invite its village's
 * station or team; anything else, another village's or county's, is 400 MEETING_PARTICIPANT_UNKNOWN.
 * A linked participant carries the linked one's name.
 */
export async function linkParticipants(
  db: DbOrTx,
  actor: Actor,
  placePath: string,
  ps: ConveneBody['participants'],
): Promise<LinkedParticipant[]> {
  const countyCode = actor.countyCode;
  const village = inviteePath(actor, placePath);
  const wanted = new Map<ParticipantRefType, number[]>();
  for (const p of ps) {
    if (p.refId === undefined) continue;
    const type = PARTICIPANT_REF[p.kind as keyof typeof PARTICIPANT_REF];
    if (!type) throw new AppError('MEETING_PARTICIPANT_UNKNOWN');
    wanted.set(type, [...(wanted.get(type) ?? []), p.refId]);
  }
  const found = new Map<ParticipantRefType, Map<number, string>>();
  for (const [type, ids] of wanted) found.set(type, await refsIn(db, countyCode, village, type, ids));
  return ps.map((p) => {
    if (p.refId === undefined) return { kind: p.kind, name: p.name ?? '', refType: null, refId: null };
    const type = PARTICIPANT_REF[p.kind as keyof typeof PARTICIPANT_REF];
    const name = found.get(type)?.get(p.refId);
    if (name === undefined) throw new AppError('MEETING_PARTICIPANT_UNKNOWN');
    return { kind: p.kind, name: name.slice(0, 60), refType: type, refId: p.refId };
  });
}
