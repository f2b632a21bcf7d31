import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const MEETING_ERRORS = {
  MEETING_REGION_INVALID: [
    400,
    '议事地点须是您管辖范围内的一个村(社区)或网格',
    'The place must be a village or a grid inside your scope',
  ],
  MEETING_LINK_INVALID: [
    400,
    '关联的事件、纠纷或微心愿不存在或不在这个村(社区)',
    'The linked case, dispute or wish does not exist or is not in this village',
  ],
  MEETING_PARTICIPANT_INVALID: [
    400,
    '出席名单中有不属于本次议事的参会人',
    'The attendance names someone not invited to this meeting',
  ],
  MEETING_PARTICIPANT_UNKNOWN: [
    400,
    '邀请的居民、党员、干部、物业、站点、新经济组织或5+5+N队员不存在，或不在本村(社区)、不在您的管辖范围内',
    'An invited resident, party member, cadre, property manager, station, organisation or team member does not exist, is not of this village or is outside your scope',
  ],
  MEETING_NOT_YET: [
    409,
    '会议日期未到，不能登记出席和会议记录',
    'The meeting’s day has not come: attendance and minutes cannot be recorded yet',
  ],
  MATTER_MEETING_INVALID: [
    400,
    '这一步须注明召开的会议：本村(社区)的两委会议、党员大会、村民会议或村民代表会议',
    'Name the meeting that took this step: the village’s own two-committee, party members’, villagers’ or representatives’ meeting',
  ],
  MATTER_MEETING_REQUIRED: [
    400,
    '两委会议商议、党员大会审议和村民(代表)会议决议须选择召开的会议',
    'Discussing, reviewing and deciding need the meeting that took the step',
  ],
  MATTER_MEETING_NOT_RECORDED: [
    409,
    '所选会议尚未召开或未登记出席，不能据此计算到会人数',
    'The meeting is not held or its attendance is not recorded: the quorum cannot be counted',
  ],
  MEETING_STEP_TAKEN: [
    409,
    '已有四议两公开的步骤据此会议的出席作出，出席不能再改',
    'A step of 四议两公开 was counted on this meeting’s attendance: it cannot change',
  ],
  MEETING_MATTER_INVALID: [400, '议题不属于本次议事', 'The matter is not one of this meeting’s'],
  MEETING_NOT_HELD: [
    409,
    '议事尚未召开，请先登记出席和会议记录',
    'The meeting is not held yet: record it first',
  ],
  MEETING_VERSION_CONFLICT: [
    409,
    '已被他人更新，请刷新后重试',
    'Someone else changed it first; reload and try again',
  ],
  RESOLUTION_CLOSED: [409, '这项决议已办结或已撤销', 'This resolution is already done or dropped'],
  MATTER_NOT_VILLAGE_STAFF: [
    403,
    '只有本村(社区)两委可以办理四议两公开',
    'Only the village’s own two committees take a major matter through its steps',
  ],
  MATTER_OUT_OF_ORDER: [
    409,
    '四议两公开须按顺序进行：提议、商议、审议、决议、决议公开、结果公开',
    '四议两公开 goes in order: propose, discuss, review, decide, publish the resolution, publish the result',
  ],
  MATTER_QUORUM_NOT_MET: [
    409,
    '到会人数未达法定人数，会议不能作出决定',
    'Too few present: the meeting cannot decide',
  ],
  MATTER_FIGURES_INVALID: [
    400,
    '人数有误：到会不能多于应到，赞成不能多于到会',
    'The figures are wrong: no more present than members, no more in favour than present',
  ],
  MATTER_NO_BRANCH: [
    409,
    '本村(社区)没有党支部或党员，不能审议',
    'The village has no party branch with members',
  ],
  MATTER_VERSION_CONFLICT: [
    409,
    '已被他人更新，请刷新后重试',
    'Someone else changed it first; reload and try again',
  ],
  MEETING_REQUEST_REUSED: [
    409,
    '请求编号已用于另一项内容',
    'This request id was already used for something else',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(MEETING_ERRORS);

type MeetingErrors = typeof MEETING_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends MeetingErrors {}
}
