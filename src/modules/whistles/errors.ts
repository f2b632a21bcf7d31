import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const WHISTLE_ERRORS = {
  WHISTLE_ILLEGAL_TRANSITION: [
    409,
    '请求当前状态不允许此操作',
    'This action is not allowed in the request’s current state',
  ],
  WHISTLE_VERSION_CONFLICT: [
    409,
    '请求已被他人更新，请刷新后重试',
    'The request was changed by someone else; reload and retry',
  ],
  WHISTLE_DEPARTMENT_NOT_FOUND: [
    400,
    '请选择本县在用的县直职能部门',
    'Choose an active county department of this county',
  ],
  WHISTLE_SAME_DEPARTMENT: [
    400,
    '不能转给本部门：请求不能退回，只能转给应当答复的部门',
    'Cannot hand on to the same department: a request cannot be returned, only handed on to the department that should answer',
  ],
  WHISTLE_REASON_REQUIRED: [400, '请说明转交理由', 'Give the reason for handing it on'],
  WHISTLE_NOT_RAISER: [
    400,
    '只有村(社区)、镇街或企业所在网格可以吹哨',
    'Only a village, a township or an enterprise’s grid can raise a request',
  ],
  WHISTLE_LINK_NOT_FOUND: [
    400,
    '关联的事件、户或企业不存在或不在本辖区',
    'The linked case, household or enterprise does not exist in your area',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(WHISTLE_ERRORS);

type WhistleErrors = typeof WHISTLE_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends WhistleErrors {}
}
