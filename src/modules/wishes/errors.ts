import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const WISH_ERRORS = {
  WISH_ILLEGAL_TRANSITION: [
    409,
    '微心愿当前状态不允许此操作',
    'This action is not allowed in the wish’s current state',
  ],
  WISH_VERSION_CONFLICT: [
    409,
    '微心愿已被他人更新，请刷新后重试',
    'The wish was changed by someone else; reload and retry',
  ],
  WISH_HAS_CLAIMS: [
    409,
    '已有人认领，不能撤回',
    'Someone has claimed the wish; it can no longer be withdrawn',
  ],
  WISH_ALREADY_CLAIMED_BY_YOU: [409, '您已认领此心愿', 'You have already claimed this wish'],
  WISH_NOT_YOUR_CLAIM: [403, '您没有认领此心愿', 'You have not claimed this wish'],
  WISH_HOUSEHOLD_REQUIRED: [400, '请选择心愿所属的户', 'Choose the household the wish is for'],
  WISH_VISIT_MISMATCH: [
    400,
    '走访记录不存在或不属于该户',
    'The visit does not exist or is not of this household',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(WISH_ERRORS);

type WishErrors = typeof WISH_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends WishErrors {}
}
