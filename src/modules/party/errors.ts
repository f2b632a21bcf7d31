import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const PARTY_ERRORS = {} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(PARTY_ERRORS);

type PartyErrors = typeof PARTY_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends PartyErrors {}
}
