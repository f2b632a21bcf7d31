import { z } from 'zod';
import { Id } from '../../platform/ids.js';
import { Keyword, NumberSearch, sortParam } from '../../platform/lists/index.js';
import { REGISTRATION_SORT_KEYS } from './repository.js';

export const RegistrationStatus = z.enum(['pending', 'approved', 'rejected']);

export const SignUpBody = z.strictObject({
  username: z.string().regex(/^[a-z0-9][a-z0-9_.-]{2,39}$/, '3–40 lowercase letters, digits, _ . -'),
  displayName: z.string().trim().min(1).max(60),
  password: z.string().min(10).max(200),
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$/, '11-digit mobile number'),
  homeCode: z
    .string()
    .regex(/^\d{12}$/, 'the 12-digit code of the village or community')
    .describe('the village or community where you live (报到地)'),
  employerUnit: z.string().trim().min(2).max(60).describe('工作单位 the unit you work for'),
  employerOrgId: z
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .describe('the unit’s party organisation in the county’s tree, if listed'),
});

export const SignUpResult = z.object({ id: z.number().int(), status: RegistrationStatus });

export const Registration = z.object({
  id: z.number().int(),
  accountId: z.number().int(),
  name: z.string(),
  phone: z.string().describe('masked, e.g. 138****5678'),
  homeCode: z.string(),
  homeName: z.string(),
  employerUnit: z.string(),
  employerOrgId: z.number().int().nullable(),
  employerOrgName: z.string().nullable(),
  status: RegistrationStatus,
  rejectReason: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  createdAt: z.string(),
  hours: z.number().describe('hours of service recorded in total'),
  wishes: z.number().int().describe('fulfilled wishes with hours recorded'),
  duplicatePhone: z
    .boolean()
    .describe(
      'another registration of the county (pending or approved) has the same phone: check before approving',
    ),
});

export const RegistrationQuery = z.object({
  status: RegistrationStatus.optional(),
  within: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional()
    .describe('limit to this region (inside your scope)'),
  employerOrgId: Id.optional().describe('only the members of this employer unit’s party organisation'),
  number: NumberSearch.describe('the registration’s number (its id) or a part of it'),
  q: Keyword.describe(
    'words in the member’s name, home, employer unit or its party organisation (not a phone)',
  ),
  sort: sortParam(REGISTRATION_SORT_KEYS),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
/** The export takes the list's filters and order, without paging. */
export const RegistrationExportQuery = RegistrationQuery.omit({ limit: true, offset: true });

export const HoursQuery = z.object({
  employerOrgId: Id.optional().describe('only the members of this employer unit’s party organisation'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const HoursReport = z.object({
  units: z.array(
    z.object({
      employerUnit: z.string(),
      employerOrgId: z.number().int().nullable(),
      members: z.number().int(),
      hours: z.number(),
    }),
  ),
  items: z.array(Registration),
  total: z.number().int(),
});

export const ReviewParams = z.object({ id: Id, decision: z.enum(['approve', 'reject']) });
export const ReviewBody = z.strictObject({
  reason: z.string().trim().min(2).max(200).optional().describe('required when rejecting'),
  version: z.number().int().positive().optional(),
});

export const MyService = z.object({
  registration: Registration,
  entries: z.array(
    z.object({
      wishId: z.number().int(),
      wishNumber: z.string(),
      title: z.string(),
      hours: z.number(),
      servedOn: z.string(),
    }),
  ),
});
