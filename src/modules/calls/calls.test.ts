import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import type { LiveEvent } from '../../platform/events.js';
import { sweepCalls } from './sweep.js';

/**
 * The video link's server side on the demo county (铁岭县): who may ring whom (subtree, own
 * centre, never another county), the call's steps and log, signalling only between the two
 * parties (over the live stream and the catch-up route), a missed or declined call in the inbox.
 */
let t: TestApp;
type H = { authorization: string };
const h: Record<string, H> = {};
const id: Record<string, number> = {};
const USERS = ['county', 'township', 'village', 'gridworker', 'parttime', 'resident', 'panshan', 'mengqian'];

beforeAll(async () => {
  t = await createTestApp();
  for (const u of USERS) h[u] = await signIn(t.app, u);
  const rows = await t.db
    .selectFrom('account')
    .select(['id', 'username'])
    .where('username', 'in', USERS)
    .execute();
  for (const r of rows) id[r.username] = r.id;
}, 120_000);
afterAll(async () => t?.close());

const call = (who: string, body: object) =>
  t.app.inject({ method: 'POST', url: '/api/v1/calls', headers: h[who], payload: body });
const step = (who: string, callId: number, action: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/calls/${callId}/actions/${action}`,
    headers: h[who],
    payload: {},
  });
const signal = (who: string, callId: number, body: object) =>
  t.app.inject({ method: 'POST', url: `/api/v1/calls/${callId}/signals`, headers: h[who], payload: body });
const signals = (who: string, callId: number) =>
  t.app.inject({ method: 'GET', url: `/api/v1/calls/${callId}/signals`, headers: h[who] });
const inbox = async (who: string) =>
  (await t.app.inject({ method: 'GET', url: '/api/v1/inbox', headers: h[who] })).json<{
    items: Array<{ kind: string; about?: { type: string; id: number } | null }>;
  }>().items;

async function ring(caller: string, callee: string, media = 'video'): Promise<number> {
  const res = await call(caller, { media, calleeId: id[callee] });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number }>().id;
}

describe('who may ring whom', () => {
  it('staff ring accounts in their subtree; field staff ring their centre; nobody another county', async () => {
    const a = await ring('county', 'gridworker');
    expect((await step('gridworker', a, 'decline')).statusCode).toBe(200);
    const centre = await call('gridworker', { media: 'voice', toCentre: true });
    expect(centre.statusCode, centre.body).toBe(201);
    expect(centre.json()).toMatchObject({ purpose: 'centre', callee: { id: id.township }, side: 'caller' });
    expect((await step('gridworker', centre.json<{ id: number }>().id, 'hangup')).statusCode).toBe(200);

    const before = await countRows(t.db, 'call');
    // another county's account, a resident, a sideways account, oneself: not found, nothing made
    expect((await call('county', { media: 'video', calleeId: id.mengqian })).statusCode).toBe(404);
    expect((await call('panshan', { media: 'video', calleeId: id.gridworker })).statusCode).toBe(404);
    expect((await call('county', { media: 'video', calleeId: id.resident })).statusCode).toBe(404);
    expect((await call('gridworker', { media: 'video', calleeId: id.village })).statusCode).toBe(404);
    expect((await call('county', { media: 'video', calleeId: id.county })).statusCode).toBe(404);
    expect((await call('resident', { media: 'video', toCentre: true })).statusCode).toBe(403);
    expect((await call('county', { media: 'video' })).statusCode).toBe(400);
    expect((await call('county', { media: 'video', calleeId: id.gridworker, x: 1 })).statusCode).toBe(400);
    expect(await countRows(t.db, 'call')).toBe(before);
  });

  it('from the map (a grid) or a dispute rings the grid worker or the village staff of its place', async () => {
    const grid = (
      await t.db
        .selectFrom('account')
        .select('scope_code')
        .where('id', '=', id.gridworker!)
        .executeTakeFirstOrThrow()
    ).scope_code;
    const res = await call('county', { media: 'video', about: { type: 'grid', code: grid } });
    expect(res.statusCode, res.body).toBe(201);
    const placed = res.json<{ id: number; purpose: string; callee: { id: number }; about: unknown }>();
    expect(placed.purpose).toBe('scene');
    expect([id.gridworker, id.parttime]).toContain(placed.callee.id);
    expect(placed.about).toEqual({ type: 'grid', id: null, code: grid });
    expect((await step('county', placed.id, 'hangup')).statusCode).toBe(200);

    const d = await t.db
      .selectFrom('dispute')
      .select(['id', 'grid_path'])
      .where('county_code', '=', grid.slice(0, 6))
      .where(
        sql<boolean>`grid_path <@ (SELECT r.path FROM region r JOIN account a ON a.scope_code = r.code
          WHERE a.username = 'village')`,
      )
      .executeTakeFirst();
    expect(d, 'a demo dispute in the demo village').toBeDefined();
    if (d) {
      const m = await call('county', { media: 'video', about: { type: 'dispute', id: d.id } });
      expect(m.statusCode, m.body).toBe(201);
      expect(m.json()).toMatchObject({ purpose: 'mediation', callee: { role: 'village_staff' } });
      expect((await step('county', m.json<{ id: number }>().id, 'hangup')).statusCode).toBe(200);
    }
    // a case of another county is not found
    const other = await t.db
      .selectFrom('cases')
      .select('id')
      .where('county_code', '<>', grid.slice(0, 6))
      .executeTakeFirst();
    if (other)
      expect(
        (await call('county', { media: 'video', about: { type: 'case', id: other.id } })).statusCode,
      ).toBe(404);
  });

  it('a callee already in a call is busy; the same request id answers the same call', async () => {
    const rid = randomUUID();
    const first = await call('township', { media: 'video', calleeId: id.parttime, clientRequestId: rid });
    expect(first.statusCode).toBe(201);
    const again = await call('township', { media: 'video', calleeId: id.parttime, clientRequestId: rid });
    expect(again.json<{ id: number }>().id).toBe(first.json<{ id: number }>().id);
    expect((await call('county', { media: 'voice', calleeId: id.parttime })).json()).toMatchObject({
      error: { code: 'CALL_BUSY' },
    });
    expect((await step('township', first.json<{ id: number }>().id, 'hangup')).statusCode).toBe(200);
  });
});

describe('a call from ring to hang-up', () => {
  it('signals pass only between the two parties, live and on request', async () => {
    const got: Record<string, LiveEvent[]> = { gridworker: [], county: [], parttime: [] };
    const offs = Object.keys(got).map((u) => t.ctx.events.subscribe(id[u]!, (e) => got[u]!.push(e)));
    try {
      // the feed starts at the present once somebody listens: wait until it runs
      const w = await ring('county', 'gridworker');
      await step('county', w, 'hangup');
      await expect.poll(() => got.gridworker!.length, { timeout: 10_000 }).toBeGreaterThan(0);
      for (const k of Object.keys(got)) got[k] = [];
      const c = await ring('county', 'gridworker');
      const offer = { kind: 'offer', sdp: 'v=0 o=- 1 2 IN IP4 127.0.0.1 s=- t=0 0' };
      expect((await signal('county', c, offer)).statusCode).toBe(201);
      // the callee may not send an offer, the caller no answer; others not at all
      expect((await signal('gridworker', c, offer)).json()).toMatchObject({
        error: { code: 'CALL_NOT_PARTY' },
      });
      expect((await signal('parttime', c, offer)).statusCode).toBe(403); // sees the call in the log
      expect((await signal('panshan', c, offer)).statusCode).toBe(404);
      expect((await signals('parttime', c)).statusCode).toBe(403);
      expect((await signals('panshan', c)).statusCode).toBe(404);

      const kinds = (u: string) => got[u]!.filter((e) => e.call?.id === c).map((e) => e.call!.kind);
      await expect.poll(() => kinds('gridworker'), { timeout: 10_000 }).toEqual(['ring', 'offer']);
      const mine = (await signals('gridworker', c)).json<{
        items: Array<{ kind: string; payload: unknown }>;
      }>();
      expect(mine.items.map((s) => s.kind)).toEqual(['ring', 'offer']);
      expect(mine.items[1]!.payload).toEqual({ sdp: offer.sdp });

      expect((await step('county', c, 'answer')).statusCode).toBe(403);
      const answered = await step('gridworker', c, 'answer');
      expect(answered.json()).toMatchObject({ state: 'active', side: 'callee' });
      expect((await signal('gridworker', c, { kind: 'answer', sdp: 'v=0 answer sdp' })).statusCode).toBe(201);
      const ice = {
        kind: 'ice',
        candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host',
        sdpMid: '0',
        sdpMLineIndex: 0,
      };
      expect((await signal('gridworker', c, ice)).statusCode).toBe(201);
      await expect.poll(() => kinds('county'), { timeout: 10_000 }).toEqual(['answered', 'answer', 'ice']);

      t.clock.advance(95_000);
      const ended = await step('gridworker', c, 'hangup');
      expect(ended.json()).toMatchObject({ state: 'ended', outcome: 'completed', durationSeconds: 95 });
      await expect.poll(() => kinds('county'), { timeout: 10_000 }).toContain('hangup');
      expect(kinds('parttime')).toEqual([]);
      expect((await step('county', c, 'hangup')).statusCode).toBe(409);
      expect((await signal('county', c, ice)).statusCode).toBe(409);

      const audit = await t.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_type', '=', 'call')
        .where('entity_id', '=', String(c))
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['call.place', 'call.answer', 'call.hangup']);
    } finally {
      offs.forEach((off) => off());
    }
  });

  it('a ring nobody answers is missed and lands in the callee’s inbox; a declined call in the caller’s', async () => {
    const c = await ring('township', 'gridworker', 'voice');
    t.clock.advance(31_000);
    expect((await step('gridworker', c, 'answer')).statusCode).toBe(409); // too late
    expect(await sweepCalls(t.db, t.clock.now())).toMatchObject({ missed: 1 });
    const missed = (await inbox('gridworker')).find((m) => m.about?.type === 'call' && m.about.id === c);
    expect(missed?.kind).toBe('call.missed');
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/calls/${c}`, headers: h.gridworker })).json(),
    ).toMatchObject({
      outcome: 'missed',
      answeredAt: null,
    });

    const d = await ring('township', 'gridworker');
    expect((await step('gridworker', d, 'decline')).json()).toMatchObject({ outcome: 'declined' });
    expect((await inbox('township')).find((m) => m.about?.id === d)?.kind).toBe('call.declined');

    // the caller giving up before an answer: missed for the callee too
    const e = await ring('county', 'parttime');
    expect((await step('county', e, 'hangup')).json()).toMatchObject({ outcome: 'missed' });
    expect((await inbox('parttime')).find((m) => m.about?.id === e)?.kind).toBe('call.missed');
  });
});

