/** Open311 discovery, services and service definitions, in JSON and XML; jurisdiction and format errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import { COUNTY, get, W3C, xml } from '../../../test/kits/open311.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const J = `jurisdiction_id=${COUNTY}`;

describe('Open311 discovery', () => {
  it('describes the endpoint in JSON and XML', async () => {
    const res = await get(t.app, '/open311/v2/discovery.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    const d = res.json() as Record<string, unknown> & { endpoints: Array<Record<string, unknown>> };
    expect(Object.keys(d)).toEqual(['changeset', 'contact', 'key_service', 'endpoints']);
    expect(d.changeset).toMatch(W3C);
    expect(d.endpoints).toEqual([
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: 'http://localhost:80/open311/v2',
        changeset: d.changeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ]);

    const x = await get(t.app, '/open311/v2/discovery.xml');
    expect(x.headers['content-type']).toBe('text/xml');
    const doc = xml(x.body) as {
      discovery: {
        changeset: string;
        endpoints: { endpoint: Array<{ url: string; formats: { format: string[] } }> };
      };
    };
    expect(doc.discovery.changeset).toBe(d.changeset);
    expect(doc.discovery.endpoints.endpoint).toHaveLength(1);
    expect(doc.discovery.endpoints.endpoint[0]!.formats.format).toEqual(['text/xml', 'application/json']);
  });

  it('answers every resource and error with the bare media types strict clients compare', async () => {
    for (const url of [
      `/open311/v2/services.json?${J}`,
      `/open311/v2/requests.json?${J}`,
      '/open311/v2/requests/999999999.json',
      '/open311/v2/nothing-here.json',
    ])
      expect((await get(t.app, url)).headers['content-type'], url).toBe('application/json');
    for (const url of [`/open311/v2/services.xml?${J}`, '/open311/v2/requests/999999999.xml'])
      expect((await get(t.app, url)).headers['content-type'], url).toBe('text/xml');
    const x = await get(t.app, `/open311/v2/services.xml?${J}`);
    expect(x.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  });
});

describe('Open311 services', () => {
  it('lists every active category as a realtime service with string codes', async () => {
    const res = await get(t.app, `/open311/v2/services.json?${J}`);
    expect(res.statusCode).toBe(200);
    const services = res.json() as Array<Record<string, unknown>>;
    expect(services.length).toBeGreaterThanOrEqual(70);
    for (const s of services) {
      expect(Object.keys(s)).toEqual([
        'service_code',
        'service_name',
        'description',
        'metadata',
        'type',
        'keywords',
        'group',
      ]);
      expect(typeof s.service_code).toBe('string');
      expect(s.type).toBe('realtime');
      expect(typeof s.metadata).toBe('boolean');
    }
    expect(services.find((s) => s.service_code === 'P0103')).toMatchObject({
      service_name: '路灯',
      metadata: true,
      group: '公用设施',
      keywords: expect.stringContaining('路灯'),
    });
    const noQuestions = services.find((s) => s.metadata === false);
    expect(noQuestions).toBeDefined();

    const doc = xml((await get(t.app, `/open311/v2/services.xml?${J}`)).body) as {
      services: { service: Array<Record<string, string>> };
    };
    expect(doc.services.service).toHaveLength(services.length);
    const lamp = doc.services.service.find((s) => s.service_code === 'P0103')!;
    expect(lamp).toMatchObject({
      service_name: '路灯',
      metadata: 'true',
      type: 'realtime',
      group: '公用设施',
    });
    expect(Object.keys(lamp)).toEqual([
      'service_code',
      'service_name',
      'description',
      'metadata',
      'type',
      'keywords',
      'group',
    ]);
  });

  it('gives a service definition with the questions in order, list values as key/name', async () => {
    const res = await get(t.app, `/open311/v2/services/P0103.json?${J}`);
    expect(res.statusCode).toBe(200);
    const def = res.json() as { service_code: string; attributes: Array<Record<string, unknown>> };
    expect(def.service_code).toBe('P0103');
    expect(def.attributes.map((a) => [a.code, a.datatype, a.required, a.order])).toEqual([
      ['fault', 'multivaluelist', true, 1],
      ['lamp_count', 'number', false, 2],
    ]);
    expect(Object.keys(def.attributes[0]!)).toEqual([
      'variable',
      'code',
      'datatype',
      'required',
      'datatype_description',
      'order',
      'description',
      'values',
    ]);
    expect(def.attributes[0]).toMatchObject({
      variable: true,
      description: expect.stringContaining('故障情况'),
    });
    expect((def.attributes[0]!.values as Array<{ key: string; name: string }>)[0]).toEqual({
      key: 'not_lit',
      name: '夜间不亮',
    });
    expect(def.attributes[1]!.values).toBeUndefined();

    const doc = xml((await get(t.app, `/open311/v2/services/P0103.xml?${J}`)).body) as {
      service_definition: {
        service_code: string;
        attributes: {
          attribute: Array<{
            code: string;
            required: string;
            order: string;
            values?: { value: Array<{ key: string; name: string }> };
          }>;
        };
      };
    };
    expect(doc.service_definition.service_code).toBe('P0103');
    const [fault, count] = doc.service_definition.attributes.attribute;
    expect(fault).toMatchObject({ code: 'fault', required: 'true', order: '1' });
    expect(fault!.values!.value.map((v) => v.key)).toEqual([
      'not_lit',
      'day_lit',
      'flicker',
      'pole_damaged',
      'wire_exposed',
    ]);
    expect(count).toMatchObject({ code: 'lamp_count', required: 'false', order: '2' });
  });

  it('a service without questions has an empty attribute list', async () => {
    const services = (await get(t.app, `/open311/v2/services.json?${J}`)).json() as Array<{
      service_code: string;
      metadata: boolean;
    }>;
    const plain = services.find((s) => !s.metadata)!;
    expect((await get(t.app, `/open311/v2/services/${plain.service_code}.json?${J}`)).json()).toEqual({
      service_code: plain.service_code,
      attributes: [],
    });
    const doc = xml((await get(t.app, `/open311/v2/services/${plain.service_code}.xml?${J}`)).body) as {
      service_definition: { attributes: string };
    };
    expect(doc.service_definition.attributes).toBe('');
  });
});

describe('Open311 errors on reads', () => {
  it('an unknown service is 404 in the spec’s error shape, in both formats', async () => {
    const res = await get(t.app, `/open311/v2/services/P9999.json?${J}`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual([{ code: 404, description: 'service_code P9999 was not found' }]);
    const x = await get(t.app, `/open311/v2/services/P9999.xml?${J}`);
    expect(x.statusCode).toBe(404);
    expect(xml(x.body)).toEqual({
      errors: { error: [{ code: '404', description: 'service_code P9999 was not found' }] },
    });
  });

  it('jurisdiction_id: missing is 400, unknown is 404', async () => {
    const missing = await get(t.app, '/open311/v2/services.json');
    expect(missing.statusCode).toBe(400);
    expect((missing.json() as Array<{ code: number; description: string }>)[0]).toMatchObject({
      code: 400,
      description: expect.stringContaining('jurisdiction_id'),
    });
    for (const id of ['999999', 'sfgov.org', '211221101']) {
      const res = await get(t.app, `/open311/v2/services.xml?jurisdiction_id=${id}`);
      expect(res.statusCode, id).toBe(404);
      expect(xml(res.body)).toMatchObject({ errors: { error: [{ code: '404' }] } });
    }
    // another county with the catalogue is a jurisdiction of its own
    expect((await get(t.app, '/open311/v2/services.json?jurisdiction_id=211122')).statusCode).toBe(200);
    // an empty optional argument counts as absent
    expect((await get(t.app, '/open311/v2/services.json?jurisdiction_id=')).statusCode).toBe(400);
  });

  it('an unsupported format or an unknown resource is 404, still in the spec’s shape', async () => {
    const html = await get(t.app, `/open311/v2/services.html?${J}`);
    expect(html.statusCode).toBe(404);
    expect(xml(html.body)).toMatchObject({ errors: { error: [{ code: '404' }] } });
    const nope = await get(t.app, '/open311/v2/nothing.json');
    expect(nope.statusCode).toBe(404);
    expect(nope.json()).toEqual([{ code: 404, description: expect.any(String) }]);
    // the rest of the API keeps its own error shape
    expect((await get(t.app, '/api/v1/nope')).json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } });
  });

  it('the routes are public and documented in OpenAPI', async () => {
    const publicRoutes = t.app.registeredRoutes
      .filter((r) => r.url.startsWith('/open311/v2'))
      .filter((r) => r.method !== 'HEAD');
    expect(publicRoutes.every((r) => r.public)).toBe(true);
    expect(publicRoutes.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'GET /open311/v2/discovery.:format',
      'GET /open311/v2/requests.:format',
      'GET /open311/v2/requests/:service_request_id.:format',
      'GET /open311/v2/servicerequestupdates.:format',
      'GET /open311/v2/services.:format',
      'GET /open311/v2/services/:service_code.:format',
      'GET /open311/v2/tokens/:token.:format',
      'POST /open311/v2/requests.:format',
      'POST /open311/v2/servicerequestupdates.:format',
    ]);
    const keys = t.app.registeredRoutes.filter((r) => r.url.startsWith('/api/v1/open311'));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((r) => !r.public)).toBe(true);
    const spec = (await get(t.app, '/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toContain('/open311/v2/requests.{format}');
  });
});
