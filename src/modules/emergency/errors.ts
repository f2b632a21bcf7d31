import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const EMERGENCY_ERRORS = {
  EMERGENCY_AREA_INVALID: [
    400,
    '应急区域中的区划不存在或不在您的管辖范围内',
    'A region of the area does not exist or is outside your scope',
  ],
  EMERGENCY_TEMPLATE_NOT_FOUND: [400, '没有这类应急事件', 'No such kind of emergency'],
  EMERGENCY_TIME_INVALID: [
    400,
    '上报时间不对：不能晚于现在，也不能早于事件发布',
    'The time is wrong: not in the future, not before the event was declared',
  ],
  EMERGENCY_MEMBER_INVALID: [
    400,
    '队员须是您辖区内的居民或账号',
    'A member must be a resident or an account of your scope',
  ],
  EMERGENCY_ITEM_INVALID: [400, '没有这种应急物资', 'No such emergency supply'],
  EMERGENCY_CLOSED: [409, '应急事件已结束', 'The emergency event is closed'],
  EMERGENCY_REPORT_DUPLICATE: [
    409,
    '这一户在同一时刻已有一条上报',
    'This household already has a report at that moment',
  ],
  EMERGENCY_REQUEST_REUSED: [
    409,
    '请求编号已用于另一户',
    'This request id was already used for another household',
  ],
  EMERGENCY_VERSION_CONFLICT: [
    409,
    '事件已被他人更新，请刷新后重试',
    'Someone else changed it first; reload and try again',
  ],
  EMERGENCY_NOT_IN_AREA: [403, '您不在这次应急事件的区域内', 'You are not a worker of this emergency’s area'],
  EMERGENCY_NO_CONSENT: [
    409,
    '未同意共享位置，或已停止共享',
    'Location sharing was not agreed to, or has been stopped',
  ],
  EMERGENCY_POSITION_OUTSIDE: [
    409,
    '位置不在应急区域内，不予记录',
    'The position is outside the emergency’s area and is not kept',
  ],
  EMERGENCY_STOCK_SHORT: [409, '库存不足，不能出库', 'Not enough in stock to issue'],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(EMERGENCY_ERRORS);

type EmergencyErrors = typeof EMERGENCY_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends EmergencyErrors {}
}
