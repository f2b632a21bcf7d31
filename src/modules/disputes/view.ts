import type { DbOrTx } from '../../platform/db/database.js';
import { maskPiiText } from '../../platform/pii-text.js';
import type { Actor } from '../accounts/index.js';
import type { Tier } from '../cases/index.js';
import { departmentNames, disputeParties, disputeSteps, type DisputeRow } from './repository.js';
import { actionsFor, type DisputeState } from './states.js';

type ItemRow = {
  id: number;
  number: string;
  grid_code: string;
  grid_name: string;
  type: string;
  summary: string;
  amount_yuan: string | null;
  risk_level: string;
  risk_signs: string[];
  tier: string;
  state: string;
  deadline_at: Date;
  overdue: boolean;
  follow_up_due: string | null;
  version: number;
  created_at: Date;
};

/** A dispute in a list; free text passes maskPiiText (phones and ID numbers people typed). */
export const toDisputeItem = (r: ItemRow) => ({
  id: r.id,
  number: r.number,
  gridCode: r.grid_code,
  gridName: r.grid_name,
  type: r.type as 'other',
  summary: maskPiiText(r.summary),
  amountYuan: r.amount_yuan === null ? null : Number(r.amount_yuan),
  riskLevel: r.risk_level as 'low',
  riskSigns: r.risk_signs,
  tier: r.tier as Tier,
  state: r.state as DisputeState,
  deadlineAt: r.deadline_at.toISOString(),
  overdue: r.overdue,
  followUpDue: r.follow_up_due,
  version: r.version,
  createdAt: r.created_at.toISOString(),
});

const masked = (t: string | null) => (t === null ? null : maskPiiText(t));

/** A dispute with its parties (masked), steps, sessions and the actions the caller may take. */
export async function toDisputeDetail(db: DbOrTx, actor: Actor, d: DisputeRow) {
  const ids = [
    ...(d.lead_department_id === null ? [] : [d.lead_department_id]),
    ...d.assisting_department_ids.map(Number),
  ];
  const [parties, steps, names, sessions, petition] = await Promise.all([
    disputeParties(db, d.county_code, d.id),
    disputeSteps(db, d.county_code, d.id),
    departmentNames(db, d.county_code, ids),
    db
      .selectFrom('mediation_session as s')
      .innerJoin('mediation_place as p', (j) =>
        j.onRef('p.id', '=', 's.place_id').onRef('p.county_code', '=', 's.county_code'),
      )
      .select(['s.id', 's.held_on', 'p.name', 's.remote', 's.outcome'])
      .where('s.county_code', '=', d.county_code)
      .where('s.dispute_id', '=', d.id)
      .orderBy('s.id')
      .execute(),
    // the petition it came from (petitions' to_dispute step), if any
    db
      .selectFrom('petition')
      .select(['id', 'number'])
      .where('county_code', '=', d.county_code)
      .where('dispute_id', '=', d.id)
      .executeTakeFirst(),
  ]);
  const dept = (id: number) => ({ id, name: names.get(id) ?? '' });
  return {
    ...toDisputeItem(d),
    holderCode: d.holder_code,
    householdId: d.household_id,
    caseId: d.case_id,
    petitionId: petition?.id ?? null,
    petitionNumber: petition?.number ?? null,
    leadDepartment: d.lead_department_id === null ? null : dept(d.lead_department_id),
    assistingDepartments: d.assisting_department_ids.map((x) => dept(Number(x))),
    agreement: masked(d.agreement),
    failReason: masked(d.fail_reason),
    settledAt: d.settled_at?.toISOString() ?? null,
    followUpAt: d.follow_up_at?.toISOString() ?? null,
    followUpHeld: d.follow_up_held,
    followUpNote: masked(d.follow_up_note),
    parties: parties.map((p) => ({
      id: p.id,
      side: p.side as 'applicant',
      name: p.name,
      residentId: p.resident_id,
      phoneMasked: p.phone_masked,
    })),
    history: steps.map((s) => ({
      id: s.id,
      at: s.at.toISOString(),
      action: s.action,
      fromState: s.from_state,
      toState: s.to_state,
      tier: s.tier as Tier,
      actorName: s.actor_name,
      note: masked(s.note),
    })),
    sessions: sessions.map((s) => ({
      id: s.id,
      heldOn: String(s.held_on),
      placeName: s.name,
      remote: s.remote,
      outcome: s.outcome as 'agreed',
    })),
    actions: actionsFor(actor, {
      state: d.state,
      tier: d.tier as Tier,
      leadIsMine: d.my_department_id !== null && d.lead_department_id === d.my_department_id,
    }),
  };
}
