import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const ORGLIFE_ERRORS = {
  ORGLIFE_KIND_MISMATCH: [
    400,
    '党小组会由党小组召开，支部党员大会、支委会、党课、主题党日由党支部召开',
    'A party group holds group meetings; a branch holds the assembly, committee, lessons and theme days',
  ],
  ORGLIFE_NOT_MEMBER: [
    400,
    '出席名单中有不属于该党组织的人员',
    'The attendance names someone who is not a member of this organisation',
  ],
  ORGLIFE_DATE_INVALID: [400, '日期不能晚于今天', 'The date cannot be later than today'],
  ORGLIFE_COUNTY_ONLY: [
    403,
    '组织生活频次由县级党组织设置',
    'The rhythm of organisational life is set at county level',
  ],
  ORGLIFE_REQUEST_REUSED: [
    409,
    '请求编号已用于另一项内容',
    'This request id was already used for something else',
  ],
  LESSON_NOT_OWNER: [
    403,
    '只有发布该党课的党组织可以修改它',
    'Only the organisation that offers the lesson may change it',
  ],
  LESSON_MEDIA_INVALID: [
    400,
    '课件须是 MP4/WebM 视频或 PDF 幻灯片',
    'The media must be an MP4/WebM video or PDF slides',
  ],
  LESSON_NO_MEDIA: [404, '该党课没有课件', 'This lesson has no media'],
  LESSON_NOT_ONLINE: [409, '该党课不是云党课', 'This lesson is not an online lesson'],
  LESSON_NOT_A_MEMBER: [403, '只有党员可以学习云党课', 'Only party members watch online lessons'],
  LESSON_ORDER_OUT_OF_ORDER: [
    409,
    '党课配送须按顺序进行：点单、排课、送课',
    'A lesson order goes in order: ordered, scheduled, delivered',
  ],
  LESSON_ORDER_VERSION_CONFLICT: [
    409,
    '已被他人更新，请刷新后重试',
    'Someone else changed it first; reload and try again',
  ],
  LESSON_NOT_DELIVERER: [
    403,
    '党课由县、乡镇党组织排课和送课',
    'The county or township schedules and delivers lessons',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(ORGLIFE_ERRORS);

type OrgLifeErrors = typeof ORGLIFE_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends OrgLifeErrors {}
}
