/** Error codes of this module: [HTTP status, Chinese, English]. Merged into the catalogue in platform/errors.ts. */
export const ACCOUNT_ERRORS = {
  ACCOUNT_SELF_LOCKOUT: [
    409,
    '不能停用本人账号，也不能更改本人的角色或管辖范围',
    'You cannot disable your own account or change your own role or scope',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;
