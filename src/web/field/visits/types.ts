import type { paths } from '../../shared/api-schema.js';

type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;

export type VisitBody = paths['/api/v1/visits']['post']['requestBody']['content']['application/json'];
export type VisitItem = Ok<paths['/api/v1/households/{id}/visits']['get']>['items'][number];
export type DueItem = Ok<paths['/api/v1/visits/due']['get']>['items'][number];
export type HouseholdDetail = Ok<paths['/api/v1/households/{id}']['get']>;
