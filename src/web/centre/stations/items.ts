import type { paths } from '../../shared/api-schema.js';

export type ItemKind =
  paths['/api/v1/station-loans']['get']['responses'][200]['content']['application/json']['items'][number]['itemKind'];

/** The ~20 kinds of items a convenience station lends (kinds.ts), the wheelchair first. */
export const ITEMS: ItemKind[] = [
  'wheelchair',
  'medicine_kit',
  'torch',
  'umbrella',
  'sewing_kit',
  'masks',
  'crutches',
  'walker',
  'blood_pressure_meter',
  'thermometer',
  'reading_glasses',
  'magnifier',
  'toolbox',
  'ladder',
  'pump',
  'phone_charger',
  'raincoat',
  'cart',
  'folding_chair',
  'scale',
];
