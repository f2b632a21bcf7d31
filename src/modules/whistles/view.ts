import type { z } from 'zod';
import type { WhistleRow } from './repository.js';
import type { WhistleItem } from './schemas.js';

/** A whistle as every answer shows it. */
export function toWhistleItem(w: WhistleRow, now: Date): z.input<typeof WhistleItem> {
  return {
    id: w.id,
    number: w.number,
    kind: w.kind as 'grassroots' | 'enterprise',
    subject: w.subject,
    description: w.description,
    urgent: w.urgent,
    regionCode: w.region_code,
    regionName: w.region_name,
    raiserName: w.raiser_name ?? null,
    departmentId: w.department_id,
    departmentName: w.department_name,
    state: w.state as 'raised' | 'answered' | 'confirmed',
    raisedAt: w.raised_at.toISOString(),
    receivedAt: w.received_at.toISOString(),
    dueAt: w.due_at.toISOString(),
    overdue: w.state === 'raised' && w.due_at.getTime() < now.getTime(),
    escalated: w.escalated_at !== null,
    answer: w.answer,
    answeredAt: w.answered_at?.toISOString() ?? null,
    confirmedAt: w.confirmed_at?.toISOString() ?? null,
    handOnCount: w.hand_on_count,
    reopenCount: w.reopen_count,
    caseId: w.case_id,
    householdId: w.household_id,
    enterpriseId: w.enterprise_id,
    enterpriseName: w.enterprise_name ?? null,
    followCadreName: w.follow_cadre_name ?? null,
    version: w.version,
  };
}
