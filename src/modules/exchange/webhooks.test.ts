/**
 * Outgoing webhooks against a real local receiver (node:http) that verifies the signature and fails
 * on purpose: retries with backoff, the dead-letter list and its replay; a 12345 ticket answered
 * back on close, with its external reference.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { closeCase, makeSystem, ticket } from '../../../test/kits/exchange.js';
import { deliverWebhooks, MAX_DELIVERY_ATTEMPTS } from './deliver.js';
import { SIGNATURE_HEADER, verifySignature } from './signature.js';

type Received = { event: string; body: Record<string, unknown>; verified: boolean };

/** A receiver that answers 500 to its first `failFirst` requests, then 204. */
function receiver() {
  const r = {
    now: () => new Date(),
    secret: '',
    failFirst: 0,
    tries: 0,
    received: [] as Received[],
    server: null as Server | null,
    url: '',
  };
  r.server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      r.tries++;
      const verified = verifySignature(r.secret, req.headers[SIGNATURE_HEADER] as string, body, r.now());
      if (!verified) return void res.writeHead(401).end();
      if (r.tries <= r.failFirst) return void res.writeHead(500).end();
      r.received.push({ event: String(req.headers['wangge-event']), body: JSON.parse(body), verified });
      res.writeHead(204).end();
    });
  });
  return r;
}

let t: TestApp;
let admin: { authorization: string };
let rx: ReturnType<typeof receiver>;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
  rx = receiver();
  // the receiver's clock is the server's test clock (the signature's timestamp is checked against it)
  rx.now = t.clock.now;
  await new Promise<void>((ok) => rx.server!.listen(0, '127.0.0.1', ok));
  rx.url = `http://127.0.0.1:${(rx.server!.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await new Promise((ok) => rx.server!.close(ok));
  await t.close();
});

const deps = () => ({ db: t.db, pii: t.ctx.pii, now: t.clock.now });
const later = (seconds: number) => t.clock.advance(seconds * 1000);

async function subscribe(systemId: number, events: string[]) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/exchange/systems/${systemId}/subscriptions`,
    headers: admin,
    payload: { url: rx.url, events },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number; secret: string }>();
}

describe('webhooks', () => {
  it('are signed, retried after the receiver fails, and answer a ticket back on close', async () => {
    const s = await makeSystem(t, admin, ['cases.create'], '211221', '12345热线');
    const sub = await subscribe(s.id, ['case.created', 'case.closed']);
    expect(sub.secret).toMatch(/^whsec_/);
    rx.secret = sub.secret;
    rx.failFirst = 2;
    const made = (await ticket(t, s, 'GD-777')).json();
    // the delivery was written with the case, in its transaction
    const queued = await t.db
      .selectFrom('exchange_delivery')
      .selectAll()
      .where('subscription_id', '=', sub.id)
      .execute();
    expect(queued.map((d) => d.event)).toEqual(['case.created']);
    expect(await deliverWebhooks(deps())).toMatchObject({ delivered: 0, failed: 1 });
    expect(await deliverWebhooks(deps())).toMatchObject({ delivered: 0, failed: 0 }); // not due yet
    later(10);
    expect(await deliverWebhooks(deps())).toMatchObject({ failed: 1 });
    later(20);
    expect(await deliverWebhooks(deps())).toMatchObject({ delivered: 1 });
    expect(rx.received).toHaveLength(1);
    expect(rx.received[0]).toMatchObject({ event: 'case.created', verified: true });
    expect(rx.received[0]!.body).toMatchObject({ event: 'case.created', case: { id: made.caseId } });

    await closeCase(t, made.caseId, '路灯已更换，回访电话 13900001111');
    expect(await deliverWebhooks(deps())).toMatchObject({ delivered: 1 });
    const closed = rx.received[1]!;
    expect(closed.event).toBe('case.closed');
    expect(closed.body).toMatchObject({ externalRef: 'GD-777', case: { id: made.caseId, state: 'closed' } });
    expect(closed.body.answer).toContain('路灯已更换');
    expect(closed.body.answer).not.toContain('13900001111');
  });

  it('a receiver with the wrong secret never accepts; after the last try the delivery is dead and can be replayed', async () => {
    const s = await makeSystem(t, admin, ['cases.create'], '211221', '应急管理系统');
    const sub = await subscribe(s.id, ['case.created']);
    rx.secret = 'whsec_wrong';
    rx.received = [];
    await ticket(t, s, 'EM-1');
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS; i++) {
      await deliverWebhooks(deps());
      later(3600);
    }
    const dead = await t.app.inject({ method: 'GET', url: '/api/v1/exchange/dead-letters', headers: admin });
    const item = dead.json().items.find((d: { subscriptionId: number }) => d.subscriptionId === sub.id);
    expect(item).toMatchObject({
      attempts: MAX_DELIVERY_ATTEMPTS,
      lastStatus: 401,
      systemName: '应急管理系统',
    });
    expect(await deliverWebhooks(deps())).toMatchObject({ delivered: 0, failed: 0, dead: 0 });
    const county = await signIn(t.app, 'county');
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/exchange/dead-letters/${item.id}/replay`,
      headers: county,
    });
    expect(refused.statusCode).toBe(403);
    rx.secret = sub.secret;
    rx.failFirst = 0;
    const replay = await t.app.inject({
      method: 'POST',
      url: `/api/v1/exchange/dead-letters/${item.id}/replay`,
      headers: admin,
    });
    expect(replay.statusCode).toBe(204);
    expect(await deliverWebhooks(deps())).toMatchObject({ delivered: 1 });
    expect(rx.received.map((r) => r.event)).toEqual(['case.created']);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/exchange/dead-letters/${item.id}/replay`,
      headers: admin,
    });
    expect(again.statusCode).toBe(409);
  });
});
