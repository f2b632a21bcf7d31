/** The public entry of the party module: other modules import only this file (ADR 0005). */
export { PARTY_ABILITIES } from './abilities.js';
export { PARTY_ERRORS } from './errors.js';
export { findOrg as findPartyOrg, type Scope as PartyScope } from './repository.js';
export { seedAccountMember, seedBranchMembers, villageBranch } from './branch.js';
export { memberOfAccount, orgInScope, orgRoster } from './roster.js';
