import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const CADRE_ERRORS = {
  CADRE_REGION_INVALID: [
    400,
    '干部所在区划须为县、镇街或村（社区）',
    'A cadre serves a county, a township or a village/community',
  ],
  CADRE_POSTS_NEED_VILLAGE: [
    400,
    '两委职务只能在村（社区）担任',
    'Two-committee posts are held in a village or community',
  ],
  CADRE_VILLAGE_INVALID: [400, '须选择村（社区）', 'Choose a village or community'],
  CADRE_ACCOUNT_INVALID: [
    400,
    '账号不存在或不属于本县',
    'The account does not exist or is not of this county',
  ],
  CADRE_MENTOR_SELF: [400, '导师与帮带对象不能是同一人', 'A mentor cannot mentor themselves'],
  CADRE_MENTOR_PAIRED: [409, '二人已结对', 'The two are already paired'],
  CADRE_POSTING_ENDED: [409, '该驻村任职已结束', 'This posting has already ended'],
  CADRE_PAIRING_ENDED: [409, '该帮带结对已结束', 'This mentor pair has already ended'],
  CADRE_DUPLICATE: [
    409,
    '该身份证号已有干部档案（一人一档）',
    'A cadre with this ID number is already registered (one record per person)',
  ],
  CADRE_DATE_ORDER: [400, '结束日期不能早于开始日期', 'The end date is before the start date'],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(CADRE_ERRORS);

type CadreErrors = typeof CADRE_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends CadreErrors {}
}
