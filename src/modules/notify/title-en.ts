/**
 * The English of a notification's title (issue 12): built from its kind and the reference
 * number the Chinese title starts with ("211221-20241206-000042：已派遣" → "211221-…: dispatched").
 * Every kind the modules write has a phrase (`title-en.test.ts` scans them); the Chinese title
 * stays the record.
 */
const CASE: Record<string, string> = {
  reported: 'new case reported',
  file: 'filed',
  reject: 'not filed',
  cancel: 'cancelled',
  merge: 'merged',
  handle_on_spot: 'handled on the spot',
  escalate: 'escalated',
  dispatch: 'dispatched',
  accept: 'accepted',
  return: 'returned',
  handle: 'handled',
  close: 'closed',
  verify: 'verified on site',
  rework: 'sent back for rework',
  evaluate: 'rated',
  reopen: 'reopened',
  request_delay: 'more time asked for',
  decide_delay: 'delay request decided',
  suspend: 'suspended',
  resume: 'resumed',
  supervise: 'under supervision',
  expedite: 'expedited',
  comment: 'the resident added a note',
  overdue: 'overdue',
  auto_escalate: 'escalated automatically (overdue)',
};

const FAMILY: Record<string, string> = {
  case: 'Case',
  dispute: 'Dispute',
  wish: 'Wish',
  errand: 'Errand',
  petition: 'Petition',
  correction: 'Correction request',
  points: 'Points',
  disclosure: 'Disclosure',
  village: 'Village',
  whistle: 'Grassroots request',
  campaign: 'Campaign',
  call: 'Call',
  station_loan: 'Loan',
};

const OTHER: Record<string, string> = {
  'station_loan.overdue': 'the item you borrowed is overdue, please return it',
  'station_loan.return': 'the item you borrowed was returned',
  'station_loan.lose': 'the item you borrowed was recorded lost',
  'points.adjusted': 'your points were adjusted',
  'points.redeemed': 'an exchange waits to be handed over',
  'points.handed_over': 'your exchange was handed over',
  'points.cancelled': 'an exchange was cancelled and its points returned',
  'disclosure.published': 'the village published a disclosure',
  'disclosure.question': 'a question on a disclosure',
  'disclosure.answered': 'your question was answered',
  'village.disclosure_due': 'a disclosure is due',
  'petition.receive': 'a visitor to receive',
  'petition.call': 'you are on call for a visitor',
  'petition.registered': 'petition registered',
  'errand.requested': 'new errand request',
  'wish.submitted': 'new wish submitted',
  'correction.submitted': 'new correction request',
  'correction.due': 'a correction request is due',
  'dispute.report': 'new dispute reported',
  'dispute.overdue': 'overdue',
  'dispute.auto_escalate': 'escalated automatically (overdue)',
  'whistle.raised': 'new request for your department',
  'whistle.hand_on': 'handed on to the department that should answer',
  'whistle.overdue': 'overdue, reported to the county centre',
  'whistle.answer': 'answered, please confirm',
  'whistle.direct': 'directed to a department by the county centre',
  'campaign.launched': 'targets in your grid',
  'campaign.ending': 'its window ends soon with targets still open',
  'call.missed': 'missed call',
  'call.declined': 'your call was declined',
};

/** Whether a kind has an English phrase (used by the test). */
export function hasEnglish(kind: string): boolean {
  const [family, step] = kind.split('.', 2) as [string, string | undefined];
  return (
    kind in OTHER || (family === 'case' && step !== undefined && step in CASE) || (family in FAMILY && !!step)
  );
}

export function titleEn(kind: string, titleZh: string): string {
  const [family, step = ''] = kind.split('.', 2) as [string, string | undefined];
  const number = /^([0-9A-Za-z-]{6,})[：:]/.exec(titleZh)?.[1];
  const phrase = OTHER[kind] ?? (family === 'case' ? CASE[step] : undefined) ?? step.replace(/_/g, ' ');
  const subject = FAMILY[family] ?? 'Notice';
  return number ? `${subject} ${number}: ${phrase}` : `${subject}: ${phrase}`;
}
