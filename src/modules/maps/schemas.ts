import { z } from 'zod';
import { RegionCode } from '../regions/index.js';

export const TILE_PRESETS = ['none', 'tianditu', 'amap', 'custom'] as const;
export const Crs = z
  .enum(['wgs84', 'gcj02'])
  .describe('the tiles’ coordinate system: GCJ-02 tiles shift what is drawn');

const TileUrl = z
  .string()
  .trim()
  .max(300)
  .regex(/^https?:\/\/[^\s<>"']+$/, 'an http(s) URL')
  .refine((u) => ['{z}', '{x}', '{y}'].every((p) => u.includes(p)), 'a template with {z}, {x} and {y}');

/** What an administrator sets. */
export const MapSettingsBody = z.strictObject({
  tiles: z.enum(TILE_PRESETS),
  tiandituKey: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z]{16,64}$/, 'the key Tianditu issued (letters and digits)')
    .nullable()
    .optional(),
  customUrl: TileUrl.nullable().optional(),
  customCrs: Crs.optional(),
  publicMap: z.boolean().describe('publish the map of reports to residents (FixMyStreet-style)'),
});
export type MapSettingsBody = z.infer<typeof MapSettingsBody>;

export const TileLayer = z.object({
  url: z.string(),
  subdomains: z.array(z.string()),
  attribution: z.string(),
});

/** How a map draws its base: the layers (none = grid polygons alone) and their coordinate system. */
export const BaseMap = z.object({
  tiles: z.enum(TILE_PRESETS),
  crs: Crs,
  layers: z.array(TileLayer),
});
export type BaseMap = z.infer<typeof BaseMap>;

export const MapSettings = BaseMap.extend({
  tiandituKey: z.string().nullable(),
  customUrl: z.string().nullable(),
  customCrs: Crs,
  publicMap: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type MapSettings = z.infer<typeof MapSettings>;

export const DensityQuery = z.object({
  region: RegionCode.optional().describe(
    'county, township, village or grid in scope; default the caller’s scope',
  ),
  days: z.coerce.number().int().min(1).max(366).default(30).describe('cases reported in the last N days'),
  open: z.enum(['true', 'false']).default('false').describe('only cases still open'),
});

export const Cluster = z.object({
  code: z.string().describe('the child region (township, village or grid) the cases are counted in'),
  name: z.string(),
  lng: z.number(),
  lat: z.number(),
  count: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
});
export const HeatCell = z.object({ lng: z.number(), lat: z.number(), n: z.number().int() });
export const Density = z.object({
  region: z.object({ code: z.string(), name: z.string() }),
  total: z.number().int(),
  clusters: z.array(Cluster),
  heat: z.array(HeatCell).describe('cases with a location counted in cells of about 500 m'),
});

export const Place = z.object({
  code: z.string(),
  township: z.string().nullable(),
  village: z.string().nullable(),
  grid: z.string().nullable(),
  text: z.string().describe('the place in words: township, village (community), grid'),
});

export const PublicParams = z.object({ county: z.string().regex(/^\d{6}$/, 'a county code (6 digits)') });
export const PublicQuery = z.object({
  lng: z.coerce.number().min(73).max(136).optional(),
  lat: z.coerce.number().min(3).max(54).optional(),
  km: z.coerce.number().min(0.2).max(30).default(3).describe('radius around lng/lat'),
});
export const PublicReport = z.object({
  category: z.string(),
  categoryEn: z.string(),
  status: z.enum(['open', 'fixed']),
  summary: z.string().describe('the report’s words with phone and ID numbers masked, shortened'),
  place: z.string().describe('village (community) and villagers’ group (grid unit) only'),
  lng: z.number().describe('rounded to about 200 m'),
  lat: z.number(),
  reportedOn: z.string(),
  fixedOn: z.string().nullable(),
});
export const PublicMap = z.object({
  county: z.object({ code: z.string(), name: z.string() }),
  base: BaseMap,
  items: z.array(PublicReport),
});

export const CasePlace = Place.extend({
  code: z.string().describe('the case’s grid'),
  group: z
    .string()
    .nullable()
    .describe('the grid unit (villagers’ group, hamlet, building) nearest the report'),
  text: z.string().describe('the place in words: township, village (community), group, grid'),
});

export const CasePoint = z.object({
  id: z.number().int(),
  number: z.string(),
  category: z.string(),
  categoryEn: z.string(),
  state: z.string(),
  warning: z.enum(['none', 'yellow', 'red', 'overdue']),
  lng: z.number(),
  lat: z.number(),
  reportedAt: z.string(),
  township: z.string().nullable(),
  village: z.string().nullable(),
  group: z.string().nullable(),
  grid: z.string().nullable(),
  place: z.string().describe('township, village, group, grid in words'),
});
export const CasePoints = z.object({
  truncated: z.boolean().describe('more cases than the 5000 newest answered: narrow the region or days'),
  items: z.array(CasePoint),
});
