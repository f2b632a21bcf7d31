import type { z } from 'zod';
import { maskPiiText } from '../../platform/pii-text.js';
import type { Actor } from '../accounts/index.js';
import type { ErrandRow, errandStats } from './repository.js';
import type { ErrandItem, StatsResponse } from './schemas.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * An errand as every answer shows it: the contact phone only ever masked (the audited
 * reveal shows it). The free texts keep what the work needs (an account number to pay a bill,
 * a pick-up code) for the requester and the one who took the errand; everyone else browsing
 * the village's errands reads them with phone and ID numbers masked.
 */
export function toErrandItem(e: ErrandRow, actor: Pick<Actor, 'accountId'>): z.infer<typeof ErrandItem> {
  const text = errandText(e, actor);
  const maybe = (v: string | null) => (v === null ? null : text(v));
  return {
    id: e.id,
    number: e.number,
    serviceCode: e.service_code,
    serviceName: e.name_zh,
    serviceNameEn: e.name_en,
    kind: e.kind as 'errand' | 'proxy',
    handledAt: e.handled_at as 'village' | 'township' | 'county',
    gridCode: e.grid_code,
    gridName: e.grid_name,
    detail: text(e.detail),
    requesterName: e.requester_name,
    contactName: e.contact_name,
    contactPhone: e.contact_phone_masked,
    status: e.status as z.infer<typeof ErrandItem>['status'],
    assigneeName: e.assignee_name,
    declineReason: maybe(e.decline_reason),
    resultNote: maybe(e.result_note),
    rating: e.rating as z.infer<typeof ErrandItem>['rating'],
    ratingComment: maybe(e.rating_comment),
    dueAt: iso(e.due_at),
    overdue: e.overdue,
    version: e.version,
    createdAt: e.created_at.toISOString(),
    acceptedAt: iso(e.accepted_at),
    doneAt: iso(e.done_at),
    confirmedAt: iso(e.confirmed_at),
    closedAt: iso(e.closed_at),
    tier: e.tier as z.infer<typeof ErrandItem>['tier'],
    tierDueAt: iso(e.tier_due_at),
    tierOverdue: e.tier_overdue,
    walkIn: e.on_behalf_resident_id !== null,
  };
}

/** How `actor` reads the errand's free texts (details, notes, the steps' notes). */
export function errandText(
  e: Pick<ErrandRow, 'requester_account_id' | 'assignee_account_id'>,
  actor: Pick<Actor, 'accountId'>,
): (v: string) => string {
  const own = actor.accountId === e.requester_account_id || actor.accountId === e.assignee_account_id;
  return own ? (v) => v : maskPiiText;
}

export function toStats(s: Awaited<ReturnType<typeof errandStats>>): z.infer<typeof StatsResponse> {
  const byStatus = Object.fromEntries(s.byStatus.map((r) => [r.status, r.n]));
  const rating = (k: string) => s.byRating.find((r) => r.rating === k)?.n ?? 0;
  const kind = (k: string) => s.byKind.find((r) => r.kind === k)?.n ?? 0;
  return {
    total: s.byStatus.reduce((a, r) => a + r.n, 0),
    byStatus,
    overdue: s.overdue,
    done: (byStatus.done ?? 0) + (byStatus.confirmed ?? 0),
    doneByKind: { errand: kind('errand'), proxy: kind('proxy') },
    ratings: {
      satisfied: rating('satisfied'),
      basically_satisfied: rating('basically_satisfied'),
      dissatisfied: rating('dissatisfied'),
    },
  };
}
