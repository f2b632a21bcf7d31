import './errors.js';
import { AppError } from '../../platform/errors.js';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../accounts/index.js';
import { runStep, type Workflow } from '../workflow/index.js';
import { insertSignal, lockCall, updateCall, type CallRow, type SignalKind } from './repository.js';

export type CallAction = 'answer' | 'decline' | 'hangup';
type Extra = { toId: number; kind: SignalKind };

const MEDIA_ZH = { voice: '语音', video: '视频' } as const;

/** The party on the other end from `accountId`. */
const otherParty = (row: CallRow, accountId: number) =>
  row.caller_id === accountId ? row.callee_id : row.caller_id;

/**
 * A call as a workflow subject (ADR 0006): answer and decline by the callee, hang-up by either
 * party. Each step's log row is the signal that tells the other party (call_signal), so the
 * other browser stops ringing or closes its connection at once.
 */
const CALL_FLOW: Workflow<CallRow, CallAction, { version?: number }, void, Extra> = {
  subject: 'call',
  versionConflict: 'CALL_VERSION_CONFLICT',
  lock: (tx, actor, id) => lockCall(tx, actor, id),
  stateOf: (row) => row.state,
  forbidden: ({ actor, row, action }) => {
    const party = row.caller_id === actor.accountId || row.callee_id === actor.accountId;
    if (!party) return new AppError('CALL_NOT_PARTY');
    if (action !== 'hangup' && row.callee_id !== actor.accountId) return new AppError('CALL_NOT_PARTY');
    return null;
  },
  illegal: ({ row, action, now }) => {
    if (row.state === 'ended') return new AppError('CALL_ILLEGAL_STATE');
    if (action !== 'hangup' && (row.state !== 'ringing' || new Date(row.ring_until) <= now))
      return new AppError('CALL_ILLEGAL_STATE');
    return null;
  },
  apply: async ({ tx, actor, row, action, now }) => {
    const to = otherParty(row, actor.accountId);
    const version = row.version + 1;
    if (action === 'answer') {
      await updateCall(tx, row, { state: 'active', answered_at: now, version });
      return { toState: 'active', extra: { toId: to, kind: 'answered' }, notice: null, result: undefined };
    }
    // a ring ended by the callee is declined; by the caller (or the caller's ring timer) missed
    const outcome =
      row.state === 'active' ? 'completed' : actor.accountId === row.callee_id ? 'declined' : 'missed';
    await updateCall(tx, row, { state: 'ended', outcome, ended_at: now, ended_by: actor.accountId, version });
    const media = MEDIA_ZH[row.media as keyof typeof MEDIA_ZH] ?? '';
    const about = { type: 'call' as const, id: row.id };
    const notice =
      outcome === 'missed'
        ? {
            accountIds: [row.callee_id],
            kind: 'call.missed',
            about,
            title: `未接来电：${actor.displayName}（${media}）`,
          }
        : outcome === 'declined'
          ? {
              accountIds: [row.caller_id],
              kind: 'call.declined',
              about,
              title: `${actor.displayName}拒接了${media}通话`,
            }
          : null;
    const kind: SignalKind = outcome === 'completed' ? 'hangup' : outcome;
    return {
      toState: 'ended',
      stepName: outcome === 'completed' ? 'hangup' : outcome === 'missed' ? 'cancel' : 'decline',
      auditAfter: { outcome },
      extra: { toId: to, kind },
      notice,
      result: undefined,
    };
  },
  log: async (tx, step) => {
    await insertSignal(tx, {
      countyCode: step.row.county_code,
      callId: step.row.id,
      fromId: step.actor.accountId,
      toId: step.extra.toId,
      kind: step.extra.kind,
      payload: null,
      at: step.at,
    });
  },
};

export async function stepCall(
  db: Db,
  actor: Actor,
  id: number,
  action: CallAction,
  input: { version?: number },
  opts: { now: Date; requestId?: string },
): Promise<void> {
  await runStep(db, CALL_FLOW, actor, id, action, input, opts);
}
