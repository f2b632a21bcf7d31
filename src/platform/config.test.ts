import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('WANGGE_TRUST_PROXY', () => {
  it.each([
    [undefined, false],
    ['0', false],
    ['false', false],
    ['1', true],
    ['true', true],
    ['127.0.0.1', '127.0.0.1'],
    ['127.0.0.1, 10.0.0.0/8', '127.0.0.1,10.0.0.0/8'],
    ['::1,fd00::/8', '::1,fd00::/8'],
    ['loopback, uniquelocal', 'loopback,uniquelocal'],
  ])('%s → %s', (value, expected) => {
    const env = value === undefined ? {} : { WANGGE_TRUST_PROXY: value };
    expect(loadConfig(env).trustProxy).toEqual(expected);
  });

  it.each(['yes', 'proxy.example', '10.0.0.1;rm'])('refuses %s', (value) => {
    expect(() => loadConfig({ WANGGE_TRUST_PROXY: value })).toThrow(/WANGGE_TRUST_PROXY/);
  });
});

describe('several instances', () => {
  const db = 'postgres://w@pgbouncer:6432/wangge';
  const primary = 'postgres://w@haproxy:5000/wangge';

  it('LISTENs on DATABASE_LISTEN_URL, else on DATABASE_URL, else on the embedded database', () => {
    expect(loadConfig({ DATABASE_URL: db, DATABASE_LISTEN_URL: primary }).listenUrl).toBe(primary);
    expect(loadConfig({ DATABASE_URL: db }).listenUrl).toBe(db);
    expect(loadConfig({}).listenUrl).toBeUndefined();
    expect(() => loadConfig({ DATABASE_LISTEN_URL: 'not a url' })).toThrow(/DATABASE_LISTEN_URL/);
  });

  it('names the instance only with safe characters', () => {
    expect(loadConfig({ WANGGE_INSTANCE_ID: 'app-2.cn' }).instanceId).toBe('app-2.cn');
    expect(loadConfig({}).instanceId).toBeUndefined();
    for (const bad of ['', 'a b', 'a\r\nx-evil: 1', 'ａｐｐ１', 'x'.repeat(65)])
      expect(() => loadConfig({ WANGGE_INSTANCE_ID: bad })).toThrow(/WANGGE_INSTANCE_ID/);
  });

  it('prepares statements unless told not to (PgBouncer before 1.21)', () => {
    expect(loadConfig({}).preparedStatements).toBe(true);
    expect(loadConfig({ WANGGE_PREPARED_STATEMENTS: 'off' }).preparedStatements).toBe(false);
    expect(() => loadConfig({ WANGGE_PREPARED_STATEMENTS: 'no' })).toThrow(/WANGGE_PREPARED_STATEMENTS/);
  });
});
