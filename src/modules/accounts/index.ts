/** The public entry of the accounts module: other modules import only this file (ADR 0005). */
export { ACCOUNT_ABILITIES } from './abilities.js';
export { ACCOUNT_ERRORS } from './errors.js';
export { actorOf, SESSION_COOKIE } from './http.js';
export { definePolicy, inScope, narrowScope } from './policy.js';
export { type Actor, type Role, ROLES } from './roles.js';
export { seedAccount } from './seed.js';
export { hashPassword } from './password.js';
export { isSessionLive } from './repository.js';
export { forgetAccounts, SessionCache, SESSION_CACHE_MS } from './session-cache.js';
export {
  closeAccount,
  createInServiceAccount,
  createResidentAccount,
  setAccountEnabled,
} from './self-service.js';
