import type { paths } from '../../shared/api-schema.js';

export type Registration =
  paths['/api/v1/in-service/registrations']['get']['responses'][200]['content']['application/json']['items'][number];
