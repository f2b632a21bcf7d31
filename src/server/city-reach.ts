/**
 * Deny by default for the city role (docs/SECURITY.md, "The city role"). A city centre's scope is a
 * city node above several counties, and county data is keyed by county (ADR 0002): a route written
 * for county staff may answer a city with an empty list, a county's reference data, or worse. So a
 * city centre reaches only the routes listed here — its own account, its own notices, the national
 * campaign templates and its city's campaigns (counts by region, no personal data) — and every other
 * route answers 403 before its handler runs. A route opened to the city is added here on purpose.
 */
const CITY_ROUTES = new Set([
  'GET /api/v1/me',
  'POST /api/v1/auth/logout',
  'GET /api/v1/inbox',
  'POST /api/v1/inbox/read',
  'GET /api/v1/events',
  'GET /api/v1/campaign-templates',
  'POST /api/v1/city-campaigns/preview',
  'POST /api/v1/city-campaigns',
  'GET /api/v1/city-campaigns',
  'GET /api/v1/city-campaigns/export.xlsx',
  'GET /api/v1/city-campaigns/:id',
  'GET /api/v1/city-campaigns/:id/progress',
  'POST /api/v1/city-campaigns/:id/actions/close',
]);

/** Whether a signed-in caller of `role` may reach the route (method and route pattern). */
export const roleReaches = (role: string, method: string, url: string): boolean =>
  role !== 'city_centre' || CITY_ROUTES.has(`${method} ${url}`);
