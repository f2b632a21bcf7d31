import { expect } from 'vitest';
import { signIn, type TestApp } from '../helpers.js';

export type Headers = { authorization: string };

/** Shared by this module's route tests: one session per account (sign-in is rate-limited) and short calls. */
export function kit(t: () => TestApp) {
  const sessions = new Map<string, Promise<Headers>>();
  const as = (username: string) => {
    if (!sessions.has(username)) sessions.set(username, signIn(t().app, username));
    return sessions.get(username)!;
  };
  const call = async (username: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t().app.inject({
      method,
      url: `/api/v1${url}`,
      headers: await as(username),
      ...(payload ? { payload } : {}),
    });
  const finance = (extra: object = {}) => ({
    kind: 'finance',
    period: '2030-01',
    title: '2030年1月财务收支公开',
    body: '本月收支如下。',
    financeLines: [
      { item: '村集体经济收入', income: 12000.5, expense: 0 },
      { item: '办公经费', income: 0, expense: 800.25 },
      { item: '道路维修', income: 0.1, expense: 0.2 },
    ],
    ...extra,
  });
  /** A draft of `username`'s village, published unless told otherwise; answers its id. */
  const publish = async (
    username = 'village',
    content: object = finance(),
    publishIt = true,
  ): Promise<number> => {
    const made = await call(username, 'POST', '/disclosures', content);
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json<{ id: number }>().id;
    if (publishIt)
      expect((await call(username, 'POST', `/disclosures/${id}/publish`, {})).statusCode).toBe(200);
    return id;
  };
  const inbox = async (username: string) =>
    (await call(username, 'GET', '/inbox?limit=200')).json<{
      items: { kind: string; title: string; body: string | null }[];
    }>().items;
  return { as, call, finance, publish, inbox };
}
