/** The public entry of the cases module: other modules import only this file (ADR 0005). */
export { CASE_ABILITIES } from './abilities.js';
export { ACTION_NAMES } from './actions.js';
export { type CategoryAttribute } from './attributes.js';
export { addComment } from './comment.js';
export { caseDeps, type CaseDeps } from './context.js';
export { followCase } from './followers.js';
export { reportCase, type ReportInput } from './report.js';
export { seedCountyCaseConfig } from './seed.js';
export { prepareCaseDemo, seedCaseDemo, writeCaseDemo, type CaseDemoRows } from './demo-history.js';
export { stageCaseDemoRollup, type StagedRollup } from './demo-rollup.js';
export { seedUrgentDemoCases, type UrgentDemoCase } from './demo-urgent.js';
export { type CaseAction, type CaseState, OPEN_STATES } from './states.js';
export { deadlineAt, holderFor, type Deadlines } from './deadlines.js';
export { type Tier } from './states.js';
export { caseSummaries, type CaseSummary } from './summaries.js';
