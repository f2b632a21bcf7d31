/**
 * Campaign and emergency status for other systems (migration 0200), against a real local receiver
 * that verifies the signature: progress at most once a minute with the counts (a burst of targets
 * done is one event), nothing when nothing moved, `campaign.closed` with the misses, and
 * `emergency.declared` / `.progress` / `.closed`. A system whose scope does not hold the region
 * hears nothing; no payload names a household or a person; titles leave masked.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { makeSystem, TOWNSHIP, GRID } from '../../../test/kits/exchange.js';
import { startReceiver } from '../../../test/kits/receiver.js';
import { deliverWebhooks } from './deliver.js';
import { emitProgress } from './progress.js';

const ALL = [
  'campaign.progress',
  'campaign.closed',
  'emergency.declared',
  'emergency.progress',
  'emergency.closed',
];
let t: TestApp;
let rx: Awaited<ReturnType<typeof startReceiver>>;
const h: Record<string, { authorization: string }> = {};
let otherSub = 0;
beforeAll(async () => {
  t = await createTestApp();
  rx = await startReceiver(t.clock.now);
  for (const u of ['admin', 'township', 'gridworker']) h[u] = await signIn(t.app, u);
  // households of the grid with a bedridden member: something for an emergency to check
  await sql`UPDATE resident SET care_tags = array_append(care_tags, 'bedridden')
    WHERE id IN (SELECT min(r.id) FROM resident r WHERE r.grid_code = ${GRID} AND r.status = 'present'
      AND NOT 'bedridden' = ANY(r.care_tags) GROUP BY r.household_id ORDER BY r.household_id LIMIT 2)`.execute(
    t.db,
  );
  const mine = await makeSystem(t, h.admin!, ['changes.read'], TOWNSHIP, '民政系统');
  rx.secret = (await subscribe(mine.id, ALL)).secret;
  const other = await t.db
    .selectFrom('region')
    .select('code')
    .where('level', '=', 'township')
    .where('county_code', '=', TOWNSHIP.slice(0, 6))
    .where('code', '<>', TOWNSHIP)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const elsewhere = await makeSystem(t, h.admin!, ['changes.read'], other.code, '另一镇系统');
  otherSub = (await subscribe(elsewhere.id, ALL)).id;
});
afterAll(async () => {
  await rx.close();
  await t.close();
});

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: h[who]!, payload });
async function subscribe(systemId: number, events: string[]) {
  const res = await call('admin', 'POST', `/exchange/systems/${systemId}/subscriptions`, {
    url: rx.url,
    events,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number; secret: string }>();
}
const deps = () => ({ db: t.db, pii: t.ctx.pii, now: t.clock.now });
const later = (seconds: number) => t.clock.advance(seconds * 1000);
/** Runs the progress sweep and the delivery; answers the bodies received since. */
async function tick(prefix: string) {
  const from = rx.received.length;
  await emitProgress(deps());
  await deliverWebhooks(deps());
  // the demo's own running campaigns send their progress too: only this test's subject counts
  return rx.received.slice(from).filter((r) => r.event.startsWith(prefix) && subjectId(r) === subject);
}
let subject = 0;
const made: number[] = [];
const subjectId = (r: { body: Record<string, unknown> }) =>
  ((r.body.campaign ?? r.body.emergency) as { id: number }).id;
const day = (d: number) => new Date(Date.now() + 8 * 3_600_000 + d * 86_400_000).toISOString().slice(0, 10);

