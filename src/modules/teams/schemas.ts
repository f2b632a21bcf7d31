import { z } from 'zod';
import { Id } from '../../platform/ids.js';
import { Keyword, NumberSearch, sortParam } from '../../platform/lists/index.js';
import { TEAM_KINDS } from './kinds.js';
import { TEAM_SORT_KEYS } from './repository.js';

const Within = z
  .string()
  .regex(/^\d{6,15}$/)
  .optional()
  .describe('limit to this region (inside your scope)');

export const TeamQuery = z.object({
  within: Within,
  kind: z.enum(TEAM_KINDS).optional(),
  number: NumberSearch.describe('the team’s number (its id) or a part of it'),
  q: Keyword.describe('words in the team’s name or duty, the village or a member’s name (not a phone)'),
  sort: sortParam(TEAM_SORT_KEYS),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
/** The export takes the list's filters and order, without paging. */
export const TeamExportQuery = TeamQuery.omit({ limit: true, offset: true });
export const TeamItem = z.object({
  id: z.number().int(),
  villageCode: z.string(),
  villageName: z.string(),
  kind: z.enum(TEAM_KINDS),
  code: z.string(),
  name: z.string(),
  duty: z.string(),
  members: z.number().int(),
});
export const Member = z.object({
  id: z.number().int(),
  teamId: z.number().int(),
  teamName: z.string(),
  residentId: z.number().int().nullable().describe('a resident of the archive; null for an outside person'),
  name: z.string(),
  title: z.string(),
  affiliation: z.string(),
});
export const TeamDetail = TeamItem.extend({ memberList: z.array(Member) });
export const CreateTeamBody = z.object({
  villageCode: z.string().regex(/^\d{12}$/),
  code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/),
  name: z.string().trim().min(2).max(40),
  duty: z.string().trim().max(500).optional(),
});
export const AddMemberBody = z
  .object({
    residentId: z
      .number()
      .int()
      .min(1)
      .max(Number.MAX_SAFE_INTEGER)
      .optional()
      .describe('a resident of the village'),
    name: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .optional()
      .describe('an outside person’s name (without residentId)'),
    title: z.string().trim().max(40).optional(),
    affiliation: z.string().trim().max(60).optional(),
  })
  .refine((b) => (b.residentId === undefined) !== (b.name === undefined), 'either residentId or name');
export const MemberParams = z.object({ id: Id, memberId: Id });
export const CandidateQuery = z.object({
  village: z.string().regex(/^\d{12}$/),
  purpose: z.enum(['mediation', 'meeting']).default('mediation'),
});
