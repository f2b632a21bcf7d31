import type { z } from 'zod';
import type { CaseItem, HistoryItem } from './schemas.js';
import type { listCases, caseHistory } from './queries.js';
import { ACTION_NAMES } from './actions.js';
import type { CaseAction } from './states.js';

type ListRow = Awaited<ReturnType<typeof listCases>>[number];
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

export function toCaseItem(c: ListRow, now: Date): z.infer<typeof CaseItem> {
  return {
    id: c.id,
    number: c.number,
    source: c.source,
    categoryCode: c.category_code,
    categoryName: c.category_name,
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
    departmentId: c.department_id,
    departmentName: c.department_name,
    deadlineAt: iso(c.deadline_at),
    warning: warningOf(c, now),
    overdueCount: c.overdue_count,
    reportedAt: c.reported_at.toISOString(),
    closedAt: iso(c.closed_at),
    version: c.version,
  };
}

export function toHistoryItem(h: HistoryRow): z.infer<typeof HistoryItem> {
  return {
    at: h.at.toISOString(),
    action: h.action,
    actionName: ACTION_NAMES[h.action as CaseAction] ?? HISTORY_NAMES[h.action] ?? h.action,
    fromState: h.from_state,
    toState: h.to_state,
    tier: h.tier,
    actorName: h.actor_name,
    actorRole: h.actor_role,
    departmentName: h.department_name,
    note: h.note,
    photoIds: h.photo_ids,
    deadlineAt: iso(h.deadline_at),
    onTime: h.on_time,
  };
}

const HISTORY_NAMES: Record<string, string> = {
  report: '上报',
  comment: '群众补充',
  auto_escalate: '超期自动上报',
  overdue: '超期',
  approve_delay: '批准延期',
  reject_delay: '驳回延期',
};
