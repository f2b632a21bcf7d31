import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const ERRAND_ERRORS = {
  ERRAND_ILLEGAL_TRANSITION: [
    409,
    '代办当前状态不允许此操作',
    'This action is not allowed in the errand’s current state',
  ],
  ERRAND_VERSION_CONFLICT: [
    409,
    '代办已被他人更新，请刷新后重试',
    'The errand was changed by someone else; reload and retry',
  ],
  SERVICE_ITEM_NOT_FOUND: [400, '服务事项不存在或已停用', 'No such active service item'],
  ERRAND_NO_GRID: [
    400,
    '您的账号未归属网格，无法申请代办',
    'Your account does not belong to a grid, so it cannot ask for errands',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(ERRAND_ERRORS);

type ErrandErrors = typeof ERRAND_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends ErrandErrors {}
}
