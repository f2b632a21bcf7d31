/**
 * The error catalogue. Every error the API returns has a stable code, a Chinese
 * message (shown first) and an English one. Routes throw AppError; the server's
 * error handler turns it into {"error": {code, message, messageEn}} with the
 * catalogue's HTTP status. Nothing else reaches the client (no stack traces).
 * Modules keep their own codes in src/modules/<module>/errors.ts, merged here.
 */
import { ACCOUNT_ERRORS } from '../modules/accounts/errors.js';
import { DEPARTMENT_ERRORS } from '../modules/departments/errors.js';
import { DISCLOSURE_ERRORS } from '../modules/disclosures/errors.js';
import { ERRAND_ERRORS } from '../modules/errands/errors.js';
import { PARTY_ERRORS } from '../modules/party/errors.js';
import { POINTS_ERRORS } from '../modules/points/errors.js';
import { VISIT_ERRORS } from '../modules/visits/errors.js';
import { WISH_ERRORS } from '../modules/wishes/errors.js';

export const ERRORS = {
  BAD_REQUEST: [400, '请求参数有误', 'The request is invalid'],
  VALIDATION_FAILED: [400, '请求参数校验失败', 'The request failed validation'],
  COORDINATE_OUT_OF_RANGE: [400, '坐标超出有效范围', 'Coordinates are out of range'],
  REASON_REQUIRED: [400, '请填写事由', 'A reason is required'],
  OUTSIDE_COUNTY: [400, '位置不在本县网格范围内', 'The location is outside the county’s grids'],
  CATEGORY_NOT_FOUND: [400, '事件类别不存在', 'Unknown case category'],
  DEPARTMENT_NOT_FOUND: [400, '该层级没有此职能部门', 'No such department at this tier'],
  AFTER_PHOTO_REQUIRED: [400, '处置须上传处置后照片', 'An after-photo is required'],
  PHOTO_NOT_FOUND: [400, '照片不存在或已被使用', 'Photo not found or already attached'],
  ATTRIBUTE_INVALID: [400, '附加信息填写有误', 'An extra question was answered wrongly'],
  CASE_ILLEGAL_TRANSITION: [
    409,
    '案件当前状态不允许此操作',
    'This action is not allowed in the case’s current state',
  ],
  CASE_VERSION_CONFLICT: [
    409,
    '案件已被他人更新，请刷新后重试',
    'The case was changed by someone else; reload and retry',
  ],
  CASE_ALREADY_EVALUATED: [409, '案件已评价', 'The case has already been evaluated'],
  CASE_REOPEN_LIMIT: [409, '案件只能重新办理一次', 'A case can be reopened only once'],
  NO_HIGHER_TIER: [409, '已是最高层级，无法继续上报', 'The case is already at the highest tier'],
  UNAUTHENTICATED: [401, '请先登录', 'Please sign in'],
  INVALID_CREDENTIALS: [401, '用户名或密码错误', 'Wrong username or password'],
  ACCOUNT_DISABLED: [403, '账号已停用', 'This account is disabled'],
  FORBIDDEN: [403, '无权执行此操作', 'You are not allowed to do this'],
  NOT_FOUND: [404, '未找到该对象或不在您的管辖范围内', 'Not found or outside your scope'],
  ROUTE_NOT_FOUND: [404, '接口不存在', 'No such endpoint'],
  GRID_NOT_FOUND_AT_POINT: [404, '该位置不在任何网格内', 'No grid contains this point'],
  CONFLICT: [409, '操作与当前状态冲突', 'The request conflicts with the current state'],
  USERNAME_TAKEN: [409, '用户名已被使用', 'This username is already taken'],
  SCOPE_OUTSIDE_OWN: [403, '不能授权超出本人管辖范围的账号', 'Cannot grant a scope outside your own'],
  PAYLOAD_TOO_LARGE: [413, '上传内容过大', 'The upload is too large'],
  UNSUPPORTED_MEDIA_TYPE: [415, '不支持的内容类型', 'Unsupported content type'],
  RATE_LIMITED: [429, '请求过于频繁，请稍后再试', 'Too many requests, please try again later'],
  INTERNAL: [500, '服务器内部错误', 'Internal server error'],
  ...ACCOUNT_ERRORS,
  ...VISIT_ERRORS,
  ...POINTS_ERRORS,
  ...WISH_ERRORS,
  ...ERRAND_ERRORS,
  ...DISCLOSURE_ERRORS,
  ...PARTY_ERRORS,
  ...DEPARTMENT_ERRORS,
} as const satisfies Record<string, readonly [number, string, string]>;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly details: unknown;

  constructor(code: ErrorCode, opts: { detail?: string; detailEn?: string; details?: unknown } = {}) {
    const [status, zh, en] = ERRORS[code];
    super(`${code}: ${opts.detailEn ?? en}`);
    this.code = code;
    this.status = status;
    this.messageZh = opts.detail ? `${zh}：${opts.detail}` : zh;
    this.messageEn = opts.detailEn ? `${en}: ${opts.detailEn}` : en;
    this.details = opts.details;
  }
}

export type ErrorBody = {
  error: { code: string; message: string; messageEn: string; details?: unknown };
};

export function errorBody(err: AppError): ErrorBody {
  const body: ErrorBody = { error: { code: err.code, message: err.messageZh, messageEn: err.messageEn } };
  if (err.details !== undefined) body.error.details = err.details;
  return body;
}