describe('the call log', () => {
  it('is scoped: the parties and staff above them see a call, another county nobody', async () => {
    const c = await ring('township', 'parttime');
    await step('township', c, 'hangup');
    const log = async (who: string, q = '') =>
      t.app.inject({ method: 'GET', url: `/api/v1/calls${q}`, headers: h[who] });
    for (const who of ['county', 'township', 'village', 'parttime'])
      expect((await log(who)).json<{ items: Array<{ id: number }> }>().items.map((i) => i.id)).toContain(c);
    expect(
      (await log('panshan')).json<{ items: unknown[] }>().items.map((i) => (i as { id: number }).id),
    ).not.toContain(c);
    expect((await log('resident')).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/calls/${c}`, headers: h.panshan })).statusCode,
    ).toBe(404);
    // the demo's history reaches months back
    const old = (await log('county', '?limit=200')).json<{ items: Array<{ startedAt: string }> }>().items;
    expect(old.length).toBeGreaterThan(20);
  });

  it('the ring time is a county setting, changed by the county centre only, audited', async () => {
    const put = (who: string, ringSeconds: number) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/calls/settings',
        headers: h[who],
        payload: { ringSeconds },
      });
    expect((await put('township', 20)).statusCode).toBe(403);
    expect((await put('county', 5)).statusCode).toBe(400);
    expect((await put('county', 20)).json()).toEqual({ ringSeconds: 20 });
    const c = await call('county', { media: 'voice', calleeId: id.village });
    const v = c.json<{ id: number; startedAt: string; ringUntil: string }>();
    expect(Date.parse(v.ringUntil) - Date.parse(v.startedAt)).toBe(20_000);
    await step('village', v.id, 'decline');
  });
});
