import { z } from 'zod';
import { RoleSchema } from './roles.js';

export const LoginBody = z.object({
  username: z.string().min(1).max(40),
  password: z.string().min(1).max(200),
});

export const LoginResponse = z.object({
  token: z.string(),
  expiresInSeconds: z.number().int(),
});

export const AbilityList = z.array(z.string()).describe('What the caller may do; the UI shows only these actions');

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
});

export const AccountItem = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  scopeCode: z.string(),
  scopeName: z.string(),
  disabled: z.boolean(),
  createdAt: z.string(),
});

export const Paging = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
