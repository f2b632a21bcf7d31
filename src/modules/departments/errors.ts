import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const DEPARTMENT_ERRORS = {
  DEPARTMENT_REGION_INVALID: [
    400,
    '职能部门只能设在县或乡镇(街道)',
    'A department belongs to a county (bureau) or a township (office)',
  ],
  DEPARTMENT_CODE_TAKEN: [
    409,
    '该地区已有此代码的部门',
    'This region already has a department with this code',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(DEPARTMENT_ERRORS);

type DepartmentErrors = typeof DEPARTMENT_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends DepartmentErrors {}
}
