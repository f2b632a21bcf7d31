import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { pointInGrid } from '../../../test/fixtures.js';
import { logChannel, deliverDue, MAX_ATTEMPTS, type Channel } from './outbox.js';

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = t.app.server.address() as { port: number };
  base = `http://127.0.0.1:${addr.port}`;
});
afterAll(() => t.close());

/** Opens the SSE stream and collects events until `count` arrived. */
function listen(
  token: string,
  count: number,
): Promise<Array<{ event: string; data: { caseId?: number; state?: string } }>> {
  return new Promise((resolve, reject) => {
    const got: Array<{ event: string; data: { caseId?: number; state?: string } }> = [];
    const req = http.get(
      `${base}/api/v1/events`,
      { headers: { authorization: `Bearer ${token}` } },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
        let buf = '';
        res.on('data', (chunk: Buffer) => {
          buf += chunk.toString('utf8');
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event && data) got.push({ event, data: JSON.parse(data) });
            if (got.length >= count) {
              req.destroy();
              resolve(got);
            }
          }
        });
      },
    );
    req.on('error', (e) => (got.length >= count ? undefined : reject(e)));
    setTimeout(() => reject(new Error(`timeout with ${got.length} events`)), 15_000).unref();
  });
}

describe('live events, inbox and outbox', () => {
  it('the grid worker and the reporter see changes live over SSE (delivered on commit)', async () => {
    const resident = await signIn(t.app, 'resident');
    const gw = await signIn(t.app, 'gridworker');
    const gwToken = gw.authorization.slice(7);
    const resToken = resident.authorization.slice(7);
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: resident })).json();
    const at = await pointInGrid(t.db, me.scope.code);
    const gwEvents = listen(gwToken, 1);
    const resEvents = listen(resToken, 1);
    await new Promise((r) => setTimeout(r, 300)); // let both streams subscribe
    const rep = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: resident,
      payload: { categoryCode: 'E0102', description: '暴露垃圾', lat: at.lat, lng: at.lng },
    });
    const id = rep.json().id;
    const [first] = await gwEvents;
    expect(first).toMatchObject({ event: 'case.reported', data: { caseId: id, state: 'reported' } });
    await t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/actions/file`, headers: gw, payload: {} });
    const [told] = await resEvents;
    expect(told).toMatchObject({ event: 'case.file', data: { caseId: id, state: 'filed' } });

    const inbox = (
      await t.app.inject({ method: 'GET', url: '/api/v1/inbox?unread=true', headers: resident })
    ).json();
    expect(inbox.unread).toBeGreaterThan(0);
    const marked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/inbox/read',
      headers: resident,
      payload: {},
    });
    expect(marked.json().marked).toBe(inbox.unread);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/inbox?unread=true', headers: resident })).json()
        .unread,
    ).toBe(0);
  });

  it('an outbox message survives a failing channel, is retried with backoff and sent once', async () => {
    const pending = await t.db.selectFrom('outbox').select('id').where('sent_at', 'is', null).execute();
    expect(pending.length).toBeGreaterThan(0); // written with the changes above
    let fail = true;
    const sent: number[] = [];
    const flaky: Channel = {
      name: 'log',
      async send(m) {
        if (fail) throw new Error('gateway down');
        sent.push(m.id);
      },
    };
    const now = new Date();
    expect((await deliverDue(t.db, [flaky], now)).failed).toBe(pending.length);
    expect((await deliverDue(t.db, [flaky], now)).failed).toBe(0); // not due again yet
    fail = false;
    const later = new Date(now.getTime() + 60_000);
    const [a, b] = await Promise.all([deliverDue(t.db, [flaky], later), deliverDue(t.db, [flaky], later)]);
    expect(a.sent + b.sent).toBe(pending.length);
    expect(new Set(sent).size).toBe(sent.length); // never twice
    const rows = await t.db
      .selectFrom('outbox')
      .select(['attempts', 'sent_at', 'last_error'])
      .where(
        'id',
        'in',
        pending.map((p) => p.id),
      )
      .execute();
    expect(rows.every((r) => r.sent_at && r.attempts === 2 && r.last_error === null)).toBe(true);
    expect(MAX_ATTEMPTS).toBeGreaterThan(2);
    expect(logChannel(t.ctx.log).name).toBe('log');
  });
});
