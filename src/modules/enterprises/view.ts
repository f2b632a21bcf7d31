import type { listEnterprises, listLedger, helpersOf } from './repository.js';

type EnterpriseRow = Awaited<ReturnType<typeof listEnterprises>>['items'][number];
type HelpRow = Awaited<ReturnType<typeof listLedger>>['items'][number];
type HelperRow = Awaited<ReturnType<typeof helpersOf>>[number];

export const enterpriseView = (e: EnterpriseRow) => ({
  id: e.id,
  kind: e.kind as 'enterprise' | 'social_org',
  name: e.name,
  creditCode: e.credit_code,
  address: e.address,
  gridCode: e.grid_code,
  gridName: e.grid_name,
  size: e.size as 'large' | 'medium' | 'small' | 'micro',
  sector: e.sector,
  aboveScale: e.above_scale,
  partyOrgId: e.party_org_id,
  partyOrgName: e.party_org_name,
  instructorId: e.instructor_id,
  instructorName: e.instructor_name,
  helpers: e.helpers,
  openNeeds: e.open_needs,
});

/** A ledger entry; what people wrote passes maskPiiText before anyone else reads it. */
export const helpView = (n: HelpRow, mask: (s: string) => string) => ({
  id: n.id,
  enterpriseId: n.enterprise_id,
  enterpriseName: n.enterprise_name,
  cadreId: n.cadre_id,
  cadreName: n.cadre_name,
  kind: n.kind as 'visit' | 'problem',
  happenedOn: n.happened_on,
  note: mask(n.note),
  state: n.state as 'recorded' | 'open' | 'solved' | 'raised',
  solution: n.solution === null ? null : mask(n.solution),
  solvedOn: n.solved_on,
  caseId: n.case_id,
  caseNumber: n.case_number,
  caseState: n.case_state,
});

export const helperView = (h: HelperRow) => ({
  id: h.id,
  cadreId: h.cadre_id,
  cadreName: h.cadre_name,
  unit: h.unit,
  startedOn: h.started_on,
  endedOn: h.ended_on,
  endReason: h.end_reason,
});
