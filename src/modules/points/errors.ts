import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const POINTS_ERRORS = {
  POINTS_INSUFFICIENT: [409, '积分不够，不能兑换', 'Not enough points for this exchange'],
  POINTS_BELOW_ZERO: [
    409,
    '扣减后积分会小于零，不能这样调整',
    'The adjustment would take the balance below zero',
  ],
  POINTS_NOT_PART_TIME: [
    409,
    '专职网格员领取报酬，不参加积分',
    'Full-time grid workers are paid and do not earn points',
  ],
  GOODS_OUT_OF_STOCK: [409, '物品库存不够了', 'Not enough of these goods in stock'],
  GOODS_INACTIVE: [409, '该物品已停止兑换', 'These goods are no longer offered for exchange'],
  GOODS_REGION_INVALID: [
    400,
    '物品只能放在乡镇（街道）或村（社区）',
    'Goods are stocked by a township or a village only',
  ],
  REDEMPTION_NOT_REQUESTED: [
    409,
    '这次兑换已经交付或已取消',
    'This exchange has already been handed over or cancelled',
  ],
  CLIENT_REQUEST_REUSED: [
    409,
    '请求编号已用于另一项兑换',
    'This request id was already used for a different exchange',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(POINTS_ERRORS);

type PointsErrors = typeof POINTS_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends PointsErrors {}
}
