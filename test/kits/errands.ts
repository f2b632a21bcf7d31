import type { App } from '../../src/server/app.js';

/** Test helpers shared by this module's route tests. */

export type Headers = { authorization: string };

export async function askErrand(
  app: App,
  headers: Headers,
  body: object = {},
): Promise<{ id: number; number: string }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/errands',
    headers,
    payload: { serviceCode: 'pay_power', detail: '帮忙交电费100元', contactPhone: '13812345678', ...body },
  });
  if (res.statusCode !== 201) throw new Error(`ask failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

export function errandAct(app: App, headers: Headers, id: number, action: string, body: object = {}) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/errands/${id}/actions/${action}`,
    headers,
    payload: body,
  });
}

export function errandGet(app: App, headers: Headers, id: number) {
  return app.inject({ method: 'GET', url: `/api/v1/errands/${id}`, headers });
}
