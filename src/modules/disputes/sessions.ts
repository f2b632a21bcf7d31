import { sql } from 'kysely';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { createOnce } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import { maskPiiText } from '../../platform/pii-text.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import type { Tier } from '../cases/index.js';
import { claimPhotos, photoLinks, photosOf } from '../photos/index.js';
import './errors.js'; // registers this module's codes (ADR 0005)
import type { SessionBody } from './mediation-schemas.js';
import { addMediatorInTx } from './registry.js';
import { disputeParties, findDispute, visible } from './repository.js';
import { refusal, stateConflict } from './states.js';

/**
 * A mediation session with its record sheet (评理记录表 / 调解笔录), kept by whoever may settle the
 * dispute (its tier, or its lead office) while it is open. The place and the mediators are those of
 * the dispute's village, township or county; the signed paper is a photo claimed through the photos
 * module. Idempotent with clientRequestId.
 */
export async function recordSession(
  db: Db,
  now: Date,
  actor: Actor,
  disputeId: number,
  b: SessionBody,
  requestId?: string,
) {
  if ((b.outcome === 'agreed' && !b.agreement) || (b.outcome === 'failed' && !b.failReason))
    throw new AppError('MEDIATION_OUTCOME_TEXT');
  const find = (rid: string) =>
    db
      .selectFrom('mediation_session')
      .select('id')
      .where('county_code', '=', actor.countyCode)
      .where('recorded_by', '=', actor.accountId)
      .where('client_request_id', '=', rid)
      .executeTakeFirst();
  return createOnce({
    requestId: b.clientRequestId,
    find,
    constraint: 'mediation_session_client_request_idx',
    replay: (earlier) => ({ ...earlier, replayed: true }),
    create: () =>
      db.transaction().execute(async (tx) => {
        const d = await findDispute(tx, actor, disputeId, true);
        if (!d) throw new AppError('NOT_FOUND');
        const policy = {
          state: d.state,
          tier: d.tier as Tier,
          leadIsMine: d.my_department_id !== null && d.lead_department_id === d.my_department_id,
        };
        const denied = refusal(actor, policy, 'settle');
        if (denied) throw new AppError(denied);
        const conflict = stateConflict(policy, 'settle');
        if (conflict) throw conflict;
        // the place and mediators of the dispute's own village, township or county
        const above = (alias: string) =>
          sql<boolean>`${sql.ref(`${alias}.region_path`)} @> ${d.grid_path}::ltree`;
        const place = await tx
          .selectFrom('mediation_place as p')
          .select('p.id')
          .where('p.county_code', '=', d.county_code)
          .where('p.id', '=', b.placeId)
          .where(above('p'))
          .executeTakeFirst();
        // team members chosen on the sheet become mediators of their village (once per member)
        const village = d.grid_code.slice(0, 12);
        const fromTeams: number[] = [];
        for (const teamMemberId of new Set(b.teamMemberIds))
          fromTeams.push(
            (await addMediatorInTx(tx, now, actor, { teamMemberId, regionCode: village }, requestId)).id,
          );
        const ids = [...new Set([...b.mediatorIds, ...fromTeams])];
        if (ids.length > 10) throw new AppError('MEDIATION_PLACE_INVALID');
        const mediators = await tx
          .selectFrom('mediator as m')
          .select('m.id')
          .where('m.county_code', '=', d.county_code)
          .where('m.id', 'in', ids)
          .where(above('m'))
          .execute();
        if (!place || mediators.length !== ids.length) throw new AppError('MEDIATION_PLACE_INVALID');
        const row = await tx
          .insertInto('mediation_session')
          .values({
            county_code: d.county_code,
            dispute_id: d.id,
            held_on: b.heldOn,
            place_id: place.id,
            remote: b.remote,
            parties_present: b.partiesPresent,
            mediator_ids: ids,
            facts: b.facts,
            applicant_claim: b.applicantClaim,
            respondent_claim: b.respondentClaim,
            outcome: b.outcome,
            agreement: b.outcome === 'agreed' ? (b.agreement ?? null) : null,
            fail_reason: b.outcome === 'failed' ? (b.failReason ?? null) : null,
            recorded_by: actor.accountId,
            client_request_id: b.clientRequestId ?? null,
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await claimPhotos(
          tx,
          d.county_code,
          { column: 'mediation_session_id', id: row.id },
          b.photoIds,
          actor.accountId,
          'evidence',
        );
        await recordAudit(tx, {
          actor,
          countyCode: d.county_code,
          action: 'mediation.session',
          entityType: 'dispute',
          entityId: d.id,
          before: null,
          after: { session: row.id, outcome: b.outcome, remote: b.remote },
          requestId,
        });
        return { id: row.id, replayed: false };
      }),
  });
}

/** The record sheet of a session whose dispute the caller sees, or undefined (→ 404). */
export async function recordSheet(db: DbOrTx, actor: Actor, id: number) {
  const s = await db
    .selectFrom('mediation_session as s')
    .innerJoin('dispute as d', (j) =>
      j.onRef('d.id', '=', 's.dispute_id').onRef('d.county_code', '=', 's.county_code'),
    )
    .innerJoin('mediation_place as p', (j) =>
      j.onRef('p.id', '=', 's.place_id').onRef('p.county_code', '=', 's.county_code'),
    )
    .leftJoin('account as a', 'a.id', 's.recorded_by')
    .selectAll('s')
    .select([
      'd.number',
      'd.type',
      'd.summary',
      'p.name as place_name',
      'p.kind as place_kind',
      'a.display_name as recorded_by_name',
    ])
    .where('s.county_code', '=', actor.countyCode)
    .where('s.id', '=', id)
    .where(visible(actor, actor.scopePath))
    .executeTakeFirst();
  if (!s) return undefined;
  const [parties, mediators, photos] = await Promise.all([
    disputeParties(db, s.county_code, s.dispute_id),
    db
      .selectFrom('mediator')
      .select(['id', 'name', 'title'])
      .where('county_code', '=', s.county_code)
      .where('id', 'in', s.mediator_ids.map(Number))
      .orderBy('id')
      .execute(),
    photosOf(db, s.county_code, 'mediation_session_id', s.id),
  ]);
  const m = (t: string | null) => (t === null ? null : maskPiiText(t));
  return {
    id: s.id,
    dispute: { id: s.dispute_id, number: s.number, type: s.type, summary: maskPiiText(s.summary) },
    heldOn: String(s.held_on),
    place: { id: s.place_id, name: s.place_name, kind: s.place_kind as 'room' },
    remote: s.remote,
    partiesPresent: maskPiiText(s.parties_present),
    parties: parties.map((p) => ({ side: p.side, name: p.name, phoneMasked: p.phone_masked })),
    mediators,
    facts: maskPiiText(s.facts),
    applicantClaim: maskPiiText(s.applicant_claim),
    respondentClaim: maskPiiText(s.respondent_claim),
    outcome: s.outcome as 'agreed',
    agreement: m(s.agreement),
    failReason: m(s.fail_reason),
    recordedBy: s.recorded_by_name,
    photos: photos.map((p) => photoLinks(p.id)),
    createdAt: s.created_at.toISOString(),
  };
}

/** A session's signed paper is seen by whoever sees the session's dispute. */
export async function mediationShowsPhotos(db: DbOrTx, actor: Actor, sessionId: number): Promise<boolean> {
  if (actor.role === 'resident' || actor.role === 'party_organiser') return false;
  return (await recordSheet(db, actor, sessionId)) !== undefined;
}
