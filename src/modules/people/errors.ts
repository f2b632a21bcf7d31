import { registerErrors } from '../../platform/errors.js';

/** Error codes of the people module: [HTTP status, Chinese, English]. Registered when this file loads (ADR 0005). */
export const PEOPLE_ERRORS = {
  RESIDENT_DUPLICATE: [
    409,
    '该身份证号已在本县登记（一人一档），请核实或办理迁入',
    'This ID number is already registered in the county (one person, one record)',
  ],
  RESIDENT_NOT_PRESENT: [
    409,
    '该居民已迁出、死亡或已合并，不能再办理此事项',
    'The resident has moved out, died or been merged; this is no longer possible',
  ],
  CARE_TAG_STATE: [
    409,
    '关爱标签状态不符（已有或未曾添加）',
    'The care tag is already on the record, or was never added',
  ],
  HOUSEHOLD_VERSION_CONFLICT: [
    409,
    '档案已被他人更新，请刷新后重试',
    'The record was changed by someone else; reload and retry',
  ],
  GRID_NOT_FOUND: [400, '网格不存在或不在本县', 'No such grid in the county'],
  GRID_UNIT_MISMATCH: [
    400,
    '楼栋单元或自然屯不属于该网格',
    'The building, unit or hamlet is not in this grid',
  ],
  MERGE_NOT_DUPLICATE: [
    409,
    '两条记录的身份证号不同，不能合并',
    'The two records do not share an ID number; they cannot be merged',
  ],
  IMPORT_ROWS_INVALID: [
    400,
    '导入文件有错误行，未导入任何数据',
    'The file has invalid rows; nothing was imported',
  ],
  IMPORT_FILE_INVALID: [
    400,
    '无法读取导入文件（须为 .xlsx）',
    'The file could not be read (an .xlsx is expected)',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(PEOPLE_ERRORS);

type PeopleErrors = typeof PEOPLE_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends PeopleErrors {}
}
