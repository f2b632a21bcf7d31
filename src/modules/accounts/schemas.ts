import { z } from 'zod';
import { Id } from '../../platform/ids.js';
import { RoleSchema } from './roles.js';

export const LoginBody = z.object({
  username: z.string().min(1).max(40),
  password: z.string().min(1).max(200),
});

export const LoginResponse = z.object({
  token: z.string(),
  expiresInSeconds: z.number().int(),
});

export const AbilityList = z
  .array(z.string())
  .describe('What the caller may do; the UI shows only these actions');

export const MeResponse = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  roleName: z.object({ zh: z.string(), en: z.string() }),
  scope: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  countyCode: z.string(),
  abilities: AbilityList,
});

export const CreateAccountBody = z.object({
  username: z.string().regex(/^[a-z0-9][a-z0-9_.-]{2,39}$/, '3–40 lowercase letters, digits, _ . -'),
  displayName: z.string().trim().min(1).max(60),
  password: z.string().min(10).max(200),
  role: RoleSchema,
  scopeCode: z.string().regex(/^\d{6,15}$/),
  departmentId: z
    .number()
    .int()
    .positive()
    .nullable()
    .optional()
    .describe('department staff: their department'),
  workerId: z.number().int().positive().nullable().optional().describe('grid workers: their roster record'),
});

export const AccountItem = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  scopeCode: z.string(),
  scopeName: z.string(),
  disabled: z.boolean(),
  departmentId: z.number().int().nullable(),
  departmentName: z.string().nullable(),
  workerId: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const Paging = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const AccountQuery = Paging.extend({
  role: RoleSchema.optional(),
  q: z.string().trim().min(1).max(40).optional().describe('part of the username or display name'),
  disabled: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true: disabled accounts only; false: active ones only'),
});

export const AccountIdParams = z.object({
  id: Id,
});

/** An administrator's change to an account; only the fields sent change. */
export const UpdateAccountBody = z
  .strictObject({
    displayName: z.string().trim().min(1).max(60).optional(),
    role: RoleSchema.optional(),
    scopeCode: z
      .string()
      .regex(/^\d{6,15}$/)
      .optional(),
    disabled: z.boolean().optional(),
    departmentId: z
      .number()
      .int()
      .positive()
      .nullable()
      .optional()
      .describe('department staff: their department'),
    workerId: z.number().int().positive().nullable().optional().describe('grid workers: their roster record'),
    updatedAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('the updatedAt you read; 409 CONFLICT when someone changed the account since'),
  })
  .refine(
    (b) =>
      b.displayName !== undefined ||
      b.role !== undefined ||
      b.scopeCode !== undefined ||
      b.disabled !== undefined ||
      b.departmentId !== undefined ||
      b.workerId !== undefined,
    {
      message: 'nothing to change: send displayName, role, scopeCode, disabled, departmentId or workerId',
    },
  );

export const PasswordBody = z.strictObject({ password: z.string().min(10).max(200) });
