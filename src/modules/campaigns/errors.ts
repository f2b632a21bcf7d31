import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const CAMPAIGN_ERRORS = {
  CAMPAIGN_REGION_INVALID: [
    400,
    '目标范围中的区划不存在或不在您的管辖范围内',
    'A region of the target list does not exist or is outside your scope',
  ],
  CAMPAIGN_TEMPLATE_NOT_FOUND: [400, '没有这个专项任务模板', 'No such campaign template'],
  CAMPAIGN_DATES_INVALID: [
    400,
    '起止日期有误：结束不能早于开始，期限不超过一年，结束不能早于今天',
    'The dates are wrong: the end not before the start nor before today, a year at most',
  ],
  CAMPAIGN_NO_TARGETS: [400, '按这个规则没有任务对象', 'The rule selects nobody'],
  CAMPAIGN_ANSWERS_INVALID: [400, '核查清单填写有误', 'The checklist answers are invalid'],
  CAMPAIGN_PHOTO_NOT_ALLOWED: [400, '这项任务不收照片', 'This campaign takes no photos'],
  CAMPAIGN_TIME_INVALID: [
    400,
    '完成时间不对：不能晚于现在，也不能早于任务开始',
    'The time is wrong: not in the future, not before the campaign started',
  ],
  CAMPAIGN_CLOSED: [409, '专项任务已结束', 'The campaign is closed'],
  CAMPAIGN_TARGET_SETTLED: [
    409,
    '这个对象已经完成或已标记为不适用，不能重复计数',
    'This target is already done or marked not applicable: none is counted twice',
  ],
  CAMPAIGN_UNEXPLAINED_MISSES: [
    409,
    '还有未完成的对象，结束任务须说明原因',
    'Targets are still open: closing the campaign needs a reason',
  ],
  CAMPAIGN_VERSION_CONFLICT: [
    409,
    '任务已被他人更新，请刷新后重试',
    'Someone else changed it first; reload and try again',
  ],
  CAMPAIGN_REQUEST_REUSED: [
    409,
    '请求编号已用于另一个对象',
    'This request id was already used for another target',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(CAMPAIGN_ERRORS);

type CampaignErrors = typeof CAMPAIGN_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends CampaignErrors {}
}
