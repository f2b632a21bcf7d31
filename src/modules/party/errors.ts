import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const PARTY_ERRORS = {
  PARTY_ORG_PARENT_KIND: [
    400,
    '该类党组织不能设在所选上级组织之下',
    'An organisation of this kind cannot sit under the chosen parent',
  ],
  PARTY_ORG_REGION: [
    400,
    '党组织所在区划须在上级组织的区划之内且层级相符',
    "The organisation's region must lie within its parent's region, at a level its kind allows",
  ],
  PARTY_ORG_CLOSED: [409, '该党组织已撤并', 'The organisation has been closed'],
  PARTY_MERGE_INVALID: [
    400,
    '只能并入另一个同类、未撤并且不在其下级的党组织',
    'An organisation merges only into another open one of the same kind that is not below it',
  ],
  PARTY_MEMBER_ORG_KIND: [
    400,
    '党员只能编入党支部或党小组',
    'A member belongs to a branch or a party group only',
  ],
  PARTY_SAME_ORG: [400, '党员已在该组织', 'The member is already in that organisation'],
  PARTY_DATE_INVALID: [
    400,
    '日期不能早于现所在组织的起始日期，也不能晚于今天',
    "The date cannot be before the start in the member's present organisation, nor after today",
  ],
  PARTY_MEMBER_LEFT: [
    409,
    '该党员组织关系已转出',
    "The member's organisational relation was transferred out",
  ],
  PARTY_MEMBER_ACTIVE: [
    409,
    '该居民已是本县在册党员',
    'This resident is already a party member on the register',
  ],
  PARTY_LEADER_ACCOUNT: [
    400,
    '网格长须是本网格所在村(社区)的两委或网格员账号',
    "A grid leader is an active village-staff or grid-worker account of the grid's village",
  ],
  PARTY_LEADER_ORG: [
    400,
    '网格长所属党组织须为覆盖该网格的网格(小区)党支部、村(社区)党支部或社区党委',
    'The grid leader reports to a grid, compound, village branch or community committee covering the grid',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(PARTY_ERRORS);

type PartyErrors = typeof PARTY_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends PartyErrors {}
}
