import type { paths } from '../../shared/api-schema.js';

/** Shapes of this area's API answers, taken from the generated schema. */
type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;

export type WorkerItem = Ok<paths['/api/v1/workers']['get']>['items'][number];
export type WorkerDetail = Ok<paths['/api/v1/workers/{id}']['get']>;
export type PointsEntry = WorkerDetail['entries'][number];
export type GoodsItem = Ok<paths['/api/v1/goods']['get']>['items'][number];
export type RedemptionItem = Ok<paths['/api/v1/redemptions']['get']>['items'][number];
export type PointsRule = Ok<paths['/api/v1/admin/points-rules']['get']>['items'][number];
export type LedgerItem = Ok<paths['/api/v1/points/ledger']['get']>['items'][number];
