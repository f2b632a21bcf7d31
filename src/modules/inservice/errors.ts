import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const IN_SERVICE_ERRORS = {
  IN_SERVICE_HOME_INVALID: [
    400,
    '报到地须是本系统中的一个村或社区',
    'The home must be a village or community of this system',
  ],
  IN_SERVICE_EMPLOYER_INVALID: [
    400,
    '工作单位党组织须属于报到地所在的县',
    'The employer’s party organisation must belong to the county of your home',
  ],
  IN_SERVICE_PHONE_TAKEN: [
    409,
    '该手机号已有通过审核的报到登记，请核实后不予通过',
    'This phone already has an approved registration: check it and refuse this one',
  ],
  IN_SERVICE_NOT_PENDING: [409, '该报到登记已审核过', 'This registration has already been reviewed'],
  SERVICE_HOURS_REQUIRED: [
    400,
    '在职党员实现微心愿时须填写服务时长（0.5–24 小时）',
    'An in-service party member fulfilling a wish states the hours served (0.5–24)',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(IN_SERVICE_ERRORS);

type InServiceErrors = typeof IN_SERVICE_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends InServiceErrors {}
}
