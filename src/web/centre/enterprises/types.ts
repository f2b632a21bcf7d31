import type { paths } from '../../shared/api-schema.js';

type Json<P extends keyof paths, M extends 'get'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;
export type EnterpriseItem = Json<'/api/v1/enterprises', 'get'>['items'][number];
export type EnterpriseDetail = Json<'/api/v1/enterprises/{id}', 'get'>;
export type HelpEntry = EnterpriseDetail['ledger'][number];
