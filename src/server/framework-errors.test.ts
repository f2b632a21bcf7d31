import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../test/helpers.js';

/** Fastify's and Node's own refusals answer in the catalogue's shape too. */
let t: TestApp;
let county: { authorization: string };
beforeAll(async () => {
  t = await createTestApp();
  county = await signIn(t.app, 'county');
});
afterAll(() => t.close());

const shapeOf = (body: string) => {
  const parsed = JSON.parse(body) as { error: { code: string; message: string; messageEn: string } };
  expect(Object.keys(parsed)).toEqual(['error']);
  expect(parsed.error.message).toMatch(/[\u4e00-\u9fff]/);
  expect(parsed.error.messageEn).toMatch(/[a-z]/);
  return parsed.error.code;
};

describe('framework errors', () => {
  const big = JSON.stringify({ description: 'x'.repeat(1024 * 1024 + 10) });
  type Req = {
    method: 'GET' | 'POST' | 'DELETE';
    url: string;
    headers?: Record<string, string>;
    payload?: string;
  };
  const table: Array<[string, Req, number, string]> = [
    [
      'over-long path parameter',
      { method: 'GET', url: `/api/v1/cases/${'1'.repeat(150)}` },
      414,
      'URI_TOO_LONG',
    ],
    ['bad URL encoding', { method: 'GET', url: '/api/v1/cases/%E0%A4%A' }, 400, 'URL_MALFORMED'],
    [
      'bad JSON',
      {
        method: 'POST',
        url: '/api/v1/cases',
        headers: { 'content-type': 'application/json' },
        payload: '{"a": ',
      },
      400,
      'JSON_MALFORMED',
    ],
    [
      'empty JSON body',
      { method: 'POST', url: '/api/v1/cases', headers: { 'content-type': 'application/json' }, payload: '' },
      400,
      'BAD_REQUEST',
    ],
    [
      'body too large',
      { method: 'POST', url: '/api/v1/cases', headers: { 'content-type': 'application/json' }, payload: big },
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'unsupported content type',
      { method: 'POST', url: '/api/v1/cases', headers: { 'content-type': 'text/csv' }, payload: 'a,b' },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    ['method not allowed', { method: 'DELETE', url: '/api/v1/me' }, 404, 'ROUTE_NOT_FOUND'],
    ['unknown route', { method: 'GET', url: '/api/v1/nope' }, 404, 'ROUTE_NOT_FOUND'],
  ];

  it("under /open311/v2 they answer GeoReport v2's error list", async () => {
    for (const [url, status] of [
      ['/open311/v2/requests/%zz.json', 400],
      [`/open311/v2/requests/${'1'.repeat(150)}.json`, 414],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json()).toEqual([{ code: status, description: expect.stringMatching(/[a-z]/) }]);
    }
  });

  it.each(table)('%s', async (_name, req, status, code) => {
    const res = await t.app.inject({ ...req, headers: { ...county, ...req.headers } });
    expect(res.statusCode, res.body).toBe(status);
    expect(shapeOf(res.body)).toBe(code);
  });
});

describe("Node's HTTP parser refusals", () => {
  let port = 0;
  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as net.AddressInfo).port;
  });

  const raw = (request: string) =>
    new Promise<string>((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1', () => s.end(request));
      let out = '';
      s.on('data', (d) => (out += d.toString('utf8')));
      s.on('close', () => resolve(out));
      s.on('error', reject);
    });

  it.each([
    [
      'control character in a header',
      'GET /health HTTP/1.1\r\nHost: x\r\nX-A: a\u0001b\r\n\r\n',
      'INPUT_CONTROL_CHARACTER',
    ],
    [
      'NUL in a header',
      'GET /health HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n',
      'INPUT_CONTROL_CHARACTER',
    ],
    ['malformed request line', 'GARBAGE\r\n\r\n', 'BAD_REQUEST'],
    [
      'headers too large',
      `GET /health HTTP/1.1\r\nHost: x\r\nX-A: ${'a'.repeat(20_000)}\r\n\r\n`,
      'HEADERS_TOO_LARGE',
    ],
  ])('%s', async (_name, request, code) => {
    const answer = await raw(request);
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 4\d\d /);
    expect(head).toMatch(/content-type: application\/json/i);
    expect(shapeOf(body ?? '')).toBe(code);
  });
});
