import './errors.js';
import { createOnce } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { authorize } from './abilities.js';
import type { CallDeps } from './context.js';
import { answererAt, centreFor, partyById, placeOfAbout, type PartyRow } from './parties.js';
import { busy, insertSignal } from './repository.js';
import type { PlaceBody } from './schemas.js';
import { ringSeconds } from './settings.js';

const CENTRE_ROLES = ['township_centre', 'county_centre'];

const within = (path: string, scope: string) => path === scope || path.startsWith(`${scope}.`);

/**
 * Whom a caller may ring (docs/calls.md): an account in the caller's subtree, or the caller's
 * own centre (a township or county centre above them) — always in the caller's county, never a
 * resident. Anyone else is "not found": the caller learns nothing about accounts outside.
 */
function mayRing(actor: Actor, callee: PartyRow): 'scene' | 'centre' | null {
  if (callee.id === actor.accountId) return null;
  if (within(callee.path, actor.scopePath)) return 'scene';
  if (CENTRE_ROLES.includes(callee.role) && within(actor.scopePath, callee.path)) return 'centre';
  return null;
}

async function chooseCallee(deps: CallDeps, actor: Actor, body: PlaceBody) {
  const place = body.about ? await placeOfAbout(deps.db, actor, body.about) : undefined;
  if (body.about && !place) throw new AppError('NOT_FOUND');
  const mediation = body.about?.type === 'dispute';
  let callee: PartyRow | undefined;
  if (body.calleeId !== undefined) {
    callee = await partyById(deps.db, actor.countyCode, body.calleeId);
    if (!callee) throw new AppError('NOT_FOUND');
  } else if (body.toCentre) {
    callee = await centreFor(deps.db, actor);
    if (!callee) throw new AppError('CALL_NO_CALLEE');
  } else if (place) {
    callee = await answererAt(deps.db, actor.countyCode, place, mediation, actor.accountId);
    if (!callee) throw new AppError('CALL_NO_CALLEE');
  } else throw new AppError('CALL_CALLEE_REQUIRED');
  const relation = mayRing(actor, callee);
  if (!relation) throw new AppError('NOT_FOUND');
  return { callee, purpose: mediation ? ('mediation' as const) : relation };
}

/** Rings an account: the call row, the ring for the callee (a live event) and the audit, in one transaction. */
export async function placeCall(deps: CallDeps, actor: Actor, body: PlaceBody, requestId?: string) {
  authorize(actor, 'calls.place');
  const find = async (rid: string) =>
    deps.db
      .selectFrom('call')
      .select(['id', 'callee_id', 'media'])
      .where('county_code', '=', actor.countyCode)
      .where('caller_id', '=', actor.accountId)
      .where('client_request_id', '=', rid)
      .executeTakeFirst();
  return createOnce({
    requestId: body.clientRequestId,
    find,
    constraint: 'call_client_request_idx',
    replay: (earlier) => {
      if (
        earlier.media !== body.media ||
        (body.calleeId !== undefined && body.calleeId !== earlier.callee_id)
      )
        throw new AppError('CALL_REQUEST_REUSED');
      return earlier.id;
    },
    create: async () => {
      const { callee, purpose } = await chooseCallee(deps, actor, body);
      const now = deps.now();
      if (await busy(deps.db, actor.countyCode, callee.id, now)) throw new AppError('CALL_BUSY');
      const ring = await ringSeconds(deps.db, actor.countyCode);
      return deps.db.transaction().execute(async (tx) => {
        const about = body.about;
        const row = await tx
          .insertInto('call')
          .values({
            county_code: actor.countyCode,
            caller_id: actor.accountId,
            callee_id: callee.id,
            caller_path: actor.scopePath,
            callee_path: callee.path,
            media: body.media,
            purpose,
            about_type: about?.type ?? null,
            about_id: about && about.type !== 'grid' ? about.id : null,
            about_code: about?.type === 'grid' ? about.code : null,
            started_at: now,
            ring_until: new Date(now.getTime() + ring * 1000),
            client_request_id: body.clientRequestId ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await insertSignal(tx, {
          countyCode: actor.countyCode,
          callId: row.id,
          fromId: actor.accountId,
          toId: callee.id,
          kind: 'ring',
          payload: { media: body.media, purpose, callerName: actor.displayName, ringSeconds: ring },
          at: now,
        });
        await recordAudit(tx, {
          actor,
          countyCode: actor.countyCode,
          action: 'call.place',
          entityType: 'call',
          entityId: row.id,
          after: { calleeId: callee.id, media: body.media, purpose, aboutType: about?.type ?? null },
          requestId,
        });
        return row.id;
      });
    },
  });
}
