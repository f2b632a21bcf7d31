import http from 'node:http';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointInGrid } from '../../../test/fixtures.js';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

/**
 * The centre's emergency map hears the field live (server-sent events, migration 0131): a
 * declaration, a household's report, a shared position and the closing reach the streams whose
 * scope holds the place — the county's and the township's centres — and nobody else's; the event
 * names the emergency and the grid only.
 */
let t: TestApp;
let base: string;
let grid = '';
const h: Record<string, { authorization: string }> = {};
const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: h[who]!, payload });

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  grid = (
    await t.db
      .selectFrom('account')
      .select('scope_code')
      .where('username', '=', 'gridworker')
      .executeTakeFirstOrThrow()
  ).scope_code;
  // two households of the grid get a bedridden member: something to check
  await sql`UPDATE resident SET care_tags = array_append(care_tags, 'bedridden')
    WHERE id IN (SELECT min(r.id) FROM resident r WHERE r.grid_code = ${grid} AND r.status = 'present'
      AND NOT 'bedridden' = ANY(r.care_tags) GROUP BY r.household_id ORDER BY r.household_id LIMIT 2)`.execute(
    t.db,
  );
  for (const u of ['county', 'township', 'panshan', 'gridworker']) h[u] = await signIn(t.app, u);
});
afterAll(() => t.close());

type Got = { event: string; data: { about?: { type: string; id: number }; gridCode?: string } };

/** Opens the SSE stream and collects the `area.emergency.` events; `ready` resolves once connected. */
function stream(authorization: string) {
  const got: Got[] = [];
  let req!: http.ClientRequest;
  const ready = new Promise<void>((resolve, reject) => {
    req = http.get(`${base}/api/v1/events`, { headers: { authorization } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
      let buf = '';
      res.on('data', (chunk: Buffer) => {
        buf += chunk.toString('utf8');
        if (buf.includes(': connected')) resolve();
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event?.startsWith('area.emergency.') && data)
            got.push({ event, data: JSON.parse(data) as Got['data'] });
        }
      });
    });
    req.on('error', () => undefined);
  });
  return { got, ready, close: () => req.destroy() };
}

const until = async (ok: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('the emergency map’s live events', () => {
  it('declare, report, position and close reach the county and township, not another county nor a grid worker', async () => {
    const s = {
      county: stream(h.county!.authorization),
      township: stream(h.township!.authorization),
      panshan: stream(h.panshan!.authorization),
      gridworker: stream(h.gridworker!.authorization),
    };
    await Promise.all(Object.values(s).map((x) => x.ready));
    t.clock.set(new Date(Date.now() - 60_000));
    const d = await call('township', 'POST', '/emergency-events', {
      templateKey: 'flood',
      title: '强降雨防汛应急',
      area: [grid],
    });
    t.clock.set(new Date());
    expect(d.statusCode, d.body).toBe(201);
    const eventId: number = d.json().id;
    const of = (x: { got: Got[] }, kind: string) =>
      x.got.filter((g) => g.event === `area.emergency.${kind}` && g.data.about?.id === eventId);
    await until(() => of(s.county, 'declared').length === 1 && of(s.township, 'declared').length === 1);

    const mine = (await call('gridworker', 'GET', '/emergency-checks/mine')).json().items as Array<{
      id: number;
      eventId: number;
    }>;
    const check = mine.find((c) => c.eventId === eventId)!;
    expect(check, 'a household to check').toBeDefined();
    const r = await call('gridworker', 'POST', `/emergency-checks/${check.id}/report`, { status: 'safe' });
    expect(r.statusCode, r.body).toBe(200);
    await until(() => of(s.county, 'report').length === 1 && of(s.township, 'report').length === 1);
    expect(of(s.county, 'report')[0]!.data).toEqual({
      type: 'area.emergency.report',
      about: { type: 'emergency_event', id: eventId },
      gridCode: grid,
    });

    expect((await call('gridworker', 'POST', `/emergency-events/${eventId}/location`)).statusCode).toBe(200);
    const p = await call('gridworker', 'POST', `/emergency-events/${eventId}/positions`, {
      ...(await pointInGrid(t.db, grid)),
      at: new Date().toISOString(),
    });
    expect(p.statusCode, p.body).toBe(200);
    await until(() => of(s.township, 'position').length === 1);

    const c = await call('township', 'POST', `/emergency-events/${eventId}/actions/close`, {});
    expect(c.statusCode, c.body).toBe(200);
    await until(() => of(s.county, 'closed').length === 1 && of(s.township, 'closed').length === 1);

    // a moment more for anything stray, then: nothing reached another county or a grid worker
    await new Promise((res) => setTimeout(res, 500));
    expect(s.panshan.got).toHaveLength(0);
    expect(s.gridworker.got).toHaveLength(0);
    expect(of(s.county, 'report')).toHaveLength(1);
    for (const x of Object.values(s)) x.close();
  });
});
