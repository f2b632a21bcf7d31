import type { paths } from '../../shared/api-schema.js';

export type CadreItem =
  paths['/api/v1/cadres']['get']['responses'][200]['content']['application/json']['items'][number];
export type CadreDetail =
  paths['/api/v1/cadres/{id}']['get']['responses'][200]['content']['application/json'];
export type Posting = CadreDetail['postings'][number];
export type Pairing = CadreDetail['mentors'][number];
export type Training = CadreDetail['trainings'][number];
export type CadreInput = paths['/api/v1/cadres']['post']['requestBody']['content']['application/json'];
export const EDUCATIONS = [
  'primary',
  'junior',
  'senior',
  'vocational',
  'college',
  'bachelor',
  'postgraduate',
] as const;
export const POSTS = ['secretary', 'deputy_secretary', 'director', 'deputy_director', 'member'] as const;
