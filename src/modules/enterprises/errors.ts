import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const ENTERPRISE_ERRORS = {
  ENTERPRISE_CREDIT_CODE_INVALID: [
    400,
    '统一社会信用代码无效（GB 32100-2015 校验未通过）',
    'Not a valid unified social credit code (GB 32100-2015 check failed)',
  ],
  ENTERPRISE_CREDIT_CODE_TAKEN: [
    409,
    '本县已登记该统一社会信用代码',
    'This unified social credit code is already registered in the county',
  ],
  ENTERPRISE_GRID_INVALID: [400, '须选择网格', 'Choose a grid'],
  ENTERPRISE_ROWS_INVALID: [
    400,
    '批量数据有错误行，未导入任何数据',
    'The batch has invalid rows; nothing was imported',
  ],
  ENTERPRISE_PARTY_ORG_INVALID: [
    400,
    '党组织不存在或不在您的管辖范围内',
    'The party organisation does not exist or lies outside your scope',
  ],
  ENTERPRISE_CADRE_INVALID: [
    400,
    '干部不存在或不在您的管辖范围内',
    'The cadre does not exist or lies outside your scope',
  ],
  ENTERPRISE_HELPER_ASSIGNED: [409, '该干部已在帮扶此企业', 'The cadre already helps this enterprise'],
  ENTERPRISE_HELPER_ENDED: [409, '该帮扶已结束', 'This helper assignment has already ended'],
  ENTERPRISE_DATE_ORDER: [400, '结束日期不能早于开始日期', 'The end date is before the start date'],
  ENTERPRISE_NEED_NOT_OPEN: [
    409,
    '该问题已解决或已转为事件',
    'The problem has already been solved or raised as a case',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(ENTERPRISE_ERRORS);

type EnterpriseErrors = typeof ENTERPRISE_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends EnterpriseErrors {}
}
