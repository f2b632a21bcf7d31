import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const ACCOUNT_ERRORS = {
  ACCOUNT_SELF_LOCKOUT: [
    409,
    '不能停用本人账号，也不能更改本人的角色或管辖范围',
    'You cannot disable your own account or change your own role or scope',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(ACCOUNT_ERRORS);

type AccountErrors = typeof ACCOUNT_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends AccountErrors {}
}
