import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const CALL_ERRORS = {
  CALL_ILLEGAL_STATE: [409, '通话当前状态不允许此操作', 'This is not possible in the call’s current state'],
  CALL_VERSION_CONFLICT: [409, '通话已变化，请刷新', 'The call changed; reload'],
  CALL_NOT_PARTY: [403, '您不是此通话的一方', 'You are not a party to this call'],
  CALL_NO_CALLEE: [
    404,
    '找不到可接听的人员（该网格或指挥中心暂无账号）',
    'Nobody to answer: the grid or centre has no account',
  ],
  CALL_CALLEE_REQUIRED: [
    400,
    '请选择要呼叫的人员或关联对象',
    'Choose whom to call or what the call is about',
  ],
  CALL_BUSY: [409, '对方正在通话中', 'The other party is on another call'],
  CALL_REQUEST_REUSED: [
    409,
    '该请求编号已用于另一次呼叫',
    'This request id was already used for another call',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(CALL_ERRORS);

type CallErrors = typeof CALL_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends CallErrors {}
}
