import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const EXCHANGE_ERRORS = {
  SYSTEM_KEY_INVALID: [
    401,
    '系统账号密钥无效或已吊销',
    'The system account key is missing, unknown or revoked',
  ],
  SYSTEM_OPERATION_DENIED: [
    403,
    '该系统账号未获准此项操作',
    'This system account is not granted this operation',
  ],
  SYSTEM_RATE_LIMITED: [
    429,
    '该系统账号调用过于频繁，请按 Retry-After 所示秒数后再试',
    'This system account is calling too often; try again after the seconds in Retry-After',
  ],
  SYSTEM_ACCOUNT_REVOKED: [409, '该系统账号已吊销', 'This system account has been revoked'],
  EXCHANGE_CURSOR_INVALID: [400, '变更游标无效', 'The changes cursor is not valid'],
  EXCHANGE_DELIVERY_NOT_DEAD: [409, '该推送不在死信列表中', 'This delivery is not in the dead-letter list'],
  OPEN_DATA_NOT_PUBLISHED: [404, '本县未发布开放数据', 'This county does not publish open data'],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(EXCHANGE_ERRORS);

type ExchangeErrors = typeof EXCHANGE_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends ExchangeErrors {}
}
