import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const VISIT_ERRORS = {
  VISIT_TIME_INVALID: [
    400,
    '走访时间不对：不能晚于现在，也不能早于 90 天前',
    'The visit time is wrong: not in the future, not more than 90 days ago',
  ],
  VISIT_CASE_NOT_FOUND: [
    400,
    '关联的事件不存在或不在您的管辖范围内',
    'The linked case does not exist or is outside your scope',
  ],
  VISIT_CASE_ALREADY_LINKED: [
    409,
    '这次走访已关联了另一个事件',
    'This visit is already linked to another case',
  ],
  VISIT_REQUEST_REUSED: [
    409,
    '请求编号已用于另一户的走访',
    'This request id was already used for a visit to another household',
  ],
  VISIT_POLICY_INVALID: [400, '走访周期设置有误', 'The visit intervals are invalid'],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(VISIT_ERRORS);

type VisitErrors = typeof VISIT_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends VisitErrors {}
}
