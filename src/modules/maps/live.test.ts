import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg, pointInGrid, upload } from '../../../test/fixtures.js';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

/**
 * County-wide live events: a report or a closure reaches every dashboard stream whose scope
 * holds its grid — the county's, its township's — and no other township's or county's.
 */
let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
});
afterAll(() => t.close());

type Got = { event: string; data: { caseId?: number; number?: string; gridCode?: string; state?: string } };

/** Opens the SSE stream and collects the `area.` events; `ready` resolves once connected. */
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
          if (event?.startsWith('area.') && data) got.push({ event, data: JSON.parse(data) as Got['data'] });
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

describe('county-wide live events, scoped to the subscriber’s subtree', () => {
  it('the county and its township hear a report; another township and another county do not', async () => {
    const county = await signIn(t.app, 'county');
    const township = await signIn(t.app, 'township');
    const panshan = await signIn(t.app, 'panshan');
    const gridworker = await signIn(t.app, 'gridworker');
    const resident = await signIn(t.app, 'resident');
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: resident })).json();
    const grid: string = me.scope.code;
    // a grid of another township of the same county
    const other = await t.db
      .selectFrom('region')
      .select('code')
      .where('county_code', '=', '211221')
      .where('level', '=', 'grid')
      .where('code', 'not like', `${grid.slice(0, 9)}%`)
      .orderBy('code')
      .executeTakeFirstOrThrow();

    const s = {
      county: stream(county.authorization),
      township: stream(township.authorization),
      panshan: stream(panshan.authorization),
      gridworker: stream(gridworker.authorization),
    };
    await Promise.all(Object.values(s).map((x) => x.ready));

    // first a report in the other township (by the county centre), then one in the township
    const far = await pointInGrid(t.db, other.code);
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: county,
      payload: { source: 'hotline', categoryCode: 'E0102', description: '别的街道的暴露垃圾', ...far },
    });
    expect(first.statusCode, first.body).toBe(201);
    const near = await pointInGrid(t.db, grid);
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: resident,
      payload: { categoryCode: 'E0102', description: '本网格的暴露垃圾', ...near },
    });
    expect(second.statusCode, second.body).toBe(201);

    await until(() => s.county.got.length >= 2 && s.township.got.length >= 1);
    expect(s.county.got.map((g) => g.data.caseId).sort()).toEqual([first.json().id, second.json().id].sort());
    expect(s.county.got[0]).toMatchObject({ event: 'area.case.reported' });
    expect(s.township.got).toEqual([
      {
        event: 'area.case.reported',
        data: expect.objectContaining({
          caseId: second.json().id,
          number: second.json().number,
          gridCode: grid,
        }),
      },
    ]);
    // the events carry no description, name or contact
    expect(JSON.stringify(s.county.got)).not.toContain('暴露垃圾');

    // a closure reaches the same streams
    const act = (id: number, who: { authorization: string }, action: string, payload: object = {}) =>
      t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/actions/${action}`, headers: who, payload });
    const village = await signIn(t.app, 'village');
    const id = second.json().id as number;
    expect((await act(id, gridworker, 'file')).statusCode).toBe(200);
    const photo = await upload(t.app, gridworker, await jpeg());
    const spot = await act(id, gridworker, 'handle_on_spot', { note: '已清理', photoIds: [photo] });
    expect(spot.statusCode, spot.body).toBe(200);
    const close = await act(id, village, 'close', { note: '核查属实' });
    expect(close.statusCode, close.body).toBe(200);
    await until(() => s.township.got.some((g) => g.event === 'area.case.closed'));
    expect(s.township.got.find((g) => g.event === 'area.case.closed')?.data).toMatchObject({
      caseId: id,
      state: 'closed',
    });

    // another county's centre and a grid worker (no dashboard) heard none of it
    await new Promise((r) => setTimeout(r, 500));
    expect(s.panshan.got).toEqual([]);
    expect(s.gridworker.got).toEqual([]);
    expect(s.township.got.filter((g) => g.data.caseId === first.json().id)).toEqual([]);
    for (const x of Object.values(s)) x.close();
  });
});
