import type { paths } from '../../shared/api-schema.js';

export type Dispute = paths['/api/v1/disputes/{id}']['get']['responses'][200]['content']['application/json'];
