import { z } from 'zod';

export const DepartmentItem = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  tier: z.enum(['county', 'township']),
  regionCode: z.string(),
  regionName: z.string(),
  active: z.boolean(),
});

export const DepartmentQuery = z.object({
  /** a township or the county: only its departments */
  within: z
    .string()
    .regex(/^\d{6}(\d{3})?$/)
    .optional(),
  tier: z.enum(['county', 'township']).optional(),
  q: z.string().trim().max(30).optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

const Name = z.string().trim().min(2).max(60);
const NameEn = z.string().trim().min(2).max(120);

export const CreateDepartmentBody = z.object({
  /** stable code, the same in every township for the same kind of office (urban_management_office) */
  code: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,59}$/, 'lower-case letters, digits and _')
    .refine((c) => c !== 'township_centre' && c !== 'county_centre', 'reserved for the dispatch centres'),
  name: Name,
  nameEn: NameEn.nullable().default(null),
  /** the county (a bureau) or a township (an office) */
  regionCode: z.string().regex(/^\d{6,15}$/),
});

export const UpdateDepartmentBody = z
  .object({ name: Name, nameEn: NameEn.nullable(), active: z.boolean() })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

export const DepartmentIdParams = z.object({ id: z.coerce.number().int().positive() });
