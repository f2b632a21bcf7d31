import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const ACCOUNT_ERRORS = {
  ACCOUNT_SELF_LOCKOUT: [
    409,
    '不能停用本人账号，也不能更改本人的角色或管辖范围',
    'You cannot disable your own account or change your own role or scope',
  ],
  ROLE_SCOPE_MISMATCH: [
    400,
    '角色与管辖层级不符（群众、网格员设在网格，村两委设在村，镇街中心设在乡镇，县中心设在县，部门、党组织、管理员设在县或乡镇）',
    'The role does not fit the scope level (resident and grid worker: grid; village staff: village; township centre: township; county centre: county; department, party organiser, administrator: county or township)',
  ],
  ACCOUNT_DEPARTMENT_INVALID: [400, '所属部门无效', 'The account’s department is invalid'],
  ACCOUNT_WORKER_INVALID: [400, '对应的网格员名册记录无效', 'The account’s roster record is invalid'],
  WORKER_ALREADY_LINKED: [
    409,
    '该名册记录已对应其他账号',
    'This roster record already belongs to another account',
  ],
  ACCOUNT_NOT_BELOW: [
    403,
    '只能管理本人管辖节点以下的管理员账号',
    'You can manage administrator accounts only strictly below your own scope',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(ACCOUNT_ERRORS);

type AccountErrors = typeof ACCOUNT_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends AccountErrors {}
}
