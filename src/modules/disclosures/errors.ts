import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const DISCLOSURE_ERRORS = {
  DISCLOSURE_NOT_VILLAGE_STAFF: [
    403,
    '只有村两委可以发布本村公开内容',
    'Only a village’s two committees may publish its disclosures',
  ],
  DISCLOSURE_PERIOD_INVALID: [400, '公开期间填写有误', 'The period is invalid for this disclosure'],
  DISCLOSURE_FINANCE_INVALID: [400, '财务明细填写有误', 'The finance lines are invalid'],
  DISCLOSURE_NOT_DRAFT: [409, '只有草稿可以修改或发布', 'Only a draft can be edited or published'],
  DISCLOSURE_NOT_PUBLISHED: [409, '该公开内容未发布或已撤回', 'This disclosure is not published'],
  DISCLOSURE_VERSION_CONFLICT: [
    409,
    '内容已被他人修改，请刷新后重试',
    'The disclosure was changed by someone else; reload and retry',
  ],
  DISCLOSURE_VILLAGERS_ONLY: [
    403,
    '只有本村村民可以提问',
    'Only villagers of this village may ask questions',
  ],
  DISCLOSURE_QUESTION_ANSWERED: [409, '该问题已答复', 'This question has already been answered'],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(DISCLOSURE_ERRORS);

type DisclosureErrors = typeof DISCLOSURE_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends DisclosureErrors {}
}
