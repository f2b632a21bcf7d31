import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const STATION_ERRORS = {
  STATION_REGION_LEVEL: [
    400,
    '服务中心建在乡镇（街道）或村（社区），服务站建在村（社区）',
    'A centre belongs to a township or a village; a station to a village or community',
  ],
  STATION_OUTSIDE_COUNTY: [400, '站点位置不在本县范围内', 'The station’s place lies outside the county'],
  ACTIVITY_FULL: [409, '活动名额已满', 'The activity is fully booked'],
  ACTIVITY_CLOSED: [
    409,
    '活动已开始、已结束或已取消，不能预约',
    'The activity has started, ended or was cancelled',
  ],
  ACTIVITY_ALREADY_BOOKED: [409, '该居民已预约此活动', 'The resident has already booked this activity'],
  BOOKING_NOT_LIVE: [409, '预约已取消或已签到', 'The booking was cancelled or already attended'],
  ACTIVITY_NOT_STARTED: [
    409,
    '活动尚未开始，不能签到',
    'The activity has not started yet; attendance cannot be taken',
  ],
  STOCK_OUT: [409, '该物品已全部借出', 'Every item of this kind is out on loan'],
  STOCK_IN_USE: [
    409,
    '库存不能少于已借出的数量',
    'The stock cannot be set below the number of items out on loan',
  ],
  STOCK_NOT_KEPT: [404, '本站没有这种物品', 'This station does not keep this kind of item'],
  LOAN_NOT_LENT: [409, '该物品已归还或已登记遗失', 'The item was already returned or recorded lost'],
  LOAN_VERSION_CONFLICT: [
    409,
    '借用记录已被他人更新，请刷新',
    'The loan was changed by someone else; reload it',
  ],
  LOAN_REQUEST_REUSED: [
    409,
    '该请求编号已用于另一笔借用',
    'This request id was already used for a different loan',
  ],
  RESIDENT_NOT_IN_SCOPE: [404, '未找到该居民', 'No such resident in your area'],
  HOUSEHOLD_NOT_PLACED: [
    409,
    '该户所在的村民小组/楼栋尚未标注位置',
    'The household’s villagers’ group or building has no place on the map yet',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(STATION_ERRORS);

type StationErrors = typeof STATION_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends StationErrors {}
}
