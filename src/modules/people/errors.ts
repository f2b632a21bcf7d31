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
  INVITATION_INVALID: [
    404,
    '邀请码无效，或身份证号与该户成员不符',
    'The invitation code is not valid, or the ID number is not a member’s',
  ],
  INVITATION_USED: [409, '该邀请码已使用', 'This invitation has already been used'],
  INVITATION_EXPIRED: [
    409,
    '该邀请码已过期，请联系村（社区）重新发放',
    'This invitation has expired; ask the village for a new one',
  ],
  INVITATION_CLOSED: [
    409,
    '邀请码已使用、已撤回或已过期',
    'The invitation has been used, withdrawn or has expired',
  ],
  RESIDENT_ALREADY_JOINED: [409, '该居民已有账号', 'This resident already has an account'],
  NOT_A_RESIDENT_ACCOUNT: [
    403,
    '本账号未关联居民档案（请通过村、社区的邀请码注册）',
    'This account is not tied to a resident’s record (join with a village’s invitation)',
  ],
  CORRECTION_ILLEGAL_TRANSITION: [
    409,
    '更正申请当前状态不允许此操作',
    'Not allowed in the correction request’s current state',
  ],
  CORRECTION_VERSION_CONFLICT: [
    409,
    '更正申请已被他人处理，请刷新',
    'The correction request was changed by someone else; reload',
  ],
  GRID_UNIT_EXISTS: [409, '该网格已有同名的楼栋单元或自然屯', 'The grid already has a unit of that name'],
  GRID_UNIT_PARENT: [
    400,
    '单元须属于本网格的楼栋；楼栋、自然屯、村民小组不设上级',
    'A unit belongs to a building of the same grid; buildings, hamlets and groups have no parent',
  ],
  FEEDBACK_ANSWERED: [409, '该意见已答复', 'This feedback has already been answered'],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(PEOPLE_ERRORS);

type PeopleErrors = typeof PEOPLE_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends PeopleErrors {}
}
