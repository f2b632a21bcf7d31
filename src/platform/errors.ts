/**
 * The error catalogue. Every error the API returns has a stable code, a Chinese
 * message (shown first) and an English one. Routes throw AppError; the server's
 * error handler turns it into {"error": {code, message, messageEn}} with the
 * catalogue's HTTP status. Nothing else reaches the client (no stack traces).
 *
 * Platform holds only the core codes and never imports a module (ADR 0005). A
 * module keeps its codes in src/modules/<module>/errors.ts, which registers them
 * when it loads (`registerErrors`) and widens `ErrorCatalogue` by declaration
 * merging, so `new AppError(code)` stays typed; server/catalogue.ts composes the
 * whole catalogue and the type checker fails when a module is left out.
 */

/** [HTTP status, Chinese message, English message] */
export type ErrorEntry = readonly [status: number, zh: string, en: string];
export type ErrorTable = Record<string, ErrorEntry>;

export const CORE_ERRORS = {
  BAD_REQUEST: [400, '请求参数有误', 'The request is invalid'],
  VALIDATION_FAILED: [400, '请求参数校验失败', 'The request failed validation'],
  INPUT_CONTROL_CHARACTER: [
    400,
    '输入含有不允许的控制字符（如空字符）',
    'The input contains a control character that is not allowed (such as NUL)',
  ],
  JSON_MALFORMED: [400, '请求体不是有效的 JSON', 'The request body is not valid JSON'],
  MULTIPART_MALFORMED: [
    400,
    '上传内容格式有误（multipart 不完整或分隔符错误）',
    'The multipart upload is malformed',
  ],
  URL_MALFORMED: [400, '网址编码有误', 'The URL is not correctly encoded'],
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
  CROSS_ORIGIN_REFUSED: [
    403,
    '拒绝来自其他网站的操作请求',
    'A state-changing request from another site was refused',
  ],
  FORBIDDEN: [403, '无权执行此操作', 'You are not allowed to do this'],
  NOT_FOUND: [404, '未找到该对象或不在您的管辖范围内', 'Not found or outside your scope'],
  ROUTE_NOT_FOUND: [404, '接口不存在', 'No such endpoint'],
  GRID_NOT_FOUND_AT_POINT: [404, '该位置不在任何网格内', 'No grid contains this point'],
  CONFLICT: [409, '操作与当前状态冲突', 'The request conflicts with the current state'],
  REQUEST_ID_REUSED: [
    409,
    '该请求编号已用于另一项内容',
    'This client request id was already used for something else',
  ],
  USERNAME_TAKEN: [409, '用户名已被使用', 'This username is already taken'],
  SCOPE_OUTSIDE_OWN: [403, '不能授权超出本人管辖范围的账号', 'Cannot grant a scope outside your own'],
  REQUEST_TIMEOUT: [408, '请求超时', 'The request timed out'],
  PAYLOAD_TOO_LARGE: [413, '上传内容过大', 'The upload is too large'],
  URI_TOO_LONG: [414, '网址或参数过长', 'The URL or one of its parameters is too long'],
  UNSUPPORTED_MEDIA_TYPE: [415, '不支持的内容类型', 'Unsupported content type'],
  RATE_LIMITED: [429, '请求过于频繁，请稍后再试', 'Too many requests, please try again later'],
  HEADERS_TOO_LARGE: [431, '请求头过大', 'The request headers are too large'],
  INTERNAL: [500, '服务器内部错误', 'Internal server error'],
  DATABASE_UNAVAILABLE: [
    503,
    '数据库暂时不可用（可能正在主备切换），请稍后重试',
    'The database is unavailable for a moment (perhaps failing over); please retry shortly',
  ],
} as const satisfies ErrorTable;

type CoreErrors = typeof CORE_ERRORS;

/** Every code the API knows: the core codes here, each module's merged in from its errors.ts. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ErrorCatalogue extends CoreErrors {}

export type ErrorCode = keyof ErrorCatalogue & string;

const registry = new Map<string, ErrorEntry>(Object.entries(CORE_ERRORS));

/**
 * Adds a module's codes to the catalogue in force; called by the module's
 * errors.ts when it loads. A code defined twice with different meanings is a
 * programming error and fails at start-up.
 */
export function registerErrors(table: ErrorTable): void {
  for (const [code, entry] of Object.entries(table)) {
    const known = registry.get(code);
    if (known && known.join('\u0000') !== entry.join('\u0000')) {
      throw new Error(`error code ${code} is defined twice with different meanings`);
    }
    registry.set(code, entry);
  }
}

/** The codes registered so far (core codes and every loaded module's). */
export function registeredErrors(): ReadonlyMap<string, ErrorEntry> {
  return registry;
}

/** A code whose module's errors.ts was never loaded: answered as an internal error. */
function entryOf(code: string): ErrorEntry {
  return registry.get(code) ?? [500, CORE_ERRORS.INTERNAL[1], `Unregistered error code ${code}`];
}

/**
 * An error with a catalogue code. Status and messages are looked up when they
 * are read, so the order in which modules load does not matter.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  private readonly detail: string | undefined;
  private readonly detailEn: string | undefined;

  constructor(code: ErrorCode, opts: { detail?: string; detailEn?: string; details?: unknown } = {}) {
    super();
    this.name = 'AppError';
    this.code = code;
    this.detail = opts.detail;
    this.detailEn = opts.detailEn;
    this.details = opts.details;
    Object.defineProperty(this, 'message', {
      get: () => `${code}: ${opts.detailEn ?? entryOf(code)[2]}`,
      enumerable: false,
      configurable: true,
    });
  }

  get status(): number {
    return entryOf(this.code)[0];
  }

  get messageZh(): string {
    const zh = entryOf(this.code)[1];
    return this.detail ? `${zh}：${this.detail}` : zh;
  }

  get messageEn(): string {
    const en = entryOf(this.code)[2];
    return this.detailEn ? `${en}: ${this.detailEn}` : en;
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
