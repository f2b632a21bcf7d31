import { z } from 'zod';
import { Id } from '../../platform/ids.js';

export const Within = z
  .string()
  .regex(/^\d{6,15}$/)
  .optional()
  .describe('limit to this region (inside your scope); default your whole scope');

export const OrgKind = z.enum([
  'county_committee',
  'township_committee',
  'community_committee',
  'branch',
  'grid_branch',
  'grid_group',
]);
export type OrgKind = z.infer<typeof OrgKind>;

export const IdParams = z.object({
  id: Id,
});

export const OrgItem = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable().describe('null when the parent lies outside your scope'),
  kind: OrgKind,
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  memberCount: z.number().int().describe('members of this organisation itself'),
  totalMemberCount: z.number().int().describe('members of this organisation and all below it'),
  childCount: z.number().int(),
  closedOn: z.string().nullable().describe('the day it was merged into another (撤并), kept on record'),
});

export const OrgList = z.object({ items: z.array(OrgItem) });

/** A party member as lists show them: no ID number, no phone. */
export const MemberItem = z.object({
  id: z.number().int(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  joinedOn: z.string().nullable(),
  orgId: z.number().int(),
  orgName: z.string(),
  gridCode: z.string().nullable().describe('the home grid; null when the member lives outside your scope'),
  gridName: z.string().nullable(),
  linkedHouseholds: z.number().int().describe('党员联系户: households this member is linked to'),
});

export const OrgQuery = z.object({
  members: z
    .enum(['direct', 'all'])
    .default('direct')
    .describe('direct: members of this organisation; all: also those of the organisations below it'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const OrgDetail = OrgItem.extend({
  parentName: z.string().nullable(),
  children: z.array(OrgItem),
  members: z.array(MemberItem),
  membersTotal: z.number().int(),
});

export const LinkedHousehold = z.object({
  id: z.number().int(),
  address: z.string(),
  gridName: z.string(),
  memberCount: z.number().int(),
  careTags: z.array(z.string()).describe('care tags: poverty, minimum-living, elderly-alone …'),
});

export const MemberDetail = MemberItem.extend({
  phone: z.string().nullable().describe('masked'),
  leftOn: z.string().nullable().describe('组织关系转出: the day the relation went out of the county'),
  leftTo: z.string().nullable(),
  centralHousehold: z
    .boolean()
    .describe('党员中心户: the member’s household is a party-member central household'),
  households: z.array(LinkedHousehold),
});

export const Summary = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  countyCommittees: z.number().int(),
  townshipCommittees: z.number().int(),
  communityCommittees: z.number().int().describe('社区党委 / 村党总支'),
  branches: z.number().int(),
  gridBranches: z.number().int().describe('grid, compound and building branches (网格/小区/楼栋党支部)'),
  gridGroups: z.number().int(),
  members: z.number().int(),
  centralHouseholds: z.number().int().describe('members whose household is a 党员中心户'),
  membersWithLinkedHouseholds: z.number().int(),
  linkedHouseholds: z.number().int().describe('distinct households linked to a member'),
  gridsWithGroup: z.number().int(),
  grids: z.number().int(),
});
