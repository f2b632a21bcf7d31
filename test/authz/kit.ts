import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { signIn, type TestApp } from '../helpers.js';

/** The demo accounts every route is tried with (README "Demo accounts"), and an anonymous caller. */
export const MATRIX_ROLES = [
  'admin',
  'county',
  'township',
  'village',
  'gridworker',
  'department',
  'township-cgb',
  'party',
  'parttime',
  'resident',
  'anonymous',
] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];

export type Headers = Record<string, string>;

/** One session per account (sign-in is rate-limited per address and account), short calls. */
export function authKit(t: () => TestApp) {
  const sessions = new Map<string, Promise<Headers>>();
  const as = (username: string): Promise<Headers> => {
    if (username === 'anonymous') return Promise.resolve({});
    if (!sessions.has(username)) sessions.set(username, signIn(t().app, username));
    return sessions.get(username)!;
  };
  const call = async (
    username: string,
    method: InjectOptions['method'],
    url: string,
    payload?: object,
  ): Promise<LightMyRequestResponse> =>
    t().app.inject({
      method,
      url: url.startsWith('/open311/v2') ? url : `/api/v1${url}`,
      headers: await as(username),
      ...(payload ? { payload } : {}),
    });
  /** `call`, expecting `status`; answers the JSON body. */
  const must = async <T = Record<string, unknown>>(
    status: number,
    username: string,
    method: InjectOptions['method'],
    url: string,
    payload?: object,
  ): Promise<T> => {
    const res = await call(username, method, url, payload);
    expect(res.statusCode, `${username} ${method} ${url}: ${res.body}`).toBe(status);
    return (res.body ? res.json() : {}) as T;
  };
  return { as, call, must };
}
export type AuthKit = ReturnType<typeof authKit>;
