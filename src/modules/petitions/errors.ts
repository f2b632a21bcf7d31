import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const PETITION_ERRORS = {
  PETITION_ILLEGAL_TRANSITION: [
    409,
    '信访事项当前状态不允许此操作',
    'This action is not allowed in the petition’s current state',
  ],
  PETITION_VERSION_CONFLICT: [
    409,
    '信访事项已被他人更新，请刷新后重试',
    'The petition was changed by someone else; reload and retry',
  ],
  PETITION_ALREADY_EXTENDED: [409, '办理期限只能延长一次', 'The time limit can be extended only once'],
  PETITION_REQUEST_TOO_LATE: [
    409,
    '已超过请求复查（复核）的30日期限',
    'The 30 days to ask for a review (or re-review) have passed',
  ],
  PETITION_HEADCOUNT: [
    400,
    '个人来访人数为1，集体来访至少2人',
    'A single visit is one person; a group visit is at least two',
  ],
  PETITION_WINDOW_NOT_FOUND: [400, '窗口不存在或已停用', 'The window does not exist or is inactive'],
  PETITION_WINDOW_SCHEDULE: [
    400,
    '周驻窗口须填星期，月驻窗口须填日期，其他窗口不填',
    'A weekly window needs a weekday, a monthly one a day of the month, the others neither',
  ],
  PETITION_WINDOW_DUPLICATE: [409, '该单位已有窗口', 'This unit already has a window'],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(PETITION_ERRORS);

type PetitionErrors = typeof PETITION_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends PetitionErrors {}
}
