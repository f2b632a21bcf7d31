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