describe('campaign status', () => {
  it('progress at most once a minute with the counts, then closed with the misses', async () => {
    const launched = await call('township', 'POST', '/campaigns', {
      title: '入户核查 联系人13900001111',
      startsOn: day(0),
      endsOn: day(30),
      rule: { subject: 'resident', regions: [TOWNSHIP] },
      checklist: {
        fields: [{ key: 'seen', label: '已入户', type: 'boolean', required: true }],
        photo: 'optional',
      },
      supervising: ['township'],
    });
    expect(launched.statusCode, launched.body).toBe(201);
    const id: number = launched.json().id;
    const total: number = launched.json().targets;
    subject = id;
    made.push(id);

    const first = await tick('campaign.');
    expect(first.map((r) => r.event)).toEqual(['campaign.progress']);
    const c0 = first[0]!.body.campaign as Record<string, unknown>;
    expect(c0).toMatchObject({ id, state: 'running', targetCount: total, regionCode: TOWNSHIP });
    expect(c0.counts).toEqual({ open: total, done: 0, notApplicable: 0, missed: 0 });
    expect(c0.title).toContain('入户核查');
    expect(c0.title).not.toContain('13900001111');

    const targets = (await call('gridworker', 'GET', `/campaign-targets/mine?campaignId=${id}`)).json()
      .items as Array<{
      id: number;
    }>;
    expect(targets.length).toBeGreaterThanOrEqual(3);
    const done = async (i: number) => {
      const r = await call('gridworker', 'POST', `/campaign-targets/${targets[i]!.id}/actions/complete`, {
        answers: { seen: true },
        clientRequestId: randomUUID(),
      });
      expect(r.statusCode, r.body).toBe(200);
    };
    await done(0);
    expect(await tick('campaign.'), 'within the minute: nothing yet').toEqual([]);
    later(61);
    const second = await tick('campaign.');
    expect(second).toHaveLength(1);
    expect((second[0]!.body.campaign as { counts: object }).counts).toMatchObject({
      open: total - 1,
      done: 1,
    });
    later(61);
    expect(await tick('campaign.'), 'nothing moved: nothing sent').toEqual([]);
    // a burst is one event a minute
    await done(1);
    await done(2);
    later(61);
    const burst = await tick('campaign.');
    expect(burst).toHaveLength(1);
    expect((burst[0]!.body.campaign as { counts: object }).counts).toMatchObject({ done: 3 });

    const closed = await call('township', 'POST', `/campaigns/${id}/actions/close`, {
      reason: '其余人员外出务工',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const last = await tick('campaign.');
    expect(last.map((r) => r.event)).toEqual(['campaign.closed']);
    expect(last[0]!.body.campaign).toMatchObject({
      id,
      state: 'closed',
      counts: { open: 0, done: 3, notApplicable: 0, missed: total - 3 },
    });
    later(61);
    expect(await tick('campaign.'), 'a closed campaign has no more progress').toEqual([]);
    expect(JSON.stringify(rx.received)).not.toMatch(/household|resident|answers/i);
  });
});

describe('emergency status', () => {
  it('declared, progress by status, closed', async () => {
    const d = await call('township', 'POST', '/emergency-events', {
      templateKey: 'flood',
      title: '强降雨防汛应急',
      area: [GRID],
    });
    expect(d.statusCode, d.body).toBe(201);
    const id: number = d.json().id;
    subject = id;
    made.push(id);
    const declared = await tick('emergency.');
    expect(declared.map((r) => r.event)).toEqual(['emergency.declared', 'emergency.progress']);
    expect(declared[0]!.body.emergency).toMatchObject({
      id,
      kind: 'flood',
      state: 'declared',
      regionCode: TOWNSHIP,
    });
    const checks = (await call('gridworker', 'GET', '/emergency-checks/mine')).json().items as Array<{
      id: number;
      eventId: number;
    }>;
    const check = checks.find((c) => c.eventId === id)!;
    expect(check).toBeDefined();
    const pending = (declared[1]!.body.emergency as { counts: { pending: number } }).counts.pending;
    expect(pending).toBeGreaterThanOrEqual(1);
    const r = await call('gridworker', 'POST', `/emergency-checks/${check.id}/report`, { status: 'safe' });
    expect(r.statusCode, r.body).toBe(200);
    later(61);
    const progress = await tick('emergency.');
    expect(progress.map((x) => x.event)).toEqual(['emergency.progress']);
    expect(progress[0]!.body.emergency).toMatchObject({ counts: { pending: pending - 1, safe: 1 } });
    const c = await call('township', 'POST', `/emergency-events/${id}/actions/close`, {});
    expect(c.statusCode, c.body).toBe(200);
    const closed = await tick('emergency.');
    expect(closed.map((x) => x.event)).toEqual(['emergency.closed']);
    expect(closed[0]!.body.emergency).toMatchObject({ id, state: 'closed', counts: { safe: 1 } });
  });

  it('a system whose scope does not hold the region heard nothing', async () => {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM exchange_delivery
      WHERE subscription_id = ${otherSub}
        AND coalesce(payload -> 'campaign' ->> 'id', payload -> 'emergency' ->> 'id')::bigint = ANY (${made})`.execute(
      t.db,
    );
    expect(made).toHaveLength(2);
    expect(rows[0]!.n).toBe(0);
    // while the system of this township heard of both
    const mine = await sql<{ n: number }>`SELECT count(*)::int AS n FROM exchange_delivery
      WHERE subscription_id <> ${otherSub}
        AND coalesce(payload -> 'campaign' ->> 'id', payload -> 'emergency' ->> 'id')::bigint = ANY (${made})`.execute(
      t.db,
    );
    expect(mine.rows[0]!.n).toBeGreaterThanOrEqual(8);
  });
});
