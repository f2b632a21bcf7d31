/** POST requests (form and JSON), GET requests / request / tokens in both formats, and their errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointInGrid } from '../../../test/fixtures.js';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import {
  COUNTY,
  form,
  get,
  GRID,
  issueKey,
  NUMBER_ID,
  postForm,
  REQUEST_FIELDS,
  W3C,
  xml,
} from '../../../test/kits/open311.js';

let t: TestApp;
let key: string;
let at: { lat: number; lng: number };
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2024-05-06T09:00:00+08:00');
  key = (await issueKey(t.app, await signIn(t.app, 'admin'))).key;
  at = await pointInGrid(t.db, GRID);
});
afterAll(() => t.close());

const J = `jurisdiction_id=${COUNTY}`;
const lamp = () => ({
  api_key: key,
  jurisdiction_id: COUNTY,
  service_code: 'P0103',
  lat: String(at.lat),
  long: String(at.lng),
  address_string: '新台子镇 健康路 12 号门前',
  'attribute[fault][]': ['not_lit', 'flicker'],
  'attribute[lamp_count]': '3',
  description: '路灯晚上不亮，已经三天了。联系电话 13812345678',
  first_name: '三',
  last_name: '张',
  email: 'zhangsan@example.com',
  phone: '138 1234 5678',
  device_id: 'tt222111',
  media_url: 'https://photos.example.org/lamp.jpg',
});
const errorOf = (body: string) => (JSON.parse(body) as Array<{ code: number; description: string }>)[0]!;

describe('POST requests', () => {
  let number: string;

  it('creates a case from a form post: attributes, multivaluelist, contact encrypted, answers the id', async () => {
    const res = await postForm(t.app, '/open311/v2/requests.json', lamp());
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as Array<Record<string, unknown>>;
    expect(body).toEqual([
      { service_request_id: expect.stringMatching(NUMBER_ID), service_notice: null, account_id: null },
    ]);
    number = body[0]!.service_request_id as string;

    const c = await t.db
      .selectFrom('cases')
      .selectAll()
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    expect(c).toMatchObject({
      county_code: COUNTY,
      source: 'open311',
      state: 'reported',
      tier: 'village',
      grid_code: GRID,
      reporter_name: '张三',
      reporter_contact_masked: '138****5678',
      address: '新台子镇 健康路 12 号门前',
    });
    expect(c.attributes).toEqual({ fault: ['not_lit', 'flicker'], lamp_count: 3 });
    expect(t.ctx.pii.decrypt(c.reporter_contact_enc!)).toBe('13812345678');
    expect(c.description).toContain('[附图 media_url] https://photos.example.org/lamp.jpg'); // staff see the client's link
    const rec = await t.db
      .selectFrom('open311_request')
      .selectAll()
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(rec.media_urls).toEqual(['https://photos.example.org/lamp.jpg']);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'case')
      .where('entity_id', '=', String(c.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['case.report', 'open311.request']);
  });

  it('GET request: spec fields in order, string id, W3C datetimes with +08:00, nulls, no personal data', async () => {
    const res = await get(t.app, `/open311/v2/requests/${number}.json?${J}`);
    expect(res.statusCode).toBe(200);
    const [r] = res.json() as Array<Record<string, unknown>>;
    expect(Object.keys(r!)).toEqual(REQUEST_FIELDS);
    expect(r).toMatchObject({
      service_request_id: number,
      status: 'open',
      status_notes: '已上报',
      service_name: '路灯',
      service_code: 'P0103',
      description: '路灯晚上不亮，已经三天了。联系电话 138****5678',
      service_notice: null,
      address: '新台子镇 健康路 12 号门前',
      address_id: GRID,
      zipcode: null,
      lat: at.lat,
      long: at.lng,
      media_url: 'https://photos.example.org/lamp.jpg',
    });
    expect(r!.agency_responsible).toEqual(expect.any(String));
    expect(r!.requested_datetime).toBe('2024-05-06T09:00:00+08:00');
    for (const f of ['requested_datetime', 'updated_datetime', 'expected_datetime'])
      expect(r![f], f).toMatch(W3C);
    for (const secret of ['张三', '13812345678', 'zhangsan@example.com', 'tt222111'])
      expect(res.body).not.toContain(secret);

    const x = await get(t.app, `/open311/v2/requests/${number}.xml?${J}`);
    const doc = xml(x.body) as { service_requests: { request: Array<Record<string, string>> } };
    const xr = doc.service_requests.request[0]!;
    expect(Object.keys(xr)).toEqual(REQUEST_FIELDS);
    expect(xr).toMatchObject({
      service_request_id: number,
      status: 'open',
      service_notice: '',
      zipcode: '',
      lat: String(at.lat),
      requested_datetime: '2024-05-06T09:00:00+08:00',
    });
    expect(x.body).toContain('<service_notice/>');

    const ext = (
      await get(t.app, `/open311/v2/requests/${number}.json?${J}&extensions=true`)
    ).json() as Array<Record<string, unknown>>;
    expect(ext[0]!.extended_attributes).toEqual({ status: 'open', external_status_code: 'reported' });
  });

  it('masks phone and ID numbers the reporter typed in any form (spaced, dashed, full-width, +86)', async () => {
    const res = await postForm(t.app, '/open311/v2/requests.json', {
      ...lamp(),
      description:
        '路灯不亮，电话 +86 139-8765-4321，备用１３９ １２３４ ５６７８，身份证 211221 19900101 123X',
      address_string: '健康路 12 号 (联系 0086 13900001111)',
    });
    expect(res.statusCode, res.body).toBe(200);
    const id = (res.json() as Array<{ service_request_id: string }>)[0]!.service_request_id;
    const [r] = (await get(t.app, `/open311/v2/requests/${id}.json?${J}`)).json() as Array<
      Record<string, string>
    >;
    expect(r!.description).toBe('路灯不亮，电话 +86 139****4321，备用139****5678，身份证 2****************X');
    expect(r!.address).toBe('健康路 12 号 (联系 0086 139****1111)');
  });

  it('XML answer to a POST, and a JSON body with nested attributes', async () => {
    const res = await postForm(t.app, '/open311/v2/requests.xml', { ...lamp(), media_url: [] });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(
      /<service_requests>\s*<request>\s*<service_request_id>211221-\d{8}-\d{6}<\/service_request_id>\s*<service_notice\/>\s*<account_id\/>/,
    );
    const parsed = xml(res.body) as { service_requests: { request: Array<{ service_request_id: string }> } };
    expect(parsed.service_requests.request[0]!.service_request_id).toMatch(NUMBER_ID);

    const json = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: {
        api_key: key,
        service_code: 'P0201',
        lat: at.lat,
        long: at.lng,
        attribute: { blocks_traffic: 'yes', area_sqm: 2 },
      },
    });
    expect(json.statusCode, json.body).toBe(200);
    const id = (json.json() as Array<{ service_request_id: string }>)[0]!.service_request_id;
    const [r] = (await get(t.app, `/open311/v2/requests/${id}.json?${J}`)).json() as Array<
      Record<string, unknown>
    >;
    expect(r).toMatchObject({ service_code: 'P0201', description: null, address: null, media_url: null });
  });

  it('locates by address_id (a grid code) or by an address_string naming a grid', async () => {
    const byId = await postForm(t.app, '/open311/v2/requests.json', {
      api_key: key,
      service_code: 'E0103',
      address_id: GRID,
      description: '垃圾堆积',
    });
    expect(byId.statusCode, byId.body).toBe(200);
    const grid = await t.db
      .selectFrom('region as g')
      .innerJoin('region as tw', 'tw.code', 'g.parent_code')
      .select(['g.code', 'g.name'])
      .where('g.code', '=', '211221101006002')
      .executeTakeFirstOrThrow();
    const byName = await postForm(t.app, '/open311/v2/requests.json', {
      api_key: key,
      service_code: 'E0103',
      address_string: `铁岭县新台子镇${grid.name}东侧空地`,
      description: '垃圾堆积',
    });
    expect(byName.statusCode, byName.body).toBe(200);
    const n = (byName.json() as Array<{ service_request_id: string }>)[0]!.service_request_id;
    const c = await t.db
      .selectFrom('cases')
      .select(['grid_code', 'address', 'lat'])
      .where('number', '=', n)
      .executeTakeFirstOrThrow();
    expect(c).toEqual({ grid_code: grid.code, address: `铁岭县新台子镇${grid.name}东侧空地`, lat: null });
    const nowhere = await postForm(t.app, '/open311/v2/requests.json', {
      api_key: key,
      service_code: 'E0103',
      address_string: '不存在的地方',
    });
    expect(nowhere.statusCode).toBe(400);
    expect(errorOf(nowhere.body).description).toContain('address_string');
  });
});

describe('POST requests: errors', () => {
  const cases: Array<[string, Record<string, string | string[]>, number, string]> = [
    ['missing api_key', { api_key: '' }, 403, 'api_key'],
    ['unknown api_key', { api_key: 'o311_not-a-key-at-all' }, 403, 'api_key'],
    ['jurisdiction of another county', { jurisdiction_id: '211122' }, 403, 'jurisdiction_id 211122'],
    ['unknown jurisdiction', { jurisdiction_id: '999999' }, 404, 'jurisdiction_id'],
    ['missing service_code', { service_code: '' }, 400, 'service_code'],
    ['unknown service', { service_code: 'P9999' }, 404, 'service_code P9999'],
    ['missing required attribute', { 'attribute[fault][]': [] }, 400, 'fault'],
    ['a value not in the list', { 'attribute[fault][]': ['exploded'] }, 400, 'fault'],
    ['an unknown question', { 'attribute[colour]': 'red' }, 400, 'colour'],
    ['bad lat', { lat: 'abc' }, 400, 'lat'],
    ['lat out of range', { lat: '95.5' }, 400, 'lat'],
    ['long without lat', { lat: '' }, 400, 'lat and long'],
    ['outside the county', { lat: '39.9042', long: '116.4074' }, 400, 'outside'],
    ['no location', { lat: '', long: '', address_string: '' }, 400, 'location'],
    ['unknown address_id', { lat: '', long: '', address_id: '211221999999001' }, 400, 'address_id'],
    ['bad media_url', { media_url: 'javascript:alert(1)' }, 400, 'media_url'],
    ['bad phone', { phone: 'call me' }, 400, 'phone'],
  ];
  it.each(cases)('%s', async (_name, change, status, mentions) => {
    for (const fmt of ['json', 'xml'] as const) {
      const res = await postForm(t.app, `/open311/v2/requests.${fmt}`, { ...lamp(), ...change });
      expect(res.statusCode, res.body).toBe(status);
      const err =
        fmt === 'json'
          ? errorOf(res.body)
          : (xml(res.body) as { errors: { error: Array<{ code: string; description: string }> } }).errors
              .error[0]!;
      expect(String(err.code)).toBe(String(status));
      expect(err.description).toContain(mentions);
    }
  });

  it('other content types are refused in the same shape', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/xml' },
      payload: '<request/>',
    });
    expect(res.statusCode).toBe(415);
    expect(errorOf(res.body).code).toBe(415);
    const text = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'text/plain' },
      payload: form(lamp()),
    });
    expect(text.statusCode).toBe(400);
    const broken = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.xml',
      headers: { 'content-type': 'application/json' },
      payload: '{"api_key":',
    });
    expect(broken.statusCode).toBe(400);
    expect(xml(broken.body)).toMatchObject({ errors: { error: [{ code: '400' }] } });
  });
});

describe('GET requests and tokens', () => {
  it('lists the last 90 days, newest first, filtered by service_code, status, dates and ids', async () => {
    const all = (await get(t.app, `/open311/v2/requests.json?${J}`)).json() as Array<Record<string, unknown>>;
    expect(all.length).toBeGreaterThanOrEqual(5);
    for (const r of all) {
      expect(typeof r.service_request_id).toBe('string');
      expect(r.requested_datetime).toMatch(W3C);
    }
    const lamps = (
      await get(t.app, `/open311/v2/requests.json?${J}&service_code=P0103,P0201`)
    ).json() as Array<{ service_code: string }>;
    expect(new Set(lamps.map((r) => r.service_code))).toEqual(new Set(['P0103', 'P0201']));
    expect((await get(t.app, `/open311/v2/requests.json?${J}&status=closed`)).json()).toEqual([]);
    expect((await get(t.app, `/open311/v2/requests.json?${J}&status=open,closed`)).json()).toHaveLength(
      all.length,
    );
    const old = await get(
      t.app,
      `/open311/v2/requests.json?${J}&start_date=2024-01-01T00:00:00Z&end_date=2024-03-01T00:00:00%2B08:00`,
    );
    expect(old.json()).toEqual([]);
    const ids = `${all[0]!.service_request_id},${all[1]!.service_request_id},211221-20000101-000000`;
    const some = (
      await get(t.app, `/open311/v2/requests.json?${J}&service_request_id=${ids}&status=closed`)
    ).json() as unknown[];
    expect(some).toHaveLength(2); // ids override the other arguments
    const doc = xml((await get(t.app, `/open311/v2/requests.xml?${J}`)).body) as {
      service_requests: { request: unknown[] };
    };
    expect(doc.service_requests.request).toHaveLength(all.length);
  });

  it('refuses bad arguments with 400', async () => {
    for (const q of [
      'status=pending',
      'start_date=2024-05-01',
      'start_date=2024-05-01T00:00:00',
      'start_date=yesterday',
      'start_date=2024-01-01T00:00:00Z&end_date=2024-05-01T00:00:00Z',
      'start_date=2024-05-02T00:00:00Z&end_date=2024-05-01T00:00:00Z',
    ]) {
      const res = await get(t.app, `/open311/v2/requests.json?${J}&${q}`);
      expect(res.statusCode, q).toBe(q === 'start_date=2024-05-01' ? 200 : 400);
    }
  });

  it('an unknown request is 404; a token is the request id (requests are created at once)', async () => {
    const missing = await get(t.app, `/open311/v2/requests/211221-20000101-000000.xml?${J}`);
    expect(missing.statusCode).toBe(404);
    expect(xml(missing.body)).toEqual({
      errors: {
        error: [{ code: '404', description: 'service_request_id 211221-20000101-000000 was not found' }],
      },
    });
    const [first] = (await get(t.app, `/open311/v2/requests.json?${J}`)).json() as Array<{
      service_request_id: string;
    }>;
    const id = first!.service_request_id;
    expect((await get(t.app, `/open311/v2/tokens/${id}.json?${J}`)).json()).toEqual([
      { service_request_id: id, token: id },
    ]);
    expect(xml((await get(t.app, `/open311/v2/tokens/${id}.xml?${J}`)).body)).toEqual({
      service_requests: { request: [{ service_request_id: id, token: id }] },
    });
    expect((await get(t.app, `/open311/v2/tokens/nope.json?${J}`)).statusCode).toBe(404);
    // another county does not see it
    expect((await get(t.app, `/open311/v2/requests/${id}.json?jurisdiction_id=211122`)).statusCode).toBe(404);
  });
});
