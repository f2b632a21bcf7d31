import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const REPORT_ERRORS = {
  REPORT_KIND_LEVEL: [
    400,
    '日报按村、周报按镇（街道）、月报按县生成',
    'A daily report is of a village, a weekly one of a township, a monthly one of the county',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(REPORT_ERRORS);

type ReportErrors = typeof REPORT_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends ReportErrors {}
}
