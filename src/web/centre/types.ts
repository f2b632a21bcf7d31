import type { paths } from '../shared/api-schema.js';
import type { AnyActionBody } from '../shared/action-body.js';

/** Shapes of the API's answers, taken from the generated schema. */
type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;
type Created<T> = T extends { responses: { 201: { content: { 'application/json': infer R } } } } ? R : never;
type Query<T> = T extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type Me = Ok<paths['/api/v1/me']['get']>;
export type Role = Me['role'];
export type CaseItem = Ok<paths['/api/v1/cases']['get']>['items'][number];
export type CaseQuery = Query<paths['/api/v1/cases']['get']>;
export type CaseDetail = Ok<paths['/api/v1/cases/{id}']['get']>;
export type CaseAction = CaseDetail['actions'][number];
export type ActionBody = AnyActionBody<
  paths['/api/v1/cases/{id}/actions/{action}']['post']['requestBody']['content']['application/json']
>;
export type HistoryItem = CaseDetail['history'][number];
export type Photo = CaseDetail['photos'][number];
export type Uploaded = Created<paths['/api/v1/photos']['post']>;
export type Category = Ok<paths['/api/v1/categories']['get']>['items'][number];
export type Department = Ok<paths['/api/v1/departments']['get']>['items'][number];
export type Region = Ok<paths['/api/v1/regions/{code}']['get']>;
export type RegionChild = Ok<paths['/api/v1/regions/{code}/children']['get']>['items'][number];
export type GridCollection = Ok<paths['/api/v1/grids']['get']>;
export type GridDetail = Ok<paths['/api/v1/grids/{code}']['get']>;
export type Household = Ok<paths['/api/v1/households']['get']>['items'][number];
export type HouseholdDetail = Ok<paths['/api/v1/households/{id}']['get']>;
export type Resident = Ok<paths['/api/v1/residents']['get']>['items'][number];
export type ResidentQuery = Query<paths['/api/v1/residents']['get']>;
export type CareTag = NonNullable<ResidentQuery['careTag']>;
export type Account = Ok<paths['/api/v1/accounts']['get']>['items'][number];
export type AdminDepartment = Ok<paths['/api/v1/admin/departments']['get']>['items'][number];
export type AuditItem = Ok<paths['/api/v1/audit']['get']>['items'][number];
export type InboxItem = Ok<paths['/api/v1/inbox']['get']>['items'][number];
export type EscalationRule = Ok<paths['/api/v1/admin/escalation-rules']['get']>['items'][number];
export type RuleBody =
  paths['/api/v1/admin/escalation-rules']['post']['requestBody']['content']['application/json'];
export type CalendarDay = Ok<paths['/api/v1/admin/calendar/{year}']['get']>['items'][number];
export type Deadlines =
  paths['/api/v1/admin/categories/{code}/deadlines']['put']['requestBody']['content']['application/json'];
export type Open311Key = Ok<paths['/api/v1/open311/keys']['get']>['items'][number];

export const CASE_STATES = [
  'reported',
  'filed',
  'dispatched',
  'accepted',
  'handled',
  'closed',
  'suspended',
  'not_filed',
  'cancelled',
  'merged',
] as const;
export const OPEN_STATES = ['reported', 'filed', 'dispatched', 'accepted', 'handled', 'suspended'] as const;
export const TIERS = ['village', 'township', 'county'] as const;
export const SOURCES = [
  'resident_app',
  'patrol',
  'hotline',
  'petition',
  'enterprise',
  'grassroots_request',
  'campaign',
  'open311',
] as const;
export const CARE_TAGS = [
  'poverty',
  'minimum-living',
  'elderly-alone',
  'bereaved-parent',
  'disabled',
  'left-behind-child',
  'pensioner-60',
  'bedridden',
] as const;
export const ROLES = [
  'resident',
  'grid_worker',
  'village_staff',
  'township_centre',
  'county_centre',
  'department_staff',
  'party_organiser',
  'admin',
] as const;
export type ExSystem = Ok<paths['/api/v1/exchange/systems']['get']>['items'][number];
export type ExSubscription = Ok<paths['/api/v1/exchange/subscriptions']['get']>['items'][number];
export type ExDeadLetter = Ok<paths['/api/v1/exchange/dead-letters']['get']>['items'][number];
