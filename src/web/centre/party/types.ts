import type { paths } from '../../shared/api-schema.js';

/** Shapes of the party API's answers, taken from the generated schema. */
type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;

export type PartyOrg = Ok<paths['/api/v1/party/orgs']['get']>['items'][number];
export type PartyOrgDetail = Ok<paths['/api/v1/party/orgs/{id}']['get']>;
export type PartyMember = PartyOrgDetail['members'][number];
export type PartyMemberDetail = Ok<paths['/api/v1/party/members/{id}']['get']>;
export type PartySummary = Ok<paths['/api/v1/party/summary']['get']>;
