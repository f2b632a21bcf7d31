import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const INDICATOR_ERRORS = {
  INDICATOR_UNKNOWN: [400, '没有这个指标', 'No such indicator'],
  INDICATOR_BREAKDOWN_UNSUPPORTED: [
    400,
    '该指标不能按此维度分解',
    'This indicator cannot be broken down that way',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(INDICATOR_ERRORS);

type IndicatorErrors = typeof INDICATOR_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends IndicatorErrors {}
}
