import { ACTION_NAMES, OPEN_STATES, type CaseAction, type CaseState } from '../cases/index.js';

/**
 * How the case workflow reads in Open311. The core `status` is `open` or `closed`
 * (closed = the case left the workflow: 结案, 不予立案, 撤销, 合并). The extended status
 * is mySociety's (FixMyStreet) vocabulary, carried by servicerequestupdates and by
 * `extended_attributes.status` of a request (with `extensions=true`).
 */
export type ExtendedStatus =
  | 'open'
  | 'closed'
  | 'fixed'
  | 'in_progress'
  | 'action_scheduled'
  | 'investigating'
  | 'duplicate'
  | 'not_councils_responsibility'
  | 'no_further_action'
  | 'internal_referral'
  | 'reopen';

/** The client may report these (upper case on input, as FixMyStreet sends them). */
export const CLIENT_STATUSES = [
  'OPEN',
  'CLOSED',
  'FIXED',
  'IN_PROGRESS',
  'ACTION_SCHEDULED',
  'INVESTIGATING',
  'DUPLICATE',
  'NOT_COUNCILS_RESPONSIBILITY',
  'NO_FURTHER_ACTION',
  'INTERNAL_REFERRAL',
  'REOPEN',
  'FOR_TRIAGE',
] as const;

export function coreStatus(state: string): 'open' | 'closed' {
  return (OPEN_STATES as readonly string[]).includes(state) ? 'open' : 'closed';
}

/**
 * By state. `suspended` (挂账) stays open in the core status — the case is parked with
 * the command centre outside the deadline track and will be resumed — so it maps to
 * `internal_referral`, not to a closing status such as `no_further_action` (which would
 * make FixMyStreet close the report). `not_filed` (不予立案) covers every rejection
 * (not a problem, below the filing criteria, not the government's business), hence the
 * general `no_further_action` rather than `not_councils_responsibility`.
 */
const BY_STATE: Record<CaseState, ExtendedStatus> = {
  reported: 'open',
  filed: 'action_scheduled',
  dispatched: 'action_scheduled',
  accepted: 'in_progress',
  handled: 'in_progress',
  closed: 'fixed',
  suspended: 'internal_referral',
  not_filed: 'no_further_action',
  cancelled: 'closed',
  merged: 'duplicate',
};

/** Actions whose meaning is more specific than the state they lead to. */
const BY_ACTION: Partial<Record<string, ExtendedStatus>> = {
  escalate: 'internal_referral', // 上报上级 (三级联动): handed to the next tier
  auto_escalate: 'internal_referral',
  return: 'internal_referral', // a department hands it back for re-dispatch
  reopen: 'reopen',
};

export function extendedStatus(state: string, action?: string | null): ExtendedStatus {
  return (action ? BY_ACTION[action] : undefined) ?? BY_STATE[state as CaseState] ?? 'open';
}

/**
 * The history rows that are public updates: every change of state or tier, and comments
 * posted through Open311. Internal management (delay requests, supervision, expediting,
 * overdue marks) and the resident's evaluation are not published.
 */
export const PUBLIC_ACTIONS = [
  'file',
  'reject',
  'cancel',
  'merge',
  'handle_on_spot',
  'escalate',
  'auto_escalate',
  'dispatch',
  'accept',
  'return',
  'handle',
  'close',
  'rework',
  'reopen',
  'suspend',
  'resume',
  'comment',
] as const;

/** Actions that carry the after-photo (处置后照片) published as an update's media_url. */
export const AFTER_PHOTO_ACTIONS = ['handle', 'handle_on_spot'];

const EXTRA_NAMES: Record<string, string> = {
  report: '已上报',
  auto_escalate: '超期自动上报',
  comment: '群众补充',
};

/** The Chinese name of a history action — what an update says instead of staff's free notes. */
export function actionName(action: string): string {
  return ACTION_NAMES[action as CaseAction] ?? EXTRA_NAMES[action] ?? action;
}

/**
 * Cases whose content is never published: petitions (信访) and every social-governance
 * category (G: disputes, family matters, hardship relief, dangerous houses, epidemics —
 * the place and the story identify a household). They are listed with their status and
 * service only; description, location and photos are withheld (null).
 */
export const RESTRICTED_SOURCES = ['petition'];
export const RESTRICTED_KINDS = ['governance'];

export function isRestricted(c: { source: string; kind: string }): boolean {
  return RESTRICTED_SOURCES.includes(c.source) || RESTRICTED_KINDS.includes(c.kind);
}
