import { z } from 'zod';

export const LEVELS = ['province', 'city', 'county', 'township', 'village', 'grid'] as const;

export const RegionCode = z
  .string()
  .regex(
    /^\d{2}(\d{2}(\d{2}(\d{3}(\d{3}(\d{3}(\d{3})?)?)?)?)?)?$/,
    'a statistical division code (2/4/6/9/12 digits) or a 15-digit grid code',
  );

export const RegionItem = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(LEVELS),
  kind: z
    .string()
    .nullable()
    .describe("village: 'village' (rural) or 'community'; grid: 'rural' or 'community'"),
  parentCode: z.string().nullable(),
  countyCode: z.string().nullable(),
  childCount: z.number().int(),
});

export const RegionDetail = RegionItem.extend({
  ancestors: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })),
});

type Row = {
  code: string;
  name: string;
  level: string;
  kind: string | null;
  parent_code: string | null;
  county_code: string | null;
  child_count: number | null;
};

export function toRegionItem(r: Row): z.infer<typeof RegionItem> {
  return {
    code: r.code,
    name: r.name,
    level: r.level as (typeof LEVELS)[number],
    kind: r.kind,
    parentCode: r.parent_code,
    countyCode: r.county_code,
    childCount: r.child_count ?? 0,
  };
}
