import type { OrgKind } from './schemas.js';

/**
 * The legal parent of each kind of organisation: the five-level chain of 丹东元宝区 (seed 000)
 * 镇街党(工)委 > 社区党委 > 小区(楼栋、网格)党支部 > 网格长 > 网格员 and 铁岭县's village chain
 * 乡镇党委 > 村党支部 > 网格党小组 both fit. The county committee is the root and is never created.
 */
export const PARENT_KINDS: Record<OrgKind, readonly OrgKind[]> = {
  county_committee: [],
  township_committee: ['county_committee'],
  community_committee: ['township_committee'],
  branch: ['township_committee', 'community_committee'],
  grid_branch: ['community_committee', 'branch'],
  grid_group: ['branch', 'grid_branch', 'community_committee'],
};

/** The levels of the territory each kind may sit on. */
export const REGION_LEVELS: Record<OrgKind, readonly string[]> = {
  county_committee: ['county'],
  township_committee: ['township'],
  community_committee: ['village'],
  branch: ['village'],
  grid_branch: ['village', 'grid'],
  grid_group: ['village', 'grid'],
};

/** Kinds a member belongs to directly (a member's own 支部 or 党小组). */
export const MEMBER_KINDS: readonly OrgKind[] = ['branch', 'grid_branch', 'grid_group'];

/** Kinds a grid leader (网格长) reports to. */
export const LEADER_KINDS: readonly OrgKind[] = ['grid_branch', 'branch', 'community_committee'];

export const parentAllowed = (kind: OrgKind, parent: OrgKind) => PARENT_KINDS[kind].includes(parent);
export const levelAllowed = (kind: OrgKind, level: string) => REGION_LEVELS[kind].includes(level);

/** Today's date in China (the county's calendar day), YYYY-MM-DD. */
export const chinaToday = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
