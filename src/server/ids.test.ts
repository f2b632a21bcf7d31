import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../test/helpers.js';

/** Ids parse strictly: `0x10`, `1e3`, ` 1` no longer open objects 16, 1000 and 1. */
let t: TestApp;
let county: { authorization: string };
beforeAll(async () => {
  t = await createTestApp();
  county = await signIn(t.app, 'county');
});
afterAll(() => t.close());

const BAD = [
  '0x10',
  '1e3',
  '%201',
  '1%20',
  '%091',
  '%EF%BC%91', // full-width １
  '-1',
  '+1',
  '0',
  '01',
  '1.0',
  '1_000',
  '99999999999999999999',
  '9007199254740992', // 2^53: no longer exact
];

describe('strict ids', () => {
  it.each(['cases', 'households', 'wishes', 'residents', 'errands', 'disclosures', 'accounts', 'party/orgs'])(
    '/%s/:id refuses every non-canonical id',
    async (resource) => {
      for (const id of BAD) {
        const res = await t.app.inject({ method: 'GET', url: `/api/v1/${resource}/${id}`, headers: county });
        if (res.statusCode === 404 && res.json().error.code === 'ROUTE_NOT_FOUND') continue; // no GET by id
        expect(res.statusCode, `${resource}/${id} ${res.body}`).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
      }
    },
  );

  it('the canonical form still opens the object', async () => {
    const { id } = await t.db
      .selectFrom('household')
      .select('id')
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/households/${id}`, headers: county });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().id).toBe(Number(id));
  });

  it('ids in a query are strict too', async () => {
    for (const url of [
      '/api/v1/inbox?beforeId=0x10',
      '/api/v1/audit?beforeId=1e3',
      '/api/v1/residents?householdId=%201',
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: county });
      expect(res.statusCode, `${url} ${res.body}`).toBe(400);
    }
    const ok = await t.app.inject({ method: 'GET', url: '/api/v1/inbox?beforeId=16', headers: county });
    expect(ok.statusCode).toBe(200);
  });

  it('OpenAPI still shows ids as integers', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const param = spec.paths['/api/v1/cases/{id}'].get.parameters.find(
      (p: { name: string }) => p.name === 'id',
    );
    expect(param.schema).toMatchObject({ type: 'integer', minimum: 1 });
  });
});
