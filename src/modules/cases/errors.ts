import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Merged into the catalogue in platform/errors.ts. */
export const CASE_ERRORS = {
  CASE_OWN_REPORT: [
    403,
    '上报人不能对本人上报的事件立案、核查或结案',
    'A reporter never files, verifies or closes their own report',
  ],
  CASE_OWN_FIX: [
    403,
    '就地处置须由村(社区)核查，处置人不能自行核查结案',
    'An on-the-spot fix is verified by the village, never by the one who made it',
  ],
  CASE_DELAY_PENDING: [409, '已有延期申请待审批', 'A delay request is already waiting for a decision'],
  CASE_NO_DELAY_PENDING: [409, '没有待审批的延期申请', 'No delay request is waiting for a decision'],
  CASE_ALREADY_VERIFIED: [
    409,
    '已现场核查过，等待结案或返工',
    'Already verified on site; it waits to be closed or sent back',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(CASE_ERRORS);

type CaseErrors = typeof CASE_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends CaseErrors {}
}
