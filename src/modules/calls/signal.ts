import './errors.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import type { CallDeps } from './context.js';
import { insertSignal, selectCalls } from './repository.js';
import type { SignalBody } from './schemas.js';

/**
 * Passes one WebRTC message to the other party of a call: only between its two parties, only
 * while it rings or runs; the offer from the caller, the answer from the callee. Not audited:
 * the messages carry no decision (the call's steps are audited), and their SDP and candidates
 * are cleared once the call ends (sweep.ts).
 */
export async function sendSignal(
  deps: CallDeps,
  actor: Actor,
  callId: number,
  body: SignalBody,
): Promise<number> {
  const [call] = await selectCalls(deps.db, actor, { id: callId, limit: 1 });
  if (!call) throw new AppError('NOT_FOUND');
  const isCaller = call.caller_id === actor.accountId;
  if (!isCaller && call.callee_id !== actor.accountId) throw new AppError('CALL_NOT_PARTY');
  if ((body.kind === 'offer' && !isCaller) || (body.kind === 'answer' && isCaller))
    throw new AppError('CALL_NOT_PARTY');
  if (call.state === 'ended') throw new AppError('CALL_ILLEGAL_STATE');
  const { kind, ...payload } = body;
  return insertSignal(deps.db, {
    countyCode: call.county_code,
    callId,
    fromId: actor.accountId,
    toId: isCaller ? call.callee_id : call.caller_id,
    kind,
    payload,
    at: deps.now(),
  });
}
