import type { paths } from '../shared/api-schema.js';
import type { AnyActionBody } from '../shared/action-body.js';

type Json<P extends keyof paths, M extends 'get' | 'post', S extends number = 200> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type Me = Json<'/api/v1/me', 'get'>;
/** The 201 answer of a POST. */
export type Json201<P extends keyof paths> = Json<P, 'post', 201>;
export type CaseItem = Json<'/api/v1/cases', 'get'>['items'][number];
export type CaseDetail = Json<'/api/v1/cases/{id}', 'get'>;
export type CaseAction = CaseDetail['actions'][number];
export type SimilarItem = Json<'/api/v1/cases/similar', 'get'>['items'][number];
export type InboxItem = Json<'/api/v1/inbox', 'get'>['items'][number];
/** A grid's outline as the map draws it. */
export type Outline =
  { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
export type ReportBody = paths['/api/v1/cases']['post']['requestBody']['content']['application/json'];
export type ActionBody = AnyActionBody<
  paths['/api/v1/cases/{id}/actions/{action}']['post']['requestBody']['content']['application/json']
>;

type RawCategory = Json<'/api/v1/categories', 'get'>['items'][number];

/** An extra question of a category (Open311-style; `attributes` is untyped in the API). */
export type Attribute = {
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  order?: number;
  description: string;
  descriptionEn?: string;
  values?: Array<{ key: string; name: string; nameEn?: string }>;
};

export type Category = Omit<RawCategory, 'attributes'> & { attributes: Attribute[] };

export type Answers = Record<string, string | number | string[]>;

export function toCategory(c: RawCategory): Category {
  const attrs = Array.isArray(c.attributes) ? (c.attributes as Attribute[]) : [];
  return { ...c, attributes: [...attrs].sort((a, b) => (a.order ?? 0) - (b.order ?? 0)) };
}
