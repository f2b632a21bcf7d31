import { registerErrors } from '../../platform/errors.js';

/** Error codes of this module: [HTTP status, Chinese, English]. Registered in the catalogue when this file loads (ADR 0005). */
export const TEAM_ERRORS = {
  TEAM_CODE_TAKEN: [409, '本村已有此队伍', 'This village already has a team with this code'],
  TEAM_NOT_VILLAGE: [400, '5+5+N队伍只能建在村（社区）', 'A 5+5+N team belongs to a village or community'],
  TEAM_MEMBER_RESIDENT: [400, '该居民不在本村档案中', 'The resident is not in this village’s archive'],
  TEAM_MEMBER_TWICE: [409, '该居民已是此队伍成员', 'The resident is already a member of this team'],
} as const satisfies Record<string, readonly [number, string, string]>;

registerErrors(TEAM_ERRORS);

type TeamErrors = typeof TEAM_ERRORS;
declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalogue extends TeamErrors {}
}
