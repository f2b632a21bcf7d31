import { maskPiiText } from '../../platform/pii-text.js';
import type { PetitionRow } from './repository.js';
import type { PetitionState } from './states.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A petition as lists show it: personal data masked, free text with phone and ID numbers masked. */
export function toPetitionItem(p: PetitionRow) {
  return {
    id: p.id,
    number: p.number,
    channel: p.channel as 'window' | 'agency',
    windowId: p.window_id === null ? null : Number(p.window_id),
    windowName: p.window_name,
    receiverName: p.receiver_name,
    regionCode: p.region_code,
    regionName: p.region_name,
    visitorName: p.visitor_name_masked,
    idNumber: p.id_number_masked,
    phone: p.phone_masked,
    groupVisit: p.group_visit,
    headcount: p.headcount,
    matter: maskPiiText(p.matter),
    state: p.state as PetitionState,
    referral: p.referral,
    caseId: p.case_id === null ? null : Number(p.case_id),
    disputeId: p.dispute_id === null ? null : Number(p.dispute_id),
    answer: p.answer === null ? null : maskPiiText(p.answer),
    receivedAt: p.received_at.toISOString(),
    acceptedAt: iso(p.accepted_at),
    extendedDays: p.extended_days,
    answeredAt: iso(p.answered_at),
    dueAt: iso(p.due_at),
    dueKind: p.due_kind,
    overdue: p.overdue,
    version: p.version,
  };
}
