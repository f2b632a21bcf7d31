import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const DISPUTE_ERRORS = {
  DISPUTE_ILLEGAL_TRANSITION: [
    409,
    '矛盾纠纷当前状态不允许此操作',
    'This action is not allowed in the dispute’s current state',
  ],
  DISPUTE_VERSION_CONFLICT: [
    409,
    '矛盾纠纷已被他人更新，请刷新后重试',
    'The dispute was changed by someone else; reload and retry',
  ],
  DISPUTE_NOT_YOUR_TIER: [
    403,
    '该纠纷不在本级办理，不能操作',
    'The dispute is not held at your tier; you cannot act on it',
  ],
  DISPUTE_TOP_TIER: [409, '县级已是最高一级，不能再上报', 'The county is the top tier; it cannot go higher'],
  DISPUTE_SCREENING_EXISTS: [
    409,
    '本村今天已报送排查结果',
    'This village has already filed today’s screening',
  ],
  DISPUTE_SCREENING_EMPTY: [
    400,
    '请填写排查到的纠纷，或选择“今日无纠纷”',
    'List the disputes found, or choose “nothing found today”',
  ],
  DISPUTE_DEPARTMENT_INVALID: [
    400,
    '所选部门不是本级的在用部门',
    'The department chosen is not an active department of this tier',
  ],
  DISPUTE_GRID_REQUIRED: [400, '请选择纠纷所在网格', 'Choose the grid the dispute is in'],
  DISPUTE_REPORT_EXISTS: [409, '本期报告已报送', 'The report of this period has already been issued'],
  DISPUTE_PERIOD_INVALID: [
    400,
    '报告周期与本级不符（乡镇周报、县月报）',
    'The period does not fit your tier (township weekly, county monthly)',
  ],
  DISPUTE_DISPATCH_EXISTS: [
    409,
    '本期调度会已登记',
    'The dispatch meeting of this period has already been recorded',
  ],
  DISPUTE_DISPATCH_FUTURE: [400, '调度会日期不能晚于今天', 'The meeting cannot be dated after today'],
  MEDIATION_PLACE_INVALID: [
    400,
    '调解场所或调解员不存在或不在管辖范围内',
    'The mediation place or mediator does not exist or is out of your scope',
  ],
  MEDIATION_OUTCOME_TEXT: [
    400,
    '达成协议须写明协议内容，调解不成须写明原因',
    'An agreement needs its text; a failed mediation needs its reason',
  ],
  MEDIATION_REWARD_NOT_SETTLED: [
    409,
    '只能奖励已调解成功的纠纷',
    'Only a dispute that was settled can be rewarded',
  ],
  MEDIATION_REWARD_NOT_PETITION: [
    409,
    '以奖代补只奖励涉访矛盾纠纷（有信访风险或由信访转来）',
    'The fund rewards only petition-related disputes (petition risk, or turned from a petition)',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(DISPUTE_ERRORS);

type DisputeErrors = typeof DISPUTE_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends DisputeErrors {}
}
