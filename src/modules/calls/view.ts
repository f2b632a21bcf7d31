import type { Actor } from '../accounts/index.js';
import type { CallListRow } from './repository.js';
import type { CallView } from './schemas.js';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function toCallView(r: CallListRow, actor: Actor): CallView {
  const answered = r.answered_at ? new Date(r.answered_at).getTime() : null;
  const ended = r.ended_at ? new Date(r.ended_at).getTime() : null;
  return {
    id: r.id,
    media: r.media as CallView['media'],
    purpose: r.purpose as CallView['purpose'],
    state: r.state as CallView['state'],
    outcome: r.outcome as CallView['outcome'],
    caller: { id: r.caller_id, name: r.caller_name, role: r.caller_role, phone: r.caller_phone },
    callee: { id: r.callee_id, name: r.callee_name, role: r.callee_role, phone: r.callee_phone },
    about: r.about_type
      ? { type: r.about_type as NonNullable<CallView['about']>['type'], id: r.about_id, code: r.about_code }
      : null,
    startedAt: iso(r.started_at)!,
    ringUntil: iso(r.ring_until)!,
    answeredAt: iso(r.answered_at),
    endedAt: iso(r.ended_at),
    durationSeconds: answered !== null && ended !== null ? Math.round((ended - answered) / 1000) : null,
    version: r.version,
    side: r.caller_id === actor.accountId ? 'caller' : r.callee_id === actor.accountId ? 'callee' : null,
  };
}
