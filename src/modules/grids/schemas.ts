import { z } from 'zod';

const Position = z.tuple([z.number(), z.number()]);
const Ring = z.array(Position);
export const PolygonGeometry = z.union([
  z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring)) }),
]);

export const GridProperties = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string().nullable(),
  villageCode: z.string(),
  villageName: z.string(),
  townshipCode: z.string(),
  townshipName: z.string(),
});

export const GridFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  properties: GridProperties.extend({
    households: z.number().int(),
    residents: z.number().int(),
    workers: z.number().int(),
  }),
  geometry: PolygonGeometry.nullable(),
});

export const GridCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      properties: GridProperties,
      geometry: PolygonGeometry.nullable(),
    }),
  ),
});

export const LocateQuery = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  coordSystem: z
    .enum(['wgs84', 'gcj02', 'bd09'])
    .default('wgs84')
    .describe('WGS-84 (GPS), GCJ-02 (Chinese web maps) or BD-09 (Baidu)'),
});

export const LocateResponse = z.object({
  grid: GridProperties,
  wgs84: z.object({ lat: z.number(), lng: z.number() }),
});
