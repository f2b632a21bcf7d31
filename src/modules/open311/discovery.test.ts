/**
 * Open311 discovery lists each endpoint the server offers (issue 12): production always, and a
 * county's test endpoint once its administrator sets one (a per-county setting, audited).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { COUNTY, get, xml } from '../../../test/kits/open311.js';

let t: TestApp;
let admin: { authorization: string };
const TEST_URL = 'https://test.wangge.example.cn/open311/v2';
type Endpoint = { url: string; type: string; specification: string; changeset: string; formats: string[] };

const settings = (testUrl: unknown) =>
  t.app.inject({ method: 'PUT', url: '/api/v1/open311/settings', headers: admin, payload: { testUrl } });
const endpoints = async (query = '') =>
  ((await get(t.app, `/open311/v2/discovery.json${query}`)).json() as { endpoints: Endpoint[] }).endpoints;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
});
afterAll(() => t.close());

describe('Open311 discovery endpoints', () => {
  it('lists production only until the county enables a test endpoint', async () => {
    expect((await endpoints()).map((e) => e.type)).toEqual(['production']);
    expect((await endpoints(`?jurisdiction_id=${COUNTY}`)).map((e) => e.type)).toEqual(['production']);
  });

  it('lists the test endpoint once set, in JSON and XML, like the GeoReport v2 example', async () => {
    const res = await settings(TEST_URL);
    expect(res.statusCode, res.body).toBe(200);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', '=', 'open311_setting.update')
      .executeTakeFirst();
    expect(audit?.entity_id).toBe(COUNTY);

    const list = await endpoints(`?jurisdiction_id=${COUNTY}`);
    expect(list.map((e) => [e.type, e.url])).toEqual([
      ['production', 'http://localhost:80/open311/v2'],
      ['test', TEST_URL],
    ]);
    for (const e of list) {
      expect(Object.keys(e)).toEqual(['specification', 'url', 'changeset', 'type', 'formats']);
      expect(e.formats).toEqual(['text/xml', 'application/json']);
    }
    const x = xml((await get(t.app, '/open311/v2/discovery.xml')).body) as {
      discovery: { endpoints: { endpoint: Array<{ type: string; url: string }> } };
    };
    expect(x.discovery.endpoints.endpoint.map((e) => e.type)).toEqual(['production', 'test']);
    expect(x.discovery.endpoints.endpoint[1]!.url).toBe(TEST_URL);
  });

  it('refuses a bad URL without changing anything, and clears the endpoint with null', async () => {
    for (const bad of ['ftp://x.example/', 'javascript:alert(1)', 'https://ex ample.cn', 'x'.repeat(400)]) {
      expect((await settings(bad)).statusCode).toBe(400);
    }
    expect((await endpoints()).map((e) => e.type)).toEqual(['production', 'test']);
    expect((await settings(null)).statusCode).toBe(200);
    expect((await endpoints()).map((e) => e.type)).toEqual(['production']);
    const read = await t.app.inject({ method: 'GET', url: '/api/v1/open311/settings', headers: admin });
    expect(read.json()).toEqual({ testUrl: null });
  });

  it('answers 404 for an unknown jurisdiction', async () => {
    expect((await get(t.app, '/open311/v2/discovery.json?jurisdiction_id=999999')).statusCode).toBe(404);
  });
});
