import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../test/helpers.js';

/**
 * Bad input is never a server error: control characters anywhere in the input, broken
 * multipart bodies and framework-level refusals all answer 4xx in the catalogue's shape.
 */
let t: TestApp;
let county: { authorization: string };
let resident: { authorization: string };
beforeAll(async () => {
  t = await createTestApp();
  county = await signIn(t.app, 'county');
  resident = await signIn(t.app, 'resident');
});
afterAll(() => t.close());

const expectShape = (res: { statusCode: number; body: string }, status: number, code: string, what = '') => {
  expect(res.statusCode, `${what} ${res.body}`).toBe(status);
  const body = JSON.parse(res.body) as { error: { code: string; message: string; messageEn: string } };
  expect(Object.keys(body), what).toEqual(['error']);
  expect(body.error.code, what).toBe(code);
  expect(body.error.message, what).toMatch(/[\u4e00-\u9fff]/);
  expect(body.error.messageEn, what).toMatch(/[a-z]/);
};

const auditRows = async () =>
  Number(
    (
      await t.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

type Req = { method: 'GET' | 'POST' | 'PATCH'; url: string; payload?: object; auth?: 'county' | 'resident' };

describe('control characters are refused in one place', () => {
  const NUL = '\u0000';
  const inputs: Req[] = [
    // public, without sign-in
    { method: 'POST', url: '/api/v1/auth/login', payload: { username: `admin${NUL}`, password: 'x' } },
    { method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: `pw${NUL}pw` } },
    { method: 'GET', url: '/open311/v2/requests.json?service_code=%00' },
    { method: 'GET', url: '/open311/v2/requests.json?status=open%00' },
    { method: 'GET', url: '/open311/v2/requests.json?service_request_id=1%00' },
    { method: 'GET', url: '/open311/v2/requests.json?start_date=2024-01-01%00' },
    { method: 'GET', url: '/open311/v2/requests/%00.json' },
    { method: 'GET', url: '/open311/v2/tokens/%00.json' },
    { method: 'GET', url: '/open311/v2/services/%00.json' },
    { method: 'GET', url: '/open311/v2/requests.json?%00=1' },
    // signed in: query filters, path parameters, JSON bodies (deep too)
    { method: 'GET', url: '/api/v1/cases?q=%00', auth: 'county' },
    { method: 'GET', url: '/api/v1/cases?within=%00', auth: 'county' },
    { method: 'GET', url: '/api/v1/households?q=a%00b', auth: 'county' },
    { method: 'GET', url: '/api/v1/residents?q=%00', auth: 'county' },
    { method: 'GET', url: '/api/v1/accounts?q=%00', auth: 'county' },
    { method: 'GET', url: '/api/v1/audit?action=%00', auth: 'county' },
    { method: 'GET', url: '/api/v1/regions/%00', auth: 'county' },
    { method: 'GET', url: '/api/v1/grids/%00', auth: 'county' },
    { method: 'GET', url: '/api/v1/wishes?q=%00', auth: 'county' },
    { method: 'GET', url: '/api/v1/errands?q=%00', auth: 'county' },
    { method: 'GET', url: '/api/v1/disclosures?q=%00', auth: 'county' },
    { method: 'GET', url: '/api/v1/workers?q=%00', auth: 'county' },
    { method: 'GET', url: '/api/v1/service-items?q=%00', auth: 'resident' },
    {
      method: 'POST',
      url: '/api/v1/cases',
      payload: { categoryCode: 'E0102', description: `坏了${NUL}`, gridCode: '211221' },
      auth: 'resident',
    },
    {
      method: 'POST',
      url: '/api/v1/cases',
      payload: { categoryCode: 'E0102', description: 'x', attributes: { deep: [{ deeper: NUL }] } },
      auth: 'resident',
    },
    { method: 'POST', url: '/api/v1/wishes', payload: { title: NUL, description: NUL }, auth: 'county' },
    { method: 'POST', url: '/api/v1/errands', payload: { itemCode: NUL }, auth: 'resident' },
    {
      method: 'POST',
      url: '/api/v1/residents/1/reveal',
      payload: { reason: `查看${NUL}`, fields: ['phone'] },
      auth: 'county',
    },
    { method: 'PATCH', url: '/api/v1/accounts/1', payload: { displayName: `a${NUL}` }, auth: 'county' },
    { method: 'POST', url: '/api/v1/accounts', payload: { [`user${NUL}name`]: 'x' }, auth: 'county' },
    // other C0 controls than tab, newline and carriage return
    { method: 'GET', url: '/api/v1/cases?q=%01', auth: 'county' },
    { method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin\u001b[31m', password: 'x' } },
  ];

  it('answers 400 INPUT_CONTROL_CHARACTER, changes nothing, and never 500', async () => {
    const headers = { county, resident };
    const before = await auditRows();
    for (const r of inputs) {
      const res = await t.app.inject({
        method: r.method,
        url: r.url,
        payload: r.payload,
        headers: r.auth ? headers[r.auth] : {},
      });
      const what = `${r.method} ${r.url} ${JSON.stringify(r.payload)}`;
      if (r.url.startsWith('/open311/')) {
        // Open311 keeps the GeoReport v2 error shape: [{code, description}]
        expect(res.statusCode, what).toBe(400);
        expect(res.json()[0].description, what).toMatch(/control character/);
      } else expectShape(res, 400, 'INPUT_CONTROL_CHARACTER', what);
    }
    expect(await auditRows()).toBe(before);
  });

  it('a form-encoded Open311 body is checked too', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'api_key=%00&service_code=E0102',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()[0].description).toMatch(/control character/);
  });

  it('tab, newline and carriage return stay allowed in free text', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/cases?q=%09a%0D%0Ab',
      headers: county,
    });
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('a malformed multipart upload is a 400', () => {
  const send = (contentType: string, body: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/photos',
      headers: { ...resident, 'content-type': contentType },
      payload: Buffer.from(body),
    });
  const part = (b: string) =>
    `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff`;

  it.each([
    ['missing boundary', 'multipart/form-data', part('x')],
    ['wrong boundary', 'multipart/form-data; boundary=other', `${part('x')}\r\n--x--\r\n`],
    ['truncated', 'multipart/form-data; boundary=x', part('x')],
    ['broken part header', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition\r\n\r\n'],
  ])('%s', async (_name, contentType, body) => {
    const before = await t.db
      .selectFrom('case_photo')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const res = await send(contentType, body);
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, res.body).toBeLessThan(500);
    expect(['MULTIPART_MALFORMED', 'VALIDATION_FAILED']).toContain(res.json().error.code);
    const after = await t.db
      .selectFrom('case_photo')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });
});
