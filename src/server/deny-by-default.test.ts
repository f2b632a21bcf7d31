import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const OPEN311 = [
  'discovery',
  'services',
  'services/:service_code',
  'requests',
  'requests/:service_request_id',
  'tokens/:token',
  'servicerequestupdates',
].flatMap((p) => [`GET /open311/v2/${p}.:format`, `HEAD /open311/v2/${p}.:format`]);
/** Every public route, named: anything else public fails the test. Open311 authenticates POSTs by api_key. */
const PUBLIC = new Set([
  'GET /health',
  'HEAD /health',
  'GET /openapi.json',
  'HEAD /openapi.json',
  'POST /api/v1/auth/login',
  // a resident joins with a household's invitation code (rate-limited, single-use)
  'POST /api/v1/join',
  // 在职党员报到: the member signs up; the account stays closed until the community's staff approve
  'POST /api/v1/in-service/sign-up',
  ...OPEN311,
  'POST /open311/v2/requests.:format',
  'POST /open311/v2/servicerequestupdates.:format',
  // photos: anonymous callers get published case photos only (Open311 media_url)
  'GET /api/v1/photos/:id/:variant',
  'GET /',
  'HEAD /',
  'GET /m',
  'HEAD /m',
  'GET /m/',
  'HEAD /m/',
  'HEAD /api/v1/photos/:id/:variant',
  // the public map of reports (404 unless the county publishes it; rate-limited; no personal data)
  'GET /api/v1/public/map/:county',
  'HEAD /api/v1/public/map/:county',
  // open data: anonymised counts, 404 unless the county publishes them
  'GET /api/v1/open-data/:county/indicators.:format',
  'HEAD /api/v1/open-data/:county/indicators.:format',
]);

/** Public to the session check but authenticated by a system account's key: still 401 without one. */
const SYSTEM_KEY = new Set([
  'POST /api/v1/exchange/cases',
  'GET /api/v1/exchange/changes',
  'HEAD /api/v1/exchange/changes',
  'POST /api/v1/exchange/households',
  'POST /api/v1/exchange/enterprises',
  'POST /api/v1/exchange/webhooks',
  'GET /api/v1/exchange/webhooks',
  'HEAD /api/v1/exchange/webhooks',
  'DELETE /api/v1/exchange/webhooks/:id',
]);

describe('deny by default', () => {
  it('every registered route answers 401 without credentials unless it declares itself public', async () => {
    const routes = t.app.registeredRoutes.filter((r) => r.method !== 'OPTIONS');
    expect(routes.length).toBeGreaterThan(10);
    const checked: string[] = [];
    for (const r of routes) {
      const key = `${r.method} ${r.url}`;
      if (r.public && !SYSTEM_KEY.has(key)) {
        expect(
          PUBLIC.has(key) || /^\/(docs|assets\/|m\/)/.test(r.url),
          `${key} is public but not on the list`,
        ).toBe(true);
        continue;
      }
      const url = r.url.replace(/:(\w+)/g, (_m, name: string) => (name === 'code' ? '211221' : '1'));
      const res = await t.app.inject({
        method: r.method as 'GET',
        url,
        payload: r.method === 'GET' || r.method === 'HEAD' ? undefined : {},
      });
      expect(res.statusCode, key).toBe(401);
      if (r.method !== 'HEAD')
        expect(res.json().error.code, key).toBe(
          SYSTEM_KEY.has(key) ? 'SYSTEM_KEY_INVALID' : 'UNAUTHENTICATED',
        );
      checked.push(key);
    }
    expect(checked).toContain('GET /api/v1/me');
    expect(checked).toContain('POST /api/v1/residents/:id/reveal');
  });

  it('a forged or revoked token is refused', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('health, OpenAPI 3.1 and the API browser are public', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toContain('/api/v1/grids/locate');
    const docs = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('an unknown route is a 404 with the error shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({
      code: 'ROUTE_NOT_FOUND',
      message: expect.any(String),
      messageEn: expect.any(String),
    });
  });
});
