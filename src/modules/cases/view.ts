import type { z } from 'zod';
import { maskPiiText } from '../../platform/pii-text.js';
import type { Actor } from '../accounts/index.js';
import type { CaseItem, HistoryItem } from './schemas.js';
import type { listCases, caseHistory } from './queries.js';
import { ACTION_NAMES } from './actions.js';
import { PUBLIC_NOTE_ACTIONS, type CaseAction } from './states.js';

export { PUBLIC_NOTE_ACTIONS };

type ListRow = Awaited<ReturnType<typeof listCases>>['rows'][number];
type HistoryRow = Awaited<ReturnType<typeof caseHistory>>[number];

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Yellow and red warnings before the deadline; overdue after it (or when marked). */
export function warningOf(
  c: Pick<ListRow, 'state' | 'deadline_at' | 'yellow_at' | 'red_at' | 'overdue'>,
  now: Date,
): 'none' | 'yellow' | 'red' | 'overdue' {
  if (
    ['closed', 'not_filed', 'cancelled', 'merged', 'handled', 'suspended'].includes(c.state) ||
    !c.deadline_at
  )
    return 'none';
  if (c.overdue || now >= c.deadline_at) return 'overdue';
  if (c.red_at && now >= c.red_at) return 'red';
  if (c.yellow_at && now >= c.yellow_at) return 'yellow';
  return 'none';
}

/** A case as a list row; a resident (viewer) follows the tier, not which office holds it. */
export function toCaseItem(c: ListRow, now: Date, viewer?: Viewer): z.infer<typeof CaseItem> {
  const citizen = viewer?.role === 'resident';
  return {
    id: c.id,
    number: c.number,
    source: c.source,
    categoryCode: c.category_code,
    categoryName: c.category_name,
    categoryNameEn: c.category_name_en,
    state: c.state,
    tier: c.tier,
    urgency: c.urgency,
    expedited: c.expedited,
    supervised: c.supervised,
    description: c.description,
    address: c.address,
    lat: c.lat,
    lng: c.lng,
    gridCode: c.grid_code,
    gridName: c.grid_name,
    departmentId: citizen ? null : c.department_id,
    departmentName: citizen ? null : c.department_name,
    deadlineAt: iso(c.deadline_at),
    warning: warningOf(c, now),
    overdueCount: c.overdue_count,
    reportedAt: c.reported_at.toISOString(),
    closedAt: iso(c.closed_at),
    version: c.version,
  };
}

/** Who reads a timeline: a resident reads the citizen's view of it. */
export type Viewer = Pick<Actor, 'accountId' | 'role'>;

/**
 * One timeline step as `viewer` may read it.
 *
 * Staff: everything, except that a step is credited to a department only when that
 * department's staff took it (or it was dispatched to it) — a township centre closing a case
 * an office handled is the centre's step, not the office's.
 *
 * Residents (only ever their own reports): the step, its time, its tier and state, its photos,
 * and the note only when it is a public reply or their own words (phone and ID numbers in
 * staff's replies masked). Who did it is named only when it was the resident themself
 * ("system" for automatic steps); no staff name, no department, no deadline bookkeeping.
 */
export function toHistoryItem(h: HistoryRow, viewer: Viewer): z.infer<typeof HistoryItem> {
  const mine = h.actor_account_id !== null && h.actor_account_id === viewer.accountId;
  const credited = h.actor_role === 'department_staff' || h.action === 'dispatch' ? h.department_name : null;
  const item = {
    at: h.at.toISOString(),
    action: h.action,
    actionName: ACTION_NAMES[h.action as CaseAction] ?? HISTORY_NAMES[h.action] ?? h.action,
    fromState: h.from_state,
    toState: h.to_state,
    tier: h.tier,
    actorName: h.actor_name,
    actorRole: h.actor_role,
    departmentName: credited,
    note: h.note,
    photoIds: h.photo_ids,
    deadlineAt: iso(h.deadline_at),
    onTime: h.on_time,
    mine,
  };
  if (viewer.role !== 'resident') return item;
  const system = h.actor_role === 'system';
  return {
    ...item,
    actorName: mine || system ? h.actor_name : null,
    actorRole: mine || system ? h.actor_role : null,
    departmentName: null,
    note: h.note === null || !PUBLIC_NOTE_ACTIONS.has(h.action) ? null : mine ? h.note : maskPiiText(h.note),
    deadlineAt: null,
    onTime: null,
  };
}

/** Whether `viewer` gave the case's rating (the field app says "my rating" only then). */
export function ratedBy(history: HistoryRow[], viewer: Viewer): boolean {
  const last = history.filter((h) => h.action === 'evaluate').at(-1);
  return last !== undefined && last.actor_account_id === viewer.accountId;
}

const HISTORY_NAMES: Record<string, string> = {
  report: '上报',
  comment: '群众补充',
  auto_escalate: '超期自动上报',
  overdue: '超期',
  approve_delay: '批准延期',
  reject_delay: '驳回延期',
};
