/** Administrators issue, list and revoke Open311 API keys; a revoked key no longer writes; the demo key. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointInGrid } from '../../../test/fixtures.js';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { createDemoOpen311Key, hashKey, verifyKey } from './keys.js';
import { COUNTY, GRID, issueKey, postForm } from '../../../test/kits/open311.js';

let t: TestApp;
let admin: { authorization: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
});
afterAll(() => t.close());

type KeyItem = {
  id: number;
  label: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
};
const list = async () =>
  (await t.app.inject({ method: 'GET', url: '/api/v1/open311/keys', headers: admin })).json<{
    items: KeyItem[];
  }>().items;

describe('Open311 API keys', () => {
  it('an administrator issues a key, shown once; only its hash is stored; the issue is audited', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/open311/keys',
      headers: admin,
      payload: { label: '市民通 App' },
    });
    expect(res.statusCode).toBe(201);
    const { id, key, label } = res.json<{ id: number; key: string; label: string }>();
    expect(key).toMatch(/^o311_[A-Za-z0-9_-]{43}$/);
    expect(label).toBe('市民通 App');
    const row = await t.db
      .selectFrom('open311_key')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.county_code).toBe(COUNTY);
    expect(row.key_hash.equals(hashKey(key))).toBe(true);
    const items = await list();
    expect(items.find((k) => k.id === id)).toMatchObject({
      label: '市民通 App',
      revokedAt: null,
      lastUsedAt: null,
    });
    expect(JSON.stringify(items)).not.toContain(key);
    // the demo load created one too
    expect(items.some((k) => k.label === '演示密钥 Demo key')).toBe(true);
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'open311_key')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['open311_key.issue']);
    expect(JSON.stringify(audit)).not.toContain(key);
  });

  it('only administrators manage keys', async () => {
    const centre = await signIn(t.app, 'county');
    for (const [method, url] of [
      ['POST', '/api/v1/open311/keys'],
      ['GET', '/api/v1/open311/keys'],
      ['DELETE', '/api/v1/open311/keys/1'],
    ] as const) {
      const res = await t.app.inject({
        method,
        url,
        headers: centre,
        payload: method === 'POST' ? { label: 'nope' } : undefined,
      });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      expect((await t.app.inject({ method, url })).statusCode).toBe(401);
    }
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/v1/open311/keys',
      headers: admin,
      payload: { label: 'x' },
    });
    expect(short.statusCode).toBe(400);
  });

  it('a refused write leaves the key as it was: last used only by a write that is made', async () => {
    const { key, id } = await issueKey(t.app, admin, 'refusals');
    const at = await pointInGrid(t.db, GRID);
    const write = (extra: Record<string, string>) =>
      postForm(t.app, '/open311/v2/requests.json', {
        api_key: key,
        service_code: 'E0103',
        lat: String(at.lat),
        long: String(at.lng),
        description: '垃圾',
        ...extra,
      });
    const update = await postForm(t.app, '/open311/v2/servicerequestupdates.json', {
      api_key: key,
      service_request_id: 'no-such-request',
      update_id: 'u-1',
      status: 'OPEN',
      description: '补充',
      updated_datetime: new Date().toISOString(),
    });
    expect(update.statusCode).toBe(404);
    expect((await write({ jurisdiction_id: '211122' })).statusCode).toBe(403);
    expect((await write({ service_code: 'NOPE' })).statusCode).toBe(404);
    expect((await write({ lat: '91' })).statusCode).toBe(400);
    expect((await list()).find((k) => k.id === id)!.lastUsedAt).toBeNull();
    expect((await write({})).statusCode).toBe(200);
    expect((await list()).find((k) => k.id === id)!.lastUsedAt).not.toBeNull();
  });

  it('a revoked key is refused with 403; revoking is audited and idempotent', async () => {
    const { key, id } = await issueKey(t.app, admin, 'to revoke');
    const at = await pointInGrid(t.db, GRID);
    const post = () =>
      postForm(t.app, '/open311/v2/requests.json', {
        api_key: key,
        service_code: 'E0103',
        lat: String(at.lat),
        long: String(at.lng),
        description: '垃圾',
      });
    expect((await post()).statusCode).toBe(200);
    expect((await list()).find((k) => k.id === id)!.lastUsedAt).not.toBeNull();

    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/open311/keys/${id}`, headers: admin }))
        .statusCode,
    ).toBe(204);
    const refused = await post();
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual([
      { code: 403, description: 'Invalid api_key received -- the key is unknown or revoked' },
    ]);
    expect((await list()).find((k) => k.id === id)!.revokedAt).not.toBeNull();

    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/open311/keys/${id}`, headers: admin }))
        .statusCode,
    ).toBe(204);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'open311_key')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['open311_key.issue', 'open311_key.revoke']);
    expect(
      (await t.app.inject({ method: 'DELETE', url: '/api/v1/open311/keys/999999', headers: admin }))
        .statusCode,
    ).toBe(404);
  });

  it('the demo key comes from WANGGE_OPEN311_DEMO_KEY when set, else is generated for printing', async () => {
    const fromEnv = await createDemoOpen311Key(t.db, COUNTY, {
      WANGGE_OPEN311_DEMO_KEY: 'demo-key-for-the-open311-client',
    });
    expect(fromEnv).toEqual({ key: null, fromEnv: true });
    expect(await verifyKey(t.db, 'demo-key-for-the-open311-client')).toMatchObject({
      countyCode: COUNTY,
    });
    // loading twice with the same value is harmless
    await expect(
      createDemoOpen311Key(t.db, COUNTY, { WANGGE_OPEN311_DEMO_KEY: 'demo-key-for-the-open311-client' }),
    ).resolves.toEqual({ key: null, fromEnv: true });
    const generated = await createDemoOpen311Key(t.db, COUNTY, {});
    expect(generated.fromEnv).toBe(false);
    expect(await verifyKey(t.db, generated.key!)).toMatchObject({ countyCode: COUNTY });
    await expect(createDemoOpen311Key(t.db, COUNTY, { WANGGE_OPEN311_DEMO_KEY: 'short' })).rejects.toThrow(
      /16 characters/,
    );
  });
});
